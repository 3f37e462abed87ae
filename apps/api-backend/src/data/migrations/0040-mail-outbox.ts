/**
 * 0040 (mail outbox): every e-mail is a row written in the same transaction as the state change that
 * causes it. `idempotency_key` (unique) makes "enqueue twice" a no-op; `message_id` is the stable
 * Message-ID header every delivery attempt of the row carries. The worker claims due rows with
 * `FOR UPDATE SKIP LOCKED` and holds the row lock while it talks to the SMTP server.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
CREATE TABLE mail_outbox (
  id               bigserial PRIMARY KEY,
  idempotency_key  text NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  kind             text NOT NULL,
  recipient        text NOT NULL CHECK (length(recipient) BETWEEN 3 AND 320),
  order_id         char(24) REFERENCES orders(id),
  user_id          char(24) REFERENCES users(id),
  payload          jsonb NOT NULL DEFAULT '{}',
  message_id       text NOT NULL UNIQUE,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  last_error       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  sent_at          timestamptz,
  CONSTRAINT mail_outbox_sent_has_time CHECK (status <> 'sent' OR sent_at IS NOT NULL)
);
CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX mail_outbox_order_idx ON mail_outbox (order_id) WHERE order_id IS NOT NULL;
CREATE INDEX mail_outbox_failed_idx ON mail_outbox (created_at DESC) WHERE status = 'failed';
`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE IF EXISTS mail_outbox;').execute(db);
}
