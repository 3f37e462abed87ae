/**
 * 0002 (payments): columns the payments use cases need beyond 0001.
 * - orders.proposed_refund_amount: pro-rata refund proposed to the admin after an interrupted session.
 * - refunds.retry_of: a retried failed refund is a NEW refund (new id, new idempotency key) pointing at the
 *   failed one; the unique index makes "retry twice" impossible.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
ALTER TABLE orders ADD COLUMN proposed_refund_amount integer CHECK (proposed_refund_amount IS NULL OR proposed_refund_amount > 0);
ALTER TABLE refunds ADD COLUMN retry_of char(24) REFERENCES refunds(id);
CREATE UNIQUE INDEX refunds_retry_of_key ON refunds (retry_of) WHERE retry_of IS NOT NULL;
CREATE INDEX orders_pending_expiry_idx ON orders (status, expires_at);
CREATE INDEX payment_events_received_idx ON payment_events (received_at);
`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
DROP INDEX IF EXISTS payment_events_received_idx;
DROP INDEX IF EXISTS orders_pending_expiry_idx;
DROP INDEX IF EXISTS refunds_retry_of_key;
ALTER TABLE refunds DROP COLUMN IF EXISTS retry_of;
ALTER TABLE orders DROP COLUMN IF EXISTS proposed_refund_amount;
`)
    .execute(db);
}
