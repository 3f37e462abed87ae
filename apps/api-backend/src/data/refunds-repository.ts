/** Refunds: one row per provider refund attempt; only SUCCEEDED rows count in orders.refunded_amount. */
import type { Currency } from '@lumira/shared';
import { money } from '@lumira/shared';
import { sql } from 'kysely';
import type { Refund, RefundStatus } from '../domain/orders/order';
import type { Db } from './db';
import { oneRow, readersById } from './one-row';
import type { RefundRow } from './schema';

export function toRefund(r: RefundRow): Refund {
  return {
    id: r.id,
    orderId: r.order_id,
    providerRefundId: r.stripe_refund_id,
    amount: money(r.amount, r.currency),
    status: r.status,
    reason: r.reason,
    idempotencyKey: r.idempotency_key,
    failureReason: r.failure_reason,
    requestedBy: r.requested_by,
    retryOf: r.retry_of,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function insertRefund(
  db: Db,
  refund: {
    id: string;
    orderId: string;
    amount: { amount: number; currency: Currency };
    reason: string;
    idempotencyKey: string;
    requestedBy: string | null;
    retryOf?: string | null;
  },
): Promise<Refund> {
  const row = await db
    .insertInto('refunds')
    .values({
      id: refund.id,
      order_id: refund.orderId,
      amount: refund.amount.amount,
      currency: refund.amount.currency,
      status: 'pending',
      reason: refund.reason,
      idempotency_key: refund.idempotencyKey,
      requested_by: refund.requestedBy,
      retry_of: refund.retryOf ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRefund(row);
}

const refundsById = readersById(
  (db, id) => db.selectFrom('refunds').selectAll().where('id', '=', id),
  toRefund,
);
export const findRefundById = refundsById.find;
/** SELECT ... FOR UPDATE: call inside a transaction; the row stays locked until it ends. */
export const lockRefund = refundsById.lock;

export function findRefundIdByProviderId(db: Db, providerRefundId: string): Promise<string | null> {
  const query = db.selectFrom('refunds').select('id').where('stripe_refund_id', '=', providerRefundId);
  return oneRow(query, (row) => row.id);
}

export async function listRefundsOfOrder(db: Db, orderId: string): Promise<Refund[]> {
  const rows = await db
    .selectFrom('refunds')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
  return rows.map(toRefund);
}

export async function hasRetry(db: Db, refundId: string): Promise<boolean> {
  const row = await db.selectFrom('refunds').select('id').where('retry_of', '=', refundId).executeTakeFirst();
  return row !== undefined;
}

export async function updateRefund(
  db: Db,
  id: string,
  patch: Partial<{ status: RefundStatus; providerRefundId: string; failureReason: string | null }>,
): Promise<Refund> {
  const set: Record<string, unknown> = { updated_at: sql`now()` };
  if (patch.status !== undefined) set.status = patch.status;
  if (patch.providerRefundId !== undefined) set.stripe_refund_id = patch.providerRefundId;
  if (patch.failureReason !== undefined) set.failure_reason = patch.failureReason;
  const row = await db
    .updateTable('refunds')
    .set(set)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRefund(row);
}

/** Pending refunds not touched since `updatedBefore` (reconciliation). */
export async function listStalePendingRefunds(
  db: Db,
  options: { updatedBefore: Date; limit: number },
): Promise<Refund[]> {
  const rows = await db
    .selectFrom('refunds')
    .selectAll()
    .where('status', '=', 'pending')
    .where('updated_at', '<', options.updatedBefore)
    .orderBy('created_at', 'asc')
    .limit(options.limit)
    .execute();
  return rows.map(toRefund);
}
