/**
 * The outbox worker: sends every e-mail row, at least once and normally once, whatever the number of
 * API instances; a resend carries the same Message-ID, so a copy is recognisable (decision 0063).
 *
 * Each instance runs `MAIL_CONCURRENCY` lanes; a lane, for one row at a time:
 *   1. claims the oldest due row in one short statement that writes a lease (token + expiry,
 *      `MAIL_LEASE_MS`); `SKIP LOCKED` in that statement keeps two workers off the same row;
 *   2. renders it (links and tokens made now) in a short transaction of its own;
 *   3. hands it to SMTP with NO transaction open and no row lock held;
 *   4. marks it sent, or records the failed attempt with the next try after an exponential backoff
 *      (failed for good after MAIL_MAX_ATTEMPTS, or at once when its data is gone), in one statement.
 * A worker that dies or hangs mid-send leaves its lease to expire; the row is then claimed again. The
 * SMTP server took responsibility for a message only if it answered the DATA (RFC 5321): a message cut
 * off before that is not delivered, and one accepted just before the worker died (or whose lease ran
 * out while the server was slow to answer) is sent again with the SAME Message-ID.
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
  const { config, db } = ctx;
  const mail = await claimDueMail(db, config.mail.leaseMs);
  if (!mail?.leaseToken) return null;
  const claim = { id: mail.id, leaseToken: mail.leaseToken };
  try {
    const rendered = await db.transaction().execute((trx) => renderOutboxMail(trx, config, mail));
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
  } catch (error) {
    const final = error instanceof UnsendableMailError || mail.attempts >= config.mail.maxAttempts;
    const retryAt = final
      ? null
      : new Date(Date.now() + retryDelayMs(config.mail.retryBaseMs, mail.attempts));
    const description = describeMailError(error);
    await markMailAttemptFailed(db, claim, description, retryAt);
    return { mail, sent: false, error: description, final };
  }
  await markMailSent(db, mail.id);
  return { mail, sent: true };
}

export function startMailWorker(ctx: MailWorkerContext, transport: MailTransport): MailWorker {
  let stopped = false;
  const stopping = new AbortController();

  const report = (outcome: Outcome) => {
    const { mail } = outcome;
    if (outcome.sent) {
      ctx.metrics.emailsSent.inc({ kind: mail.kind });
      ctx.logger.info(
        { mailId: mail.id, kind: mail.kind, orderId: mail.orderId, attempt: mail.attempts },
        'e-mail sent',
      );
      return;
    }
    ctx.metrics.emailFailures.inc({ kind: mail.kind, final: String(outcome.final) });
    ctx.logger[outcome.final ? 'error' : 'warn'](
      {
        mailId: mail.id,
        kind: mail.kind,
        orderId: mail.orderId,
        attempt: mail.attempts,
        error: outcome.error,
      },
      outcome.final ? 'e-mail failed for good (visible to admins)' : 'e-mail attempt failed, will retry',
    );
  };

  // A lane sends due rows one after the other and sleeps for the poll interval when there are none.
  const lane = async () => {
    while (!stopped) {
      let outcome: Outcome | null = null;
      try {
        outcome = await processOne(ctx, transport);
        if (outcome) report(outcome);
      } catch (error) {
        ctx.logger.error({ err: error }, 'mail worker round failed');
      }
      if (stopped) break;
      if (!outcome)
        await delay(ctx.config.mail.pollIntervalMs, undefined, { signal: stopping.signal }).catch(
          () => undefined,
        );
    }
  };
  const lanes = Promise.all(Array.from({ length: Math.max(1, ctx.config.mail.concurrency) }, lane));

  return {
    async stop() {
      stopped = true;
      stopping.abort();
      await lanes;
      transport.close();
    },
  };
}
