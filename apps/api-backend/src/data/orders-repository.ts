/**
 * Orders: the priced snapshot of a booking and its payment/session state.
 * `lockOrder` (SELECT ... FOR UPDATE) is how every state change serializes on one order; callers run
 * it inside a transaction together with the history append and the status update.
 */
import type { Currency, OrderStatus, TierId } from '@lumira/shared';
import { isObjectId, money } from '@lumira/shared';
import { sql } from 'kysely';
import type { Order } from '../domain/orders/order';
import { countOrdersByExpertFromCounters } from './counters-repository';
import type { Db } from './db';
import type { OrderRow } from './schema';

export function toOrder(r: OrderRow): Order {
  return {
    id: r.id,
    tierId: r.tier_id,
    tierName: r.tier_name,
    amount: money(r.amount, r.currency),
    durationMinutes: r.duration_minutes,
    refundPolicyVersion: r.refund_policy_version,
    customerEmail: r.customer_email,
    customerName: r.customer_name,
    userId: r.user_id,
    expertId: r.expert_id,
    paymentIntentId: r.payment_intent_id,
    accessTokenHash: r.access_token_hash,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    paidAt: r.paid_at,
    expiresAt: r.expires_at,
    sessionStartedAt: r.session_started_at,
    sessionEndedAt: r.session_ended_at,
    sessionEndReason: r.session_end_reason,
    notes: r.notes,
    refunded: money(r.refunded_amount, r.currency),
    lastPaymentError:
      r.last_payment_error_code || r.last_payment_error_message
        ? { code: r.last_payment_error_code, message: r.last_payment_error_message }
        : null,
    proposedRefund: r.proposed_refund_amount === null ? null : money(r.proposed_refund_amount, r.currency),
  };
}

export type NewOrder = {
  id: string;
  tierId: TierId;
  tierName: string;
  amount: { amount: number; currency: Currency };
  durationMinutes: number;
  refundPolicyVersion: string;
  customerEmail: string;
  customerName: string | null;
  userId: string | null;
  expertId: string;
  accessTokenHash: string;
  status: OrderStatus;
  expiresAt: Date;
};

export async function insertOrder(db: Db, order: NewOrder): Promise<Order> {
  const row = await db
    .insertInto('orders')
    .values({
      id: order.id,
      tier_id: order.tierId,
      tier_name: order.tierName,
      amount: order.amount.amount,
      currency: order.amount.currency,
      duration_minutes: order.durationMinutes,
      refund_policy_version: order.refundPolicyVersion,
      customer_email: order.customerEmail,
      customer_name: order.customerName,
      user_id: order.userId,
      expert_id: order.expertId,
      access_token_hash: order.accessTokenHash,
      status: order.status,
      expires_at: order.expiresAt,
      proposed_refund_amount: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toOrder(row);
}

export async function findOrderById(db: Db, id: string): Promise<Order | null> {
  const row = await db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toOrder(row) : null;
}

/** SELECT ... FOR UPDATE: call inside a transaction; the row stays locked until it ends. */
export async function lockOrder(db: Db, id: string): Promise<Order | null> {
  const row = await db.selectFrom('orders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  return row ? toOrder(row) : null;
}

export async function findOrderIdByPaymentIntentId(db: Db, paymentIntentId: string): Promise<string | null> {
  const row = await db
    .selectFrom('orders')
    .select('id')
    .where('payment_intent_id', '=', paymentIntentId)
    .executeTakeFirst();
  return row ? row.id : null;
}

export type OrderPatch = Partial<{
  status: OrderStatus;
  paymentIntentId: string;
  paidAt: Date;
  sessionStartedAt: Date;
  sessionEndedAt: Date;
  sessionEndReason: string;
  notes: string | null;
  refundedAmount: number;
  lastPaymentError: { code: string | null; message: string | null } | null;
  proposedRefundAmount: number | null;
}>;

export async function updateOrder(db: Db, id: string, patch: OrderPatch): Promise<Order> {
  const set: Record<string, unknown> = { updated_at: sql`now()` };
  if (patch.status !== undefined) set.status = patch.status;
  if (patch.paymentIntentId !== undefined) set.payment_intent_id = patch.paymentIntentId;
  if (patch.paidAt !== undefined) set.paid_at = patch.paidAt;
  if (patch.sessionStartedAt !== undefined) set.session_started_at = patch.sessionStartedAt;
  if (patch.sessionEndedAt !== undefined) set.session_ended_at = patch.sessionEndedAt;
  if (patch.sessionEndReason !== undefined) set.session_end_reason = patch.sessionEndReason;
  if (patch.notes !== undefined) set.notes = patch.notes;
  if (patch.refundedAmount !== undefined) set.refunded_amount = patch.refundedAmount;
  if (patch.lastPaymentError !== undefined) {
    set.last_payment_error_code = patch.lastPaymentError?.code ?? null;
    set.last_payment_error_message = patch.lastPaymentError?.message?.slice(0, 500) ?? null;
  }
  if (patch.proposedRefundAmount !== undefined) set.proposed_refund_amount = patch.proposedRefundAmount;
  const row = await db
    .updateTable('orders')
    .set(set)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toOrder(row);
}

export type Page<T> = { items: T[]; total: number };

export async function listOrdersOfUser(
  db: Db,
  userId: string,
  page: { offset: number; limit: number; status?: OrderStatus },
): Promise<Page<Order>> {
  const statuses: OrderStatus[] = page.status ? [page.status] : [];
  const [rows, count] = await Promise.all([
    db
      .selectFrom('orders')
      .selectAll()
      .where('user_id', '=', userId)
      .$if(statuses.length > 0, (q) => q.where('status', 'in', statuses))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('user_id', '=', userId)
      .$if(statuses.length > 0, (q) => q.where('status', 'in', statuses))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toOrder), total: Number(count.n) };
}

export type OrderListFilter = {
  status?: OrderStatus;
  expertId?: string;
  from?: Date;
  to?: Date;
  /** An exact order id, or the start of the customer's email (case-insensitive; all of it matches too). */
  q?: string;
};

/** A page of orders, newest first; `nextCursor` (the last order's id) when more follow. */
export type KeysetPage<T> = { items: T[]; nextCursor: string | null };

/**
 * Orders newest first with keyset pagination (docs/decisions/0081): the page after `cursor` is
 * `(created_at, id) < (that order's created_at, id)`, read from an index that starts with the filter
 * (`orders_*_created_id_idx`), so page 1000 costs what page 1 costs. One row more than the page tells
 * whether there is a next page; no count. Search is a prefix range on the email index (0082).
 */
export async function listOrdersKeyset(
  db: Db,
  filter: OrderListFilter,
  page: { cursor?: string; limit: number },
): Promise<KeysetPage<Order>> {
  const needle = filter.q?.trim().toLowerCase();
  const pattern = needle ? `${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const cursor = page.cursor;
  const rows = await db
    .selectFrom('orders')
    .selectAll()
    .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status!))
    .$if(filter.expertId !== undefined, (q) => q.where('expert_id', '=', filter.expertId!))
    .$if(filter.from !== undefined, (q) => q.where('created_at', '>=', filter.from!))
    .$if(filter.to !== undefined, (q) => q.where('created_at', '<', filter.to!))
    .$if(pattern !== null, (q) =>
      q.where((eb) =>
        isObjectId(needle)
          ? eb.or([eb('id', '=', needle!), eb('customer_email', 'like', pattern!)])
          : eb('customer_email', 'like', pattern!),
      ),
    )
    .$if(cursor !== undefined, (q) =>
      q.where(
        sql<boolean>`(created_at, id) < (select c.created_at, c.id from orders c where c.id = ${cursor!})`,
      ),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit).map(toOrder);
  return {
    items,
    nextCursor: rows.length > page.limit ? (items[items.length - 1]?.id ?? null) : null,
  };
}

/** Orders waiting on the provider (reconciliation). Oldest first. */
export async function listOrdersAwaitingPayment(
  db: Db,
  options: { statuses: readonly OrderStatus[]; updatedBefore: Date; limit: number },
): Promise<Order[]> {
  const rows = await db
    .selectFrom('orders')
    .selectAll()
    .where('status', 'in', [...options.statuses])
    .where('updated_at', '<', options.updatedBefore)
    .orderBy('created_at', 'asc')
    .limit(options.limit)
    .execute();
  return rows.map(toOrder);
}

/**
 * Number of booked-but-not-finished orders per expert (expert assignment balances on it): read from the
 * `order_counts` counters (a handful of rows), not by counting the orders.
 */
export async function countOpenOrdersByExpert(
  db: Db,
  openStatuses: readonly OrderStatus[],
): Promise<Map<string, number>> {
  return countOrdersByExpertFromCounters(db, openStatuses);
}

/** Stores the PaymentIntent id once (a concurrent settle may have stored the same id already). */
export async function setPaymentIntentIdIfMissing(
  db: Db,
  id: string,
  paymentIntentId: string,
): Promise<void> {
  await db
    .updateTable('orders')
    .set({ payment_intent_id: paymentIntentId, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('payment_intent_id', 'is', null)
    .execute();
}
