/**
 * The outbox worker: sends each e-mail row exactly once, whatever the number of API instances.
 *
 * One row at a time, each in its own transaction:
 *   1. claim the oldest due pending row with `FOR UPDATE SKIP LOCKED` (another instance skips it);
 *   2. render it (links and tokens made now) and hand it to SMTP while the row stays locked;
 *   3. mark it sent, or record the failed attempt with the next try after an exponential backoff
 *      (failed for good after MAIL_MAX_ATTEMPTS, or at once when its data is gone);
 *   4. commit.
 * A worker that dies mid-send releases its lock with its connection: the row is still pending and is
 * sent by the next claim. The SMTP server took responsibility for a message only if it answered the
 * DATA (RFC 5321), so a message cut off before that is not delivered; the one remaining window (the
 * server answered, the process died before COMMIT) resends it with the SAME Message-ID, which lets the
 * receiving side recognise the copy (decision 0060).
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Config } from '../../config';
import type { Db } from '../../data/db';
import {
  claimDueMail,
  markMailAttemptFailed,
  markMailSent,
  type OutboxMail,
} from '../../data/mail-outbox-repository';
import type { Logger } from '../../observability/logger';
import type { Metrics } from '../../observability/metrics';
import { describeMailError, type MailTransport } from '../../providers/mail-transport';
import { type MailRenderConfig, renderOutboxMail, UnsendableMailError } from './render-outbox-mail';

export type MailWorkerContext = {
  db: Db;
  config: MailRenderConfig & { mail: Config['mail'] };
  logger: Logger;
  metrics: Metrics;
};

export type MailWorker = {
  /** Sends every due e-mail now; answers how many rows were processed (sent or failed). */
  drain(): Promise<number>;
  stop(): Promise<void>;
};

const MAX_BACKOFF_MS = 3600_000;

export function retryDelayMs(retryBaseMs: number, attemptsSoFar: number): number {
  return Math.min(MAX_BACKOFF_MS, retryBaseMs * 2 ** Math.max(0, attemptsSoFar - 1));
}

function messageIdHeader(mail: OutboxMail, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'lumira.invalid';
  return `<${mail.messageId}@${domain}>`;
}

type Outcome =
  | { mail: OutboxMail; sent: true }
  | { mail: OutboxMail; sent: false; error: string; final: boolean };

async function processOne(ctx: MailWorkerContext, transport: MailTransport): Promise<Outcome | null> {
  const { config } = ctx;
  return ctx.db.transaction().execute(async (trx): Promise<Outcome | null> => {
    const mail = await claimDueMail(trx);
    if (!mail) return null;
    try {
      const rendered = await renderOutboxMail(trx, config, mail);
      await transport.send({
        from: config.mail.from,
        to: mail.recipient,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        attachments: rendered.attachments,
        messageId: messageIdHeader(mail, config.mail.from),
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Lumira-Mail-Kind': mail.kind },
      });
      await markMailSent(trx, mail.id);
      return { mail, sent: true };
    } catch (error) {
      const attempts = mail.attempts + 1;
      const final = error instanceof UnsendableMailError || attempts >= config.mail.maxAttempts;
      const retryAt = final ? null : new Date(Date.now() + retryDelayMs(config.mail.retryBaseMs, attempts));
      const description = describeMailError(error);
      await markMailAttemptFailed(trx, mail.id, description, retryAt);
      return { mail, sent: false, error: description, final };
    }
  });
}

export function startMailWorker(ctx: MailWorkerContext, transport: MailTransport): MailWorker {
  let stopped = false;
  let wake: AbortController | null = null;
  let draining: Promise<number> | null = null;

  const drainOnce = async (): Promise<number> => {
    let processed = 0;
    while (!stopped) {
      const outcome = await processOne(ctx, transport);
      if (!outcome) break;
      processed++;
      const { mail } = outcome;
      if (outcome.sent) {
        ctx.metrics.emailsSent.inc({ kind: mail.kind });
        ctx.logger.info(
          { mailId: mail.id, kind: mail.kind, orderId: mail.orderId, attempt: mail.attempts + 1 },
          'e-mail sent',
        );
      } else {
        ctx.metrics.emailFailures.inc({ kind: mail.kind, final: String(outcome.final) });
        ctx.logger[outcome.final ? 'error' : 'warn'](
          {
            mailId: mail.id,
            kind: mail.kind,
            orderId: mail.orderId,
            attempt: mail.attempts + 1,
            error: outcome.error,
          },
          outcome.final ? 'e-mail failed for good (visible to admins)' : 'e-mail attempt failed, will retry',
        );
      }
    }
    return processed;
  };

  const drain = () => {
    draining ??= drainOnce().finally(() => {
      draining = null;
    });
    return draining;
  };

  const loop = (async () => {
    while (!stopped) {
      try {
        await drain();
      } catch (error) {
        ctx.logger.error({ err: error }, 'mail worker round failed');
      }
      if (stopped) break;
      wake = new AbortController();
      await delay(ctx.config.mail.pollIntervalMs, undefined, { signal: wake.signal }).catch(() => undefined);
    }
  })();

  return {
    drain,
    async stop() {
      stopped = true;
      wake?.abort();
      await loop;
      transport.close();
    },
  };
}
