/**
 * Client Idempotency-Key records (scope = endpoint + caller). The checkout claims its key in its own first
 * statement (`openCheckout`, checkout-repository.ts), in the order's transaction: a concurrent request
 * with the same key blocks on the primary key until the first commits, then reads the winner's record
 * here.
 */
import type { Db } from './db';

export type IdempotencyRecord = { scope: string; key: string; requestHash: string; response: unknown };

export async function findIdempotencyRecord(
  db: Db,
  scope: string,
  key: string,
): Promise<IdempotencyRecord | null> {
  const row = await db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
  return row
    ? { scope: row.scope, key: row.key, requestHash: row.request_hash, response: row.response }
    : null;
}

export async function deleteExpiredIdempotencyKeys(db: Db, olderThan: Date): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', olderThan)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
