/**
 * TEST DOUBLE: the data layer in memory, for unit tests of the use cases (no database).
 *
 * `memory` holds the rows; `inMemoryRepositories` implements the repository functions the payments,
 * refunds and orders use cases call, with the same contracts as `src/data/*-repository.ts` (a duplicate
 * event id or idempotency key is refused, lists keep the repositories' order, updates return the new
 * row). A unit test swaps each repository module for these with `vi.mock` and runs the use case on
 * `unitContext()` (`unit-context.ts`), whose `db.transaction()` snapshots the rows and restores them when
 * the callback throws: what a rolled-back transaction leaves behind is tested too. Rows are returned as
 * copies, so a use case only changes state through a repository call.
 */
import { money, type OrderStatus, type ServiceTier, type TierId } from '@lumira/shared';
import type { CheckoutExpert, CheckoutOpening, CheckoutPlacement } from '../data/checkout-repository';
import type { Expert } from '../data/experts-repository';
import type { IdempotencyRecord } from '../data/idempotency-keys-repository';
import type { Notice, OrderChange } from '../data/order-notifier';
import type { NewOrder, OrderPatch } from '../data/orders-repository';
import type { Order, OrderEvent, Refund, RefundStatus } from '../domain/orders/order';

type PaymentEventRecord = { id: string; type: string; objectId: string | null; orderId: string | null };

type Rows = {
  orders: Map<string, Order>;
  orderEvents: OrderEvent[];
  refunds: Map<string, Refund>;
  paymentEvents: Map<string, PaymentEventRecord>;
  idempotencyKeys: Map<string, IdempotencyRecord>;
  experts: Map<string, Expert>;
  tiers: Map<TierId, ServiceTier>;
  /** Order changes published by committed transactions (what LISTEN would deliver). */
  notifications: Omit<OrderChange, 'kind'>[];
};

function emptyRows(): Rows {
  return {
    orders: new Map(),
    orderEvents: [],
    refunds: new Map(),
    paymentEvents: new Map(),
    idempotencyKeys: new Map(),
    experts: new Map(),
    tiers: new Map(),
    notifications: [],
  };
}

export class InMemoryData {
  rows: Rows = emptyRows();

  reset(): void {
    this.rows = emptyRows();
  }

  snapshot(): Rows {
    return structuredClone(this.rows);
  }

  restore(rows: Rows): void {
    this.rows = rows;
  }

  order(id: string): Order {
    const order = this.rows.orders.get(id);
    if (!order) throw new Error(`no order ${id} in memory`);
    return structuredClone(order);
  }

  historyOf(orderId: string): OrderEvent[] {
    return structuredClone(this.rows.orderEvents.filter((e) => e.orderId === orderId));
  }

  refundsOf(orderId: string): Refund[] {
    return structuredClone([...this.rows.refunds.values()].filter((r) => r.orderId === orderId));
  }

  /** Puts an order in a given state directly (a fixture), bypassing the use cases. */
  patchOrder(id: string, patch: Partial<Order>): Order {
    const order = { ...this.order(id), ...patch };
    this.rows.orders.set(id, order);
    return structuredClone(order);
  }
}

export const memory = new InMemoryData();

const copy = <T>(value: T): T => structuredClone(value);

/** `find` and `lock` by id of one table (a copy of the row, or null); memory has no locks to take. */
function readersById<T>(table: (rows: Rows) => Map<string, T>) {
  const read = async (_db: unknown, id: string): Promise<T | null> => {
    const row = table(memory.rows).get(id);
    return row ? copy(row) : null;
  };
  return { find: read, lock: read };
}
const ordersById = readersById((rows) => rows.orders);
const refundsById = readersById((rows) => rows.refunds);
let eventSequence = 0;

// Repository functions, grouped by the module they replace. The `_db` argument is the (fake) handle the
// use case passes; the rows live in `memory`.

export const ordersRepository = {
  async insertOrder(_db: unknown, order: NewOrder): Promise<Order> {
    if (memory.rows.orders.has(order.id)) throw new Error(`duplicate order id ${order.id}`);
    const now = new Date();
    const row: Order = {
      ...order,
      amount: money(order.amount.amount, order.amount.currency),
      paymentIntentId: null,
      createdAt: now,
      updatedAt: now,
      paidAt: null,
      sessionStartedAt: null,
      sessionEndedAt: null,
      sessionEndReason: null,
      notes: null,
      refunded: money(0, order.amount.currency),
      lastPaymentError: null,
      proposedRefund: null,
    };
    memory.rows.orders.set(row.id, row);
    return copy(row);
  },
  findOrderById: ordersById.find,
  lockOrder: ordersById.lock,

  async findOrderIdByPaymentIntentId(_db: unknown, paymentIntentId: string): Promise<string | null> {
    return [...memory.rows.orders.values()].find((o) => o.paymentIntentId === paymentIntentId)?.id ?? null;
  },
  async updateOrder(_db: unknown, id: string, patch: OrderPatch): Promise<Order> {
    const order = memory.rows.orders.get(id);
    if (!order) throw new Error(`no order ${id} to update`);
    const next: Order = { ...order, updatedAt: new Date() };
    if (patch.status !== undefined) next.status = patch.status;
    if (patch.paymentIntentId !== undefined) next.paymentIntentId = patch.paymentIntentId;
    if (patch.paidAt !== undefined) next.paidAt = patch.paidAt;
    if (patch.sessionStartedAt !== undefined) next.sessionStartedAt = patch.sessionStartedAt;
    if (patch.sessionEndedAt !== undefined) next.sessionEndedAt = patch.sessionEndedAt;
    if (patch.sessionEndReason !== undefined) next.sessionEndReason = patch.sessionEndReason;
    if (patch.notes !== undefined) next.notes = patch.notes;
    if (patch.refundedAmount !== undefined) {
      if (patch.refundedAmount > order.amount.amount) throw new Error('orders_refunded_within_amount');
      next.refunded = money(patch.refundedAmount, order.amount.currency);
    }
    if (patch.lastPaymentError !== undefined) {
      next.lastPaymentError = patch.lastPaymentError
        ? {
            code: patch.lastPaymentError.code ?? null,
            message: patch.lastPaymentError.message?.slice(0, 500) ?? null,
          }
        : null;
    }
    if (patch.proposedRefundAmount !== undefined) {
      next.proposedRefund =
        patch.proposedRefundAmount === null ? null : money(patch.proposedRefundAmount, order.amount.currency);
    }
    memory.rows.orders.set(id, next);
    return copy(next);
  },

  async setPaymentIntentIdIfMissing(_db: unknown, id: string, paymentIntentId: string): Promise<void> {
    const order = memory.rows.orders.get(id);
    if (order && order.paymentIntentId === null) {
      memory.rows.orders.set(id, { ...order, paymentIntentId, updatedAt: new Date() });
    }
  },
  async listOrdersAwaitingPayment(
    _db: unknown,
    options: { statuses: readonly OrderStatus[]; updatedBefore: Date; limit: number },
  ): Promise<Order[]> {
    const lastLook = (o: Order) => reconciledAt.get(o.id) ?? Number.NEGATIVE_INFINITY;
    return copy(
      [...memory.rows.orders.values()]
        .filter((o) => options.statuses.includes(o.status) && o.updatedAt < options.updatedBefore)
        .sort((a, b) => lastLook(a) - lastLook(b) || a.createdAt.getTime() - b.createdAt.getTime())
        .slice(0, options.limit),
    );
  },
  async markReconciled(_db: unknown, id: string): Promise<void> {
    reconciledAt.set(id, Date.now() + reconciledAt.size / 1000);
  },
};

/** When reconciliation last looked at each order (the `reconciled_at` column). */
const reconciledAt = new Map<string, number>();

/** A history entry, as the order's statements write it. */
function appendEvent(
  event: Pick<OrderEvent, 'orderId' | 'from' | 'to' | 'cause'> & { note?: string | null },
): void {
  eventSequence += 1;
  memory.rows.orderEvents.push({
    ...event,
    id: String(eventSequence),
    note: event.note ?? null,
    at: new Date(),
  });
}

export const orderEventsRepository = {
  async updateOrderWithHistory(
    db: unknown,
    orderId: string,
    change: {
      patch: OrderPatch;
      event: (Pick<OrderEvent, 'from' | 'to' | 'cause'> & { note?: string | null }) | null;
      notice: Notice | null;
    },
  ): Promise<Order> {
    const updated = await ordersRepository.updateOrder(db, orderId, change.patch);
    if (change.event) appendEvent({ ...change.event, orderId });
    if (change.notice) {
      // What LISTEN would deliver, in the shape `publish` records.
      const { kind: _kind, ...published } = JSON.parse(change.notice.payload) as OrderChange;
      memory.rows.notifications.push(published);
    }
    return updated;
  },
  async listOrderEvents(_db: unknown, orderId: string): Promise<OrderEvent[]> {
    return memory.historyOf(orderId);
  },
};

export const refundsRepository = {
  async insertRefund(
    _db: unknown,
    refund: {
      id: string;
      orderId: string;
      amount: { amount: number; currency: Refund['amount']['currency'] };
      reason: string;
      idempotencyKey: string;
      requestedBy: string | null;
      retryOf?: string | null;
    },
  ): Promise<Refund> {
    const rows = [...memory.rows.refunds.values()];
    if (refund.retryOf && rows.some((r) => r.retryOf === refund.retryOf))
      throw new Error('refunds_retry_of_key');
    const now = new Date();
    const row: Refund = {
      id: refund.id,
      orderId: refund.orderId,
      providerRefundId: null,
      amount: money(refund.amount.amount, refund.amount.currency),
      status: 'pending',
      reason: refund.reason,
      idempotencyKey: refund.idempotencyKey,
      failureReason: null,
      requestedBy: refund.requestedBy,
      retryOf: refund.retryOf ?? null,
      createdAt: now,
      updatedAt: now,
    };
    memory.rows.refunds.set(row.id, row);
    return copy(row);
  },
  findRefundById: refundsById.find,
  lockRefund: refundsById.lock,
  async findRefundIdByProviderId(_db: unknown, providerRefundId: string): Promise<string | null> {
    return [...memory.rows.refunds.values()].find((r) => r.providerRefundId === providerRefundId)?.id ?? null;
  },
  async listRefundsOfOrder(_db: unknown, orderId: string): Promise<Refund[]> {
    return memory.refundsOf(orderId).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  },
  async hasRetry(_db: unknown, refundId: string): Promise<boolean> {
    return [...memory.rows.refunds.values()].some((r) => r.retryOf === refundId);
  },
  async updateRefund(
    _db: unknown,
    id: string,
    patch: Partial<{ status: RefundStatus; providerRefundId: string; failureReason: string | null }>,
  ): Promise<Refund> {
    const refund = memory.rows.refunds.get(id);
    if (!refund) throw new Error(`no refund ${id} to update`);
    const next: Refund = { ...refund, updatedAt: new Date() };
    if (patch.status !== undefined) next.status = patch.status;
    if (patch.providerRefundId !== undefined) next.providerRefundId = patch.providerRefundId;
    if (patch.failureReason !== undefined) next.failureReason = patch.failureReason;
    memory.rows.refunds.set(id, next);
    return copy(next);
  },
  async listStalePendingRefunds(
    _db: unknown,
    options: { updatedBefore: Date; limit: number },
  ): Promise<Refund[]> {
    return copy(
      [...memory.rows.refunds.values()]
        .filter((r) => r.status === 'pending' && r.updatedAt < options.updatedBefore)
        .slice(0, options.limit),
    );
  },
};

export const paymentEventsRepository = {
  async recordPaymentEvent(_db: unknown, event: PaymentEventRecord): Promise<boolean> {
    if (memory.rows.paymentEvents.has(event.id)) return false;
    memory.rows.paymentEvents.set(event.id, { ...event });
    return true;
  },
  async isPaymentEventRecorded(_db: unknown, eventId: string): Promise<boolean> {
    return memory.rows.paymentEvents.has(eventId);
  },
  async lockOrderRecordingEvent(
    db: unknown,
    orderId: string,
    event: PaymentEventRecord,
  ): Promise<{ order: Order | null; isNewEvent: boolean }> {
    const order = await ordersById.lock(db, orderId);
    if (!order) return { order: null, isNewEvent: false };
    return { order, isNewEvent: await paymentEventsRepository.recordPaymentEvent(db, event) };
  },
};

const idempotencyId = (scope: string, key: string) => `${scope}\u0000${key}`;

/** The key's claim of `openCheckout`: false when the key already exists. */
function claimKey(record: IdempotencyRecord): boolean {
  const id = idempotencyId(record.scope, record.key);
  if (memory.rows.idempotencyKeys.has(id)) return false;
  memory.rows.idempotencyKeys.set(id, copy(record));
  return true;
}

export const idempotencyKeysRepository = {
  async findIdempotencyRecord(_db: unknown, scope: string, key: string): Promise<IdempotencyRecord | null> {
    const record = memory.rows.idempotencyKeys.get(idempotencyId(scope, key));
    return record ? copy(record) : null;
  },
  async deleteExpiredIdempotencyKeys(): Promise<number> {
    return 0;
  },
};

export const expertsRepository = {
  async listExperts(_db: unknown, options: { activeOnly?: boolean } = {}): Promise<Expert[]> {
    return copy([...memory.rows.experts.values()].filter((e) => !options.activeOnly || e.active));
  },
  async findExpertById(_db: unknown, id: string): Promise<Expert | null> {
    const expert = memory.rows.experts.get(id);
    return expert ? copy(expert) : null;
  },
};

export const serviceTiersRepository = {
  async listTiers(): Promise<ServiceTier[]> {
    return copy([...memory.rows.tiers.values()]);
  },
};

/** The checkout's two statements (`checkout-repository.ts`), from the rows above; memory has no locks. */
export const checkoutRepository = {
  async openCheckout(
    _db: unknown,
    input: {
      claim: IdempotencyRecord | null;
      customer: { userId: string | null; email: string };
      tierId: TierId;
      openStatuses: readonly OrderStatus[];
    },
  ): Promise<CheckoutOpening> {
    const claimed = input.claim ? claimKey(input.claim) : true;
    const tier = memory.rows.tiers.get(input.tierId);
    const open = new Map<string, number>();
    for (const order of memory.rows.orders.values()) {
      if (input.openStatuses.includes(order.status))
        open.set(order.expertId, (open.get(order.expertId) ?? 0) + 1);
    }
    const experts: CheckoutExpert[] = [...memory.rows.experts.values()]
      .sort((a, b) => (a.name === b.name ? (a.id < b.id ? -1 : 1) : a.name < b.name ? -1 : 1))
      .map((e) => ({
        id: e.id,
        name: e.name,
        tiers: [...e.tiers],
        active: e.active,
        online: e.online,
        openOrders: open.get(e.id) ?? 0,
      }));
    return { claimed, tier: tier ? copy(tier) : null, experts };
  },
  async placeCheckoutOrder(
    db: unknown,
    input: { order: NewOrder; pendingStatuses: readonly OrderStatus[]; pendingLimit: number },
  ): Promise<CheckoutPlacement> {
    const { order } = input;
    const now = Date.now();
    const pendingOrders = [...memory.rows.orders.values()].filter(
      (o) =>
        input.pendingStatuses.includes(o.status) &&
        o.expiresAt.getTime() > now &&
        (order.userId
          ? o.userId === order.userId
          : o.userId === null && o.customerEmail === order.customerEmail),
    ).length;
    const row = memory.rows.experts.get(order.expertId);
    const expert = row
      ? { id: row.id, name: row.name, tiers: [...row.tiers], active: row.active, online: row.online }
      : null;
    const accepted =
      pendingOrders < input.pendingLimit &&
      expert !== null &&
      expert.active &&
      expert.online &&
      expert.tiers.includes(order.tierId);
    if (!accepted) return { pendingOrders, expert, order: null };
    const placed = await ordersRepository.insertOrder(db, order);
    appendEvent({
      orderId: placed.id,
      from: null,
      to: placed.status,
      cause: 'customer',
      note: 'order created',
    });
    return { pendingOrders, expert, order: placed };
  },
};
