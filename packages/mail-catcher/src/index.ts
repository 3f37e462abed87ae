/**
 * A development mail catcher with Mailpit's conventions: an SMTP server (default 127.0.0.1:1025) that
 * keeps every message in memory, and a web page + JSON API (default 127.0.0.1:8025) answering Mailpit's
 * `/api/v1/messages`, `/api/v1/message/:id` (`latest` allowed), `/api/v1/message/:id/part/:partId`,
 * `/api/v1/message/:id/raw`, `/api/v1/search?query=` and `DELETE /api/v1/messages` with the same shapes.
 *
 * A message counts as delivered only when the catcher answers 250 to its DATA: a client that drops the
 * connection before that answer (a crashed sender) delivered nothing, as RFC 5321 says. Faults for tests:
 * `refuseNext(n)` answers the next n messages with a temporary 451; `holdNext()` keeps the next message
 * unanswered until released (the sender can be killed meanwhile). `ignoreDuplicateIds` drops a message
 * whose Message-ID was already caught (Mailpit's `--ignore-duplicate-ids`); duplicates are counted
 * either way in `stats`.
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { createHttpHandler } from './http';
import { type CaughtMessage, toCaughtMessage } from './store';

export type { CaughtAttachment, CaughtMessage, MailAddress, MessageSummary } from './store';

export type MailCatcherOptions = {
  /** Default 127.0.0.1. */
  host?: string;
  /** SMTP port; default 1025, 0 picks a free one. */
  smtpPort?: number;
  /** Web page and API port; default 8025, 0 picks a free one. */
  httpPort?: number;
  /** Drop messages whose Message-ID was already caught (default false, like Mailpit). */
  ignoreDuplicateIds?: boolean;
  /** Largest message accepted, in bytes (default 25 MB). */
  maxMessageBytes?: number;
};

export type MailCatcherStats = {
  /** Messages answered 250 and stored. */
  accepted: number;
  /** Messages answered with a temporary error by `refuseNext`. */
  refused: number;
  /** Messages whose sender went away before the answer (not stored). */
  abandoned: number;
  /** Messages carrying a Message-ID seen before (stored unless `ignoreDuplicateIds`). */
  duplicates: number;
};

export type HeldMessage = {
  /** The held message, parsed (not stored yet). */
  message: CaughtMessage;
  /** Answers 250 (stored) if the sender is still connected. */
  release(): void;
};

export type MailCatcherHandle = {
  smtpPort: number;
  httpPort: number;
  /** `smtp://host:smtpPort` for nodemailer / SMTP_URL. */
  smtpUrl: string;
  /** `http://host:httpPort`. */
  httpUrl: string;
  /** Stored messages, newest first. */
  messages(): CaughtMessage[];
  stats(): MailCatcherStats;
  clear(): void;
  /** The next `count` messages get `451 4.3.0` (a temporary failure: senders retry). */
  refuseNext(count: number): void;
  /** Holds the next message unanswered; resolves when it has been received in full. */
  holdNext(): Promise<HeldMessage>;
  close(): Promise<void>;
};

export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcherHandle> {
  const host = options.host ?? '127.0.0.1';
  const messages: CaughtMessage[] = [];
  const seenMessageIds = new Set<string>();
  const stats: MailCatcherStats = { accepted: 0, refused: 0, abandoned: 0, duplicates: 0 };
  let refuseCount = 0;
  const holdWaiters: ((held: HeldMessage) => void)[] = [];
  const closedSessions = new Map<string, () => void>();

  const store = (message: CaughtMessage) => {
    if (message.MessageID && seenMessageIds.has(message.MessageID)) {
      stats.duplicates++;
      if (options.ignoreDuplicateIds) return;
    }
    if (message.MessageID) seenMessageIds.add(message.MessageID);
    stats.accepted++;
    messages.unshift(message);
  };

  const smtp = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    banner: 'Lumira mail catcher',
    size: options.maxMessageBytes ?? 25 * 1024 * 1024,
    logger: false,
    closeTimeout: 500,
    onConnect(session, callback) {
      closedSessions.set(session.id, () => {});
      callback();
    },
    onClose(session: SMTPServerSession) {
      const onClosed = closedSessions.get(session.id);
      closedSessions.delete(session.id);
      onClosed?.();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        void (async () => {
          if (stream.sizeExceeded) {
            callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
            return;
          }
          if (refuseCount > 0) {
            refuseCount--;
            stats.refused++;
            callback(Object.assign(new Error('4.3.0 Temporarily refusing messages'), { responseCode: 451 }));
            return;
          }
          const raw = Buffer.concat(chunks);
          const returnPath = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          let message: CaughtMessage;
          try {
            message = toCaughtMessage(await simpleParser(raw), raw, returnPath);
          } catch {
            callback(Object.assign(new Error('Message could not be parsed'), { responseCode: 554 }));
            return;
          }
          const waiter = holdWaiters.shift();
          if (waiter) {
            const connected = closedSessions.has(session.id);
            const outcome = await new Promise<'released' | 'closed'>((resolve) => {
              if (!connected) return resolve('closed');
              closedSessions.set(session.id, () => resolve('closed'));
              waiter({ message, release: () => resolve('released') });
            });
            if (outcome === 'closed') {
              stats.abandoned++;
              return;
            }
          }
          store(message);
          callback(null, `Ok: queued as ${message.ID}`);
        })();
      });
    },
  });
  smtp.on('error', () => {
    // Per-connection errors (a client vanishing) are not the catcher's failures.
  });

  const server = http.createServer(createHttpHandler(() => messages, { clear: () => messages.splice(0) }));

  smtp.listen(options.smtpPort ?? 1025, host);
  await Promise.race([
    once(smtp.server, 'listening'),
    once(smtp.server, 'error').then(([e]) => Promise.reject(e)),
  ]);
  try {
    server.listen(options.httpPort ?? 8025, host);
    await Promise.race([once(server, 'listening'), once(server, 'error').then(([e]) => Promise.reject(e))]);
  } catch (error) {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    throw error;
  }
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const httpPort = (server.address() as AddressInfo).port;

  let closed: Promise<void> | null = null;
  return {
    smtpPort,
    httpPort,
    smtpUrl: `smtp://${host}:${smtpPort}`,
    httpUrl: `http://${host}:${httpPort}`,
    messages: () => [...messages],
    stats: () => ({ ...stats }),
    clear: () => {
      messages.splice(0);
    },
    refuseNext(count) {
      refuseCount = count;
    },
    holdNext() {
      return new Promise<HeldMessage>((resolve) => holdWaiters.push(resolve));
    },
    close() {
      closed ??= (async () => {
        server.closeAllConnections();
        await Promise.all([
          new Promise<void>((resolve) => server.close(() => resolve())),
          new Promise<void>((resolve) => smtp.close(() => resolve())),
        ]);
      })();
      return closed;
    },
  };
}
