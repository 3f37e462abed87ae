/**
 * The mail outbox (0040, 0043): rows are inserted in the caller's transaction (the state change that
 * causes the e-mail). The worker claims a row by writing a lease in one short statement (`FOR UPDATE
 * SKIP LOCKED` in its sub-select, so two workers never claim the same row at once), sends with no
 * transaction open, and records the outcome in another short statement. A row whose lease has expired
 * is due again.
 */
import { createHash, randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database, MailStatus } from './schema';

type AnyDb = Kysely<Database>;

export type MailKind =
  | 'order_confirmation'
  | 'order_receipt'
  | 'session_started'
  | 'refund_notice'
  | 'email_verification'
  | 'password_reset'
  | 'registration_attempt';

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
  /** Set while a worker is sending the row (its claim), null otherwise. */
  leaseToken: string | null;
  leaseExpiresAt: Date | null;
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
    leaseToken: r.lease_token,
    leaseExpiresAt: r.lease_expires_at,
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
  return (await enqueueMails(db, [mail])) > 0;
}

/**
 * Inserts several e-mails in one statement (in this order), each unless its key exists; answers how
 * many rows were written.
 */
export async function enqueueMails(db: AnyDb, mails: readonly NewMail[]): Promise<number> {
  if (mails.length === 0) return 0;
  const result = await db
    .insertInto('mail_outbox')
    .values(mails.map(outboxValues))
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

function outboxValues(mail: NewMail) {
  const messageId = createHash('sha256')
    .update(`lumira-mail:${mail.idempotencyKey}`)
    .digest('hex')
    .slice(0, 40);
  return {
    idempotency_key: mail.idempotencyKey,
    kind: mail.kind,
    recipient: mail.recipient,
    order_id: mail.orderId ?? null,
    user_id: mail.userId ?? null,
    payload: JSON.stringify(mail.payload ?? {}),
    message_id: messageId,
    last_error: null,
    sent_at: null,
  };
}

/**
 * Claims the oldest due pending row no worker holds a live lease on, in one statement (its own short
 * transaction): the row gets a fresh lease token, a lease until now + `leaseMs`, and one more attempt.
 * Answers the claimed row (with its token) or null.
 */
export async function claimDueMail(db: AnyDb, leaseMs: number): Promise<OutboxMail | null> {
  const token = randomUUID();
  const result = await sql<Row>`
    UPDATE mail_outbox
       SET lease_token = ${token}::uuid,
           lease_expires_at = now() + make_interval(secs => ${leaseMs / 1000}),
           attempts = attempts + 1
     WHERE id = (
       SELECT id FROM mail_outbox
        WHERE status = 'pending'
          AND next_attempt_at <= now()
          AND (lease_expires_at IS NULL OR lease_expires_at <= now())
        ORDER BY next_attempt_at, id
        LIMIT 1
        FOR UPDATE SKIP LOCKED)
    RETURNING *`.execute(db);
  const row = result.rows[0];
  return row ? toMail(row) : null;
}

/**
 * The message went out: the row is sent, whoever holds its lease now (a delivery is a fact; if the lease
 * had expired and another worker is sending a copy, that copy carries the same Message-ID).
 */
export async function markMailSent(db: AnyDb, id: string): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ status: 'sent', sent_at: sql`now()`, last_error: null, lease_token: null, lease_expires_at: null })
    .where('id', '=', id)
    .where('status', '<>', 'sent')
    .execute();
}

/**
 * Records a failed attempt under the worker's lease: retried at `retryAt`, or `failed` for good when
 * `retryAt` is null. Does nothing if the lease was lost (another worker has claimed the row since).
 */
export async function markMailAttemptFailed(
  db: AnyDb,
  claim: { id: string; leaseToken: string },
  error: string,
  retryAt: Date | null,
): Promise<boolean> {
  const result = await db
    .updateTable('mail_outbox')
    .set({
      last_error: error.slice(0, 500),
      lease_token: null,
      lease_expires_at: null,
      ...(retryAt ? { next_attempt_at: retryAt } : { status: 'failed' as const }),
    })
    .where('id', '=', claim.id)
    .where('lease_token', '=', claim.leaseToken)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export type RequeueOutcome = 'requeued' | 'already_queued' | 'already_sent';

/**
 * An admin asks to send an e-mail again. A failed row goes back to pending, due now, attempts reset
 * (same row, same Message-ID); a pending row is already queued and a sent one stays sent (asking twice
 * changes nothing). Each request is written to `mail_admin_actions` in the same transaction.
 * Answers null when there is no such e-mail.
 */
export async function requeueMail(
  db: AnyDb,
  id: string,
  adminUserId: string,
): Promise<RequeueOutcome | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('mail_outbox')
      .select(['status'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return null;
    const outcome: RequeueOutcome =
      row.status === 'failed' ? 'requeued' : row.status === 'pending' ? 'already_queued' : 'already_sent';
    if (outcome === 'requeued') {
      await trx
        .updateTable('mail_outbox')
        .set({
          status: 'pending',
          attempts: 0,
          next_attempt_at: sql`now()`,
          lease_token: null,
          lease_expires_at: null,
        })
        .where('id', '=', id)
        .execute();
    }
    await trx
      .insertInto('mail_admin_actions')
      .values({ mail_id: id, admin_user_id: adminUserId, action: 'requeue', outcome })
      .execute();
    return outcome;
  });
}

/** The admin actions on these e-mails, oldest first. */
export async function listMailAdminActions(db: AnyDb, mailIds: readonly string[]) {
  if (mailIds.length === 0) return [];
  return db
    .selectFrom('mail_admin_actions')
    .select(['mail_id', 'admin_user_id', 'action', 'outcome', 'created_at'])
    .where('mail_id', 'in', mailIds)
    .orderBy('id')
    .execute();
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
