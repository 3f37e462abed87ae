/** Refunds: one row per provider refund attempt; only SUCCEEDED rows count in orders.refunded_amount. */
import type { Currency } from '@lumira/shared';
import { money } from '@lumira/shared';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Refund, RefundStatus } from '../domain/orders/order';
import { asPaymentsDb, type PaymentsDatabase } from './payments-schema';
import type { Database } from './schema';

type AnyDb = Kysely<Database> | Kysely<PaymentsDatabase>;

export function toRefund(r: Selectable<PaymentsDatabase['refunds']>): Refund {
  return {
    id: String(r.id),
    orderId: String(r.order_id),
    providerRefundId: r.stripe_refund_id ?? null,
    amount: money(r.amount, String(r.currency).trim() as Currency),
    status: r.status as RefundStatus,
    reason: r.reason,
    idempotencyKey: r.idempotency_key,
    failureReason: r.failure_reason ?? null,
    requestedBy: r.requested_by ?? null,
    retryOf: r.retry_of ? String(r.retry_of) : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function insertRefund(
  db: AnyDb,
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
  const row = await asPaymentsDb(db)
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

export async function findRefundById(db: AnyDb, id: string): Promise<Refund | null> {
  const row = await asPaymentsDb(db)
    .selectFrom('refunds')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toRefund(row) : null;
}

export async function lockRefund(db: AnyDb, id: string): Promise<Refund | null> {
  const row = await asPaymentsDb(db)
    .selectFrom('refunds')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ? toRefund(row) : null;
}

export async function findRefundIdByProviderId(db: AnyDb, providerRefundId: string): Promise<string | null> {
  const row = await asPaymentsDb(db)
    .selectFrom('refunds')
    .select('id')
    .where('stripe_refund_id', '=', providerRefundId)
    .executeTakeFirst();
  return row ? String(row.id) : null;
}

export async function listRefundsOfOrder(db: AnyDb, orderId: string): Promise<Refund[]> {
  const rows = await asPaymentsDb(db)
    .selectFrom('refunds')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
  return rows.map(toRefund);
}

export async function hasRetry(db: AnyDb, refundId: string): Promise<boolean> {
  const row = await asPaymentsDb(db)
    .selectFrom('refunds')
    .select('id')
    .where('retry_of', '=', refundId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function updateRefund(
  db: AnyDb,
  id: string,
  patch: Partial<{ status: RefundStatus; providerRefundId: string; failureReason: string | null }>,
): Promise<Refund> {
  const set: Record<string, unknown> = { updated_at: sql`now()` };
  if (patch.status !== undefined) set.status = patch.status;
  if (patch.providerRefundId !== undefined) set.stripe_refund_id = patch.providerRefundId;
  if (patch.failureReason !== undefined) set.failure_reason = patch.failureReason;
  const row = await asPaymentsDb(db)
    .updateTable('refunds')
    .set(set)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRefund(row);
}

/** Pending refunds not touched since `updatedBefore` (reconciliation). */
export async function listStalePendingRefunds(
  db: AnyDb,
  options: { updatedBefore: Date; limit: number },
): Promise<Refund[]> {
  const rows = await asPaymentsDb(db)
    .selectFrom('refunds')
    .selectAll()
    .where('status', '=', 'pending')
    .where('updated_at', '<', options.updatedBefore)
    .orderBy('created_at', 'asc')
    .limit(options.limit)
    .execute();
  return rows.map(toRefund);
}
