/**
 * 0011 (fair reconciliation): when reconciliation last looked at an unpaid order. Each pass takes the
 * orders never looked at first, then the least recently looked at, so a backlog of abandoned checkouts
 * can never hide a paid order whose webhooks were lost (the pass used to take the oldest orders only).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
ALTER TABLE orders ADD COLUMN reconciled_at timestamptz;
CREATE INDEX orders_reconcile_rotation_idx ON orders (reconciled_at NULLS FIRST, created_at)
  WHERE status IN ('pending_payment', 'requires_action', 'payment_failed');
`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw('DROP INDEX orders_reconcile_rotation_idx; ALTER TABLE orders DROP COLUMN reconciled_at;')
    .execute(db);
}
