/**
 * Orders: the priced snapshot of a booking and its payment/session state.
 * `lockOrder` (SELECT ... FOR UPDATE) is how every state change serializes on one order; callers run
 * it inside a transaction together with the history append and the status update.
 */
import type { Currency, OrderStatus, TierId } from '@lumira/shared';
import { isObjectId, money } from '@lumira/shared';
import { sql } from 'kysely';
import type { Order } from '../domain/orders/order';
import type { Db } from './db';
import { oneRow, readersById } from './one-row';
import type { OrderRow } from './schema';

/** Every column of `orders`, for statements that must name their result columns (prepared ones). */
export const ORDER_COLUMNS = [
  'id',
  'tier_id',
  'tier_name',
  'amount',
  'currency',
  'duration_minutes',
  'refund_policy_version',
  'customer_email',
  'customer_name',
  'user_id',
  'expert_id',
  'payment_intent_id',
  'access_token_hash',
  'status',
  'created_at',
  'updated_at',
  'paid_at',
  'expires_at',
  'session_started_at',
  'session_ended_at',
  'session_end_reason',
  'notes',
  'refunded_amount',
  'last_payment_error_code',
  'last_payment_error_message',
  'proposed_refund_amount',
  'reconciled_at',
] as const satisfies readonly (keyof OrderRow)[];
// A column added to the schema and not to the list fails the typecheck here.
const everyOrderColumnListed: Exclude<keyof OrderRow, (typeof ORDER_COLUMNS)[number]> extends never
  ? true
  : false = true;
void everyOrderColumnListed;

/** `alias.col, alias.col, ...` (or the bare names) of every column of `orders`. */
export function orderColumns(alias?: string) {
  return sql.raw(ORDER_COLUMNS.map((c) => (alias ? `${alias}.${c}` : c)).join(', '));
}

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

const ordersById = readersById((db, id) => db.selectFrom('orders').selectAll().where('id', '=', id), toOrder);
export const findOrderById = ordersById.find;
/** SELECT ... FOR UPDATE: call inside a transaction; the row stays locked until it ends. */
export const lockOrder = ordersById.lock;

export function findOrderIdByPaymentIntentId(db: Db, paymentIntentId: string): Promise<string | null> {
  const query = db.selectFrom('orders').select('id').where('payment_intent_id', '=', paymentIntentId);
  return oneRow(query, (row) => row.id);
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
  const row = await db
    .updateTable('orders')
    .set(orderPatchColumns(patch))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toOrder(row);
}

/** The columns an `OrderPatch` writes (and `updated_at`), for an UPDATE of `orders`. */
export function orderPatchColumns(patch: OrderPatch): Record<string, unknown> {
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
  return set;
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
 * A search by email prefix sorts its matches only when there are at most this many (found in the prefix
 * index alone, then read by primary key); a prefix shared by more orders is searched by walking the
 * orders newest first instead, at most `SEARCH_SCAN_ROWS` of them per page (docs/decisions/0084).
 */
export const SEARCH_SORT_CAP = 2000;
export const SEARCH_SCAN_ROWS = 5000;

/**
 * Orders newest first with keyset pagination (docs/decisions/0081): the page after `cursor` is
 * `(created_at, id) < (that order's created_at, id)`, read from an index that starts with the filter
 * (`orders_*_created_id_idx`), so page 1000 costs what page 1 costs. One row more than the page tells
 * whether there is a next page; no count.
 *
 * Search by the start of an email (0082, 0084) is bounded whatever the prefix: at most
 * `SEARCH_SORT_CAP + 1` entries of the prefix index, then either the (few) matches read by id and
 * sorted, or a walk of at most `SEARCH_SCAN_ROWS` orders newest first. A walk that ends before the page
 * is full answers the matches it found and, as `nextCursor`, the last order it read: "more may follow",
 * so a page of a very broad or very old prefix can be short, even empty, and never costs more.
 */
export async function listOrdersKeyset(
  db: Db,
  filter: OrderListFilter,
  page: { cursor?: string; limit: number },
): Promise<KeysetPage<Order>> {
  const needle = filter.q?.trim().toLowerCase();
  const pattern = needle ? `${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const cursor = page.cursor;
  const filtered = db
    .selectFrom('orders')
    .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status!))
    .$if(filter.expertId !== undefined, (q) => q.where('expert_id', '=', filter.expertId!))
    .$if(filter.from !== undefined, (q) => q.where('created_at', '>=', filter.from!))
    .$if(filter.to !== undefined, (q) => q.where('created_at', '<', filter.to!))
    .$if(cursor !== undefined, (q) =>
      q.where(
        sql<boolean>`(created_at, id) < (select c.created_at, c.id from orders c where c.id = ${cursor!})`,
      ),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc');
  const pageOf = (rows: OrderRow[], more: string | null = null): KeysetPage<Order> => {
    const items = rows.slice(0, page.limit).map(toOrder);
    return {
      items,
      nextCursor: rows.length > page.limit ? (items[items.length - 1]?.id ?? null) : more,
    };
  };

  if (pattern === null || isObjectId(needle)) {
    const rows = await filtered
      .selectAll()
      .$if(pattern !== null, (q) =>
        q.where((eb) => eb.or([eb('id', '=', needle!), eb('customer_email', 'like', pattern!)])),
      )
      .limit(page.limit + 1)
      .execute();
    return pageOf(rows);
  }

  // How many orders match, counted in the prefix index alone, up to one past the cap.
  const probe = await sql<{ n: number }>`
    select count(*)::int as n from (
      select 1 from orders where customer_email like ${pattern} limit ${SEARCH_SORT_CAP + 1}
    ) m`.execute(db);
  const matching = probe.rows[0]?.n ?? 0;
  if (matching === 0) return { items: [], nextCursor: null };
  if (matching <= SEARCH_SORT_CAP) {
    // Few matches: sorted from the index (it includes created_at and id); only the page's rows are read,
    // or, with other filters, at most the cap's.
    const others = [filter.status, filter.expertId, filter.from, filter.to].some((v) => v !== undefined);
    const newest = sql<boolean>`id in (
      with m as materialized (select id, created_at from orders where customer_email like ${pattern})
      select id from m
      ${cursor !== undefined ? sql`where (created_at, id) < (select c.created_at, c.id from orders c where c.id = ${cursor})` : sql``}
      order by created_at desc, id desc limit ${others ? SEARCH_SORT_CAP + 1 : page.limit + 1})`;
    const rows = await filtered
      .selectAll()
      .where(newest)
      .limit(page.limit + 1)
      .execute();
    return pageOf(rows);
  }
  // A broad prefix: its matches are common, so the newest orders hold a page of them. The walk stops as
  // soon as the page is full (the subquery keeps the index order, so nothing is sorted), after at most
  // SEARCH_SCAN_ROWS orders.
  const scan = filtered.selectAll().limit(SEARCH_SCAN_ROWS);
  const { rows } = await sql<OrderRow>`
    select * from (${scan}) w where customer_email like ${pattern}
    order by created_at desc, id desc limit ${page.limit + 1}`.execute(db);
  if (rows.length > page.limit) return pageOf(rows);
  // A short page: if the walk read all it may, the last order it read is where the next page starts.
  const last = await sql<{ id: string }>`
    select id from (${filtered.select(['id', 'created_at']).limit(SEARCH_SCAN_ROWS)}) w
    offset ${SEARCH_SCAN_ROWS - 1} limit 1`.execute(db);
  return pageOf(rows, last.rows[0]?.id ?? null);
}

/**
 * Orders waiting on the provider (reconciliation), in rotation: never looked at first, then the least
 * recently looked at (`markReconciled`), oldest first among equals.
 */
export async function listOrdersAwaitingPayment(
  db: Db,
  options: { statuses: readonly OrderStatus[]; updatedBefore: Date; limit: number },
): Promise<Order[]> {
  const rows = await db
    .selectFrom('orders')
    .selectAll()
    .where('status', 'in', [...options.statuses])
    .where('updated_at', '<', options.updatedBefore)
    .orderBy(sql`reconciled_at ASC NULLS FIRST`)
    .orderBy('created_at', 'asc')
    .limit(options.limit)
    .execute();
  return rows.map(toOrder);
}

/** Records that reconciliation looked at the order (its place in the rotation; updated_at untouched). */
export async function markReconciled(db: Db, id: string): Promise<void> {
  await db.updateTable('orders').set({ reconciled_at: sql`now()` }).where('id', '=', id).execute();
}

/**
 * Number of booked-but-not-finished orders per expert (expert assignment balances on it): read from the
 * `order_counts` counters (a handful of rows), not by counting the orders.
 */
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
