/**
 * TEST DOUBLE: a `PaymentsContext` for unit tests: the fake gateway, the in-memory data layer
 * (`in-memory-data.ts`, whose repository modules a test swaps in by importing `in-memory-repositories.ts`
 * first), a transaction runner that rolls the rows back when its callback throws, a notifier that keeps
 * what committed transactions published, real metrics in a private registry and a logger that keeps its
 * lines for assertions.
 */
import { Writable } from 'node:stream';
import {
  type CreatePaymentIntentResponse,
  DEFAULT_CATALOG,
  type ServiceTier,
  type TierId,
} from '@lumira/shared';
import type { Db } from '../data/db';
import type { Expert } from '../data/experts-repository';
import type { OrderChange, OrderNotifier } from '../data/order-notifier';
import { createPaymentIntent } from '../domain/payments/create-payment-intent';
import type { PaymentsContext } from '../domain/payments/payments-context';
import { settlePaymentIntent } from '../domain/payments/settle-payment-intent';
import { createLogger } from '../observability/logger';
import { createMetrics } from '../observability/metrics';
import { FakePaymentGateway } from '../providers/fake-payment-gateway';
import { memory } from './in-memory-data';

export type UnitContext = PaymentsContext & {
  gateway: FakePaymentGateway;
  /** Parsed log lines, in order. */
  logs: { level: number; msg: string; [key: string]: unknown }[];
};

/** One transaction at a time, like one connection: rows are restored when the callback throws. */
function transactionRunner(): Db {
  const runner = {
    transaction: () => ({
      execute: async <T>(callback: (trx: Db) => Promise<T>): Promise<T> => {
        const before = memory.snapshot();
        try {
          return await callback(db);
        } catch (error) {
          memory.restore(before);
          throw error;
        }
      },
    }),
  };
  // Only `transaction().execute()` is ever called on it: the repositories are the in-memory ones.
  const db = runner as unknown as Db;
  return db;
}

const notifier: OrderNotifier = {
  async publish(_db: Db, change: Omit<OrderChange, 'kind'>) {
    // Rolled back with the rows when the transaction fails, as pg_notify is.
    memory.rows.notifications.push(change);
  },
  subscribe: () => () => undefined,
  async publishRoom() {
    // The payments use cases publish no room notices.
  },
  subscribeRoom: () => () => undefined,
  close: async () => undefined,
};

export function unitContext(): UnitContext {
  const logs: UnitContext['logs'] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return {
    config: {
      orderExpiryMinutes: 30,
      reconcileIntervalSeconds: 300,
      reconcileOnStart: false,
      reconcileBatchSize: 200,
      reconcileConcurrency: 4,
      limits: { sseStreamsPerClient: 20, pendingOrdersPerCustomer: 5 },
    },
    db: transactionRunner(),
    logger: createLogger({ level: 'debug', logDir: null, stdout: false, stream }),
    metrics: createMetrics({ collectDefault: false }),
    gateway: new FakePaymentGateway(),
    notifier,
    logs,
  };
}

export const EXPERT_ID = 'e00000000000000000000001';
export const OTHER_EXPERT_ID = 'e00000000000000000000002';

/** Empties the in-memory rows, then seeds the default catalog and two online experts (all tiers). */
export function seedCatalog(overrides: { tiers?: Partial<ServiceTier>[]; experts?: Partial<Expert>[] } = {}) {
  memory.reset();
  for (const tier of DEFAULT_CATALOG) {
    const override = overrides.tiers?.find((t) => t.id === tier.id) ?? {};
    memory.rows.tiers.set(tier.id, { ...tier, features: [...tier.features], ...override });
  }
  const now = new Date();
  const base: Expert[] = [
    {
      id: EXPERT_ID,
      name: 'Séléné',
      bio: '',
      tiers: ['basic', 'premium', 'vip'],
      active: true,
      online: true,
      createdAt: now,
      updatedAt: now,
    },
    {
      id: OTHER_EXPERT_ID,
      name: 'Orion',
      bio: '',
      tiers: ['basic', 'premium', 'vip'],
      active: true,
      online: true,
      createdAt: now,
      updatedAt: now,
    },
  ];
  const experts = base.map((e, i) => ({ ...e, ...(overrides.experts?.[i] ?? {}) }));
  for (const expert of experts) memory.rows.experts.set(expert.id, expert);
}

export type PlacedOrder = CreatePaymentIntentResponse & { paymentIntentId: string };

/** An order placed through the real use case (its payment created at the fake provider, not paid). */
export async function placeOrder(ctx: UnitContext, level: TierId = 'premium'): Promise<PlacedOrder> {
  const answer = await createPaymentIntent(ctx, {
    body: { level, customerEmail: 'luna@example.test', customerName: 'Luna' },
    userId: null,
    clientIp: '127.0.0.1',
    idempotencyKey: null,
  });
  const paymentIntentId = memory.order(answer.orderId).paymentIntentId;
  if (!paymentIntentId) throw new Error('the order has no payment');
  return { ...answer, paymentIntentId };
}

/** An order the customer paid, settled through the browser return path. */
export async function paidOrder(ctx: UnitContext, level: TierId = 'premium'): Promise<PlacedOrder> {
  const placed = await placeOrder(ctx, level);
  ctx.gateway.pay(placed.paymentIntentId);
  await settlePaymentIntent(ctx, {
    paymentIntentId: placed.paymentIntentId,
    orderIdHint: placed.orderId,
    source: { kind: 'confirm' },
  });
  return placed;
}
