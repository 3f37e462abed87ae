/**
 * Client Idempotency-Key records (scope = endpoint + caller). `claimIdempotencyKey` inserts the key in
 * the caller's transaction: a concurrent request with the same key blocks on the primary key until the
 * first commits, then reads the winner's record.
 */
import type { Db } from './db';

export type IdempotencyRecord = { scope: string; key: string; requestHash: string; response: unknown };

/** true: this call owns the key; false: the key already exists (see `findIdempotencyRecord`). */
export async function claimIdempotencyKey(
  db: Db,
  record: { scope: string; key: string; requestHash: string; response: unknown },
): Promise<boolean> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({
      scope: record.scope,
      key: record.key,
      request_hash: record.requestHash,
      response: JSON.stringify(record.response),
    })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return inserted !== undefined;
}

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
