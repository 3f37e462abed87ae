/**
 * The mail outbox (0040): rows are inserted in the caller's transaction (the state change that causes
 * the e-mail) and claimed one at a time by the worker with `FOR UPDATE SKIP LOCKED`, inside a
 * transaction that stays open while the message is handed to the SMTP server.
 */
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database, MailStatus } from './schema';

type AnyDb = Kysely<Database>;

export type MailKind =
  | 'order_confirmation'
  | 'order_receipt'
  | 'session_started'
  | 'refund_notice'
  | 'email_verification'
  | 'password_reset';

export type OutboxMail = {
  id: string;
  idempotencyKey: string;
  kind: MailKind;
  recipient: string;
  orderId: string | null;
  userId: string | null;
  payload: Record<string, unknown>;
  /** Local part of the Message-ID every attempt of this row carries. */
  messageId: string;
  status: MailStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
};

type Row = Awaited<ReturnType<typeof selectRows>>[number];
function selectRows(db: AnyDb) {
  return db.selectFrom('mail_outbox').selectAll().execute();
}

function toMail(r: Row): OutboxMail {
  return {
    id: String(r.id),
    idempotencyKey: r.idempotency_key,
    kind: r.kind as MailKind,
    recipient: r.recipient,
    orderId: r.order_id ? String(r.order_id) : null,
    userId: r.user_id ? String(r.user_id) : null,
    payload: (r.payload ?? {}) as Record<string, unknown>,
    messageId: r.message_id,
    status: r.status,
    attempts: Number(r.attempts),
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

export type NewMail = {
  /** Unique per e-mail: enqueueing the same key twice keeps the first row. */
  idempotencyKey: string;
  kind: MailKind;
  recipient: string;
  orderId?: string | null;
  userId?: string | null;
  payload?: Record<string, unknown>;
};

/** Inserts the e-mail unless its key exists; answers whether a row was written. */
export async function enqueueMail(db: AnyDb, mail: NewMail): Promise<boolean> {
  const messageId = createHash('sha256')
    .update(`lumira-mail:${mail.idempotencyKey}`)
    .digest('hex')
    .slice(0, 40);
  const result = await db
    .insertInto('mail_outbox')
    .values({
      idempotency_key: mail.idempotencyKey,
      kind: mail.kind,
      recipient: mail.recipient,
      order_id: mail.orderId ?? null,
      user_id: mail.userId ?? null,
      payload: JSON.stringify(mail.payload ?? {}),
      message_id: messageId,
      last_error: null,
      sent_at: null,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Locks the oldest due pending row no other worker holds (call inside a transaction). */
export async function claimDueMail(trx: AnyDb): Promise<OutboxMail | null> {
  const row = await trx
    .selectFrom('mail_outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', sql<Date>`now()`)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  return row ? toMail(row) : null;
}

export async function markMailSent(trx: AnyDb, id: string): Promise<void> {
  await trx
    .updateTable('mail_outbox')
    .set({ status: 'sent', sent_at: sql`now()`, attempts: sql`attempts + 1`, last_error: null })
    .where('id', '=', id)
    .execute();
}

/** Records a failed attempt: retried at `retryAt`, or `failed` for good when `retryAt` is null. */
export async function markMailAttemptFailed(
  trx: AnyDb,
  id: string,
  error: string,
  retryAt: Date | null,
): Promise<void> {
  await trx
    .updateTable('mail_outbox')
    .set({
      attempts: sql`attempts + 1`,
      last_error: error.slice(0, 500),
      ...(retryAt ? { next_attempt_at: retryAt } : { status: 'failed' as const }),
    })
    .where('id', '=', id)
    .execute();
}

/** An admin sends a failed e-mail again: back to pending, due now, attempts reset. */
export async function requeueFailedMail(db: AnyDb, id: string): Promise<boolean> {
  const result = await db
    .updateTable('mail_outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: sql`now()` })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function listMails(
  db: AnyDb,
  filter: { status?: MailStatus; orderId?: string; limit?: number } = {},
): Promise<OutboxMail[]> {
  let query = db.selectFrom('mail_outbox').selectAll();
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.orderId) query = query.where('order_id', '=', filter.orderId);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map(toMail);
}

export async function countMailsByStatus(db: AnyDb): Promise<Record<MailStatus, number>> {
  const rows = await db
    .selectFrom('mail_outbox')
    .select(['status', (eb) => eb.fn.countAll<string>().as('count')])
    .groupBy('status')
    .execute();
  const counts: Record<MailStatus, number> = { pending: 0, sent: 0, failed: 0 };
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}
