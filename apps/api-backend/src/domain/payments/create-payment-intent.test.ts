import '../../testing/in-memory-repositories';
import { AppError } from '@lumira/shared';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { memory } from '../../testing/in-memory-data';
import {
  EXPERT_ID,
  OTHER_EXPERT_ID,
  seedCatalog,
  type UnitContext,
  unitContext,
} from '../../testing/unit-context';
import { createPaymentIntent, resolveTierId } from './create-payment-intent';
import { injectFault } from './fault-hooks';
import { isOrderAccessTokenValid } from './order-access-token';

const body = { level: 'premium' as const, customerEmail: 'luna@example.test', customerName: 'Luna' };
let ctx: UnitContext;

beforeEach(() => {
  seedCatalog();
  ctx = unitContext();
});

describe('createPaymentIntent', () => {
  it('prices the order from the catalog, records it with its history, then creates the payment with our key', async () => {
    const answer = await createPaymentIntent(ctx, {
      body,
      userId: null,
      clientIp: '127.0.0.1',
      idempotencyKey: null,
    });
    expect(answer).toMatchObject({
      amount: 7900,
      currency: 'EUR',
      tier: { id: 'premium', durationMinutes: 60 },
    });
    const order = memory.order(answer.orderId);
    expect(order).toMatchObject({ status: 'pending_payment', amount: { amount: 7900, currency: 'EUR' } });
    expect(order.paymentIntentId).toBe(
      ctx.gateway.callsOf('createPaymentIntent')[0] && ctx.gateway.payment(order.paymentIntentId!)?.id,
    );
    expect(answer.clientSecret).toBe(ctx.gateway.payment(order.paymentIntentId!)?.clientSecret);
    expect(ctx.gateway.callsOf('createPaymentIntent')).toEqual([
      { method: 'createPaymentIntent', idempotencyKey: `order:${order.id}:pi`, id: null },
    ]);
    expect(ctx.gateway.payment(order.paymentIntentId!)).toMatchObject({
      orderId: order.id,
      amount: order.amount,
    });
    expect(memory.historyOf(order.id).map((e) => [e.from, e.to, e.cause])).toEqual([
      [null, 'pending_payment', 'customer'],
    ]);
    expect(isOrderAccessTokenValid(answer.orderAccessToken, order.accessTokenHash)).toBe(true);
  });

  it('assigns the least busy online expert offering the tier, or the one the customer asked for', async () => {
    const first = await createPaymentIntent(ctx, {
      body,
      userId: null,
      clientIp: '127.0.0.1',
      idempotencyKey: null,
    });
    const second = await createPaymentIntent(ctx, {
      body,
      userId: null,
      clientIp: '127.0.0.1',
      idempotencyKey: null,
    });
    expect(new Set([first.expert.id, second.expert.id])).toEqual(new Set([EXPERT_ID, OTHER_EXPERT_ID]));
    const chosen = await createPaymentIntent(ctx, {
      body: { ...body, expertId: OTHER_EXPERT_ID },
      userId: null,
      clientIp: '127.0.0.1',
      idempotencyKey: null,
    });
    expect(chosen.expert).toEqual({ id: OTHER_EXPERT_ID, name: 'Orion' });
  });

  it('links a logged-in customer', async () => {
    const answer = await createPaymentIntent(ctx, {
      body,
      userId: 'u00000000000000000000001',
      clientIp: '127.0.0.1',
      idempotencyKey: null,
    });
    expect(memory.order(answer.orderId).userId).toBe('u00000000000000000000001');
  });

  it.each([
    [{ ...body, service: 'vip' as const }, 'TIER_MISMATCH'],
    [{ customerEmail: 'a@b.test' }, 'VALIDATION_FAILED'],
  ])('refuses a request naming no tier or two (%o)', async (request, code) => {
    await expect(
      createPaymentIntent(ctx, { body: request, userId: null, clientIp: '127.0.0.1', idempotencyKey: null }),
    ).rejects.toMatchObject({ code });
    expect(memory.rows.orders.size).toBe(0);
  });

  it('refuses a tier that is not offered', async () => {
    seedCatalog({ tiers: [{ id: 'premium', active: false }] });
    await expect(
      createPaymentIntent(ctx, { body, userId: null, clientIp: '127.0.0.1', idempotencyKey: null }),
    ).rejects.toMatchObject({ code: 'TIER_INACTIVE' });
    memory.rows.tiers.delete('premium');
    await expect(
      createPaymentIntent(ctx, { body, userId: null, clientIp: '127.0.0.1', idempotencyKey: null }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(ctx.gateway.calls).toEqual([]);
  });

  it('refuses when no expert is online, or the requested one is offline; nothing is written', async () => {
    seedCatalog({ experts: [{ online: false }, { online: false }] });
    await expect(
      createPaymentIntent(ctx, { body, userId: null, clientIp: '127.0.0.1', idempotencyKey: null }),
    ).rejects.toMatchObject({ code: 'NO_EXPERT_AVAILABLE' });
    await expect(
      createPaymentIntent(ctx, {
        body: { ...body, expertId: EXPERT_ID },
        userId: null,
        clientIp: '127.0.0.1',
        idempotencyKey: null,
      }),
    ).rejects.toMatchObject({ code: 'EXPERT_OFFLINE' });
    expect(memory.rows.orders.size).toBe(0);
    expect(ctx.gateway.calls).toEqual([]);
  });

  it('an expert going offline between the candidate list and the lock is seen under the lock', async () => {
    const original = memory.rows.experts.get(EXPERT_ID)!;
    memory.rows.experts.set(OTHER_EXPERT_ID, { ...memory.rows.experts.get(OTHER_EXPERT_ID)!, online: false });
    const { checkoutRepository } = await import('../../testing/in-memory-data');
    const read = checkoutRepository.openCheckout;
    const open = vi.spyOn(checkoutRepository, 'openCheckout');
    for (const [expertId, code] of [
      [undefined, 'NO_EXPERT_AVAILABLE'],
      [EXPERT_ID, 'EXPERT_OFFLINE'],
    ] as const) {
      memory.rows.experts.set(EXPERT_ID, original);
      open.mockImplementationOnce(async (db, input) => {
        const opening = await read(db, input);
        // Committed by the desk after the candidates were read, before the order's statement.
        memory.rows.experts.set(EXPERT_ID, { ...original, online: false });
        return opening;
      });
      await expect(
        createPaymentIntent(ctx, {
          body: { ...body, expertId },
          userId: null,
          clientIp: '127.0.0.1',
          idempotencyKey: null,
        }),
      ).rejects.toMatchObject({ code });
    }
    open.mockRestore();
    expect(memory.rows.orders.size).toBe(0);
    expect(memory.rows.orderEvents).toHaveLength(0);
  });

  it('rejects a malformed Idempotency-Key', async () => {
    for (const key of ['', 'a b', 'x'.repeat(256), 'clé']) {
      await expect(
        createPaymentIntent(ctx, { body, userId: null, clientIp: '127.0.0.1', idempotencyKey: key }),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
  });

  it('a retry with the same Idempotency-Key answers the same order, payment and token', async () => {
    const first = await createPaymentIntent(ctx, {
      body,
      userId: null,
      clientIp: '127.0.0.1',
      idempotencyKey: 'checkout-1',
    });
    const again = await createPaymentIntent(ctx, {
      body,
      userId: null,
      clientIp: '127.0.0.1',
      idempotencyKey: 'checkout-1',
    });
    expect(again).toEqual(first);
    expect(memory.rows.orders.size).toBe(1);
    expect(ctx.gateway.callsOf('createPaymentIntent')).toHaveLength(1);
    expect(ctx.gateway.callsOf('retrievePaymentIntent')).toHaveLength(1);
  });

  it('the same key with another body, or from another customer scope, is a conflict / a new order', async () => {
    await createPaymentIntent(ctx, {
      body,
      userId: null,
      clientIp: '127.0.0.1',
      idempotencyKey: 'checkout-1',
    });
    await expect(
      createPaymentIntent(ctx, {
        body: { ...body, level: 'vip' },
        userId: null,
        clientIp: '127.0.0.1',
        idempotencyKey: 'checkout-1',
      }),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
    const other = await createPaymentIntent(ctx, {
      body,
      userId: 'u00000000000000000000001',
      clientIp: '127.0.0.1',
      idempotencyKey: 'checkout-1',
    });
    expect(memory.rows.orders.size).toBe(2);
    expect(memory.order(other.orderId).userId).toBe('u00000000000000000000001');
  });

  it('a retry after the provider failed creates the payment then, with the same provider key', async () => {
    ctx.gateway.failNext('createPaymentIntent', 'unavailable');
    await expect(
      createPaymentIntent(ctx, { body, userId: null, clientIp: '127.0.0.1', idempotencyKey: 'k' }),
    ).rejects.toMatchObject({
      code: 'PAYMENT_PROVIDER_UNAVAILABLE',
    });
    const [order] = memory.rows.orders.values();
    expect(order!.paymentIntentId).toBeNull();
    const retried = await createPaymentIntent(ctx, {
      body,
      userId: null,
      clientIp: '127.0.0.1',
      idempotencyKey: 'k',
    });
    expect(retried.orderId).toBe(order!.id);
    expect(ctx.gateway.callsOf('createPaymentIntent').map((c) => c.idempotencyKey)).toEqual([
      `order:${order!.id}:pi`,
      `order:${order!.id}:pi`,
    ]);
    expect(memory.order(order!.id).paymentIntentId).not.toBeNull();
  });

  it('a replay of an order that expired before it had a payment is refused', async () => {
    ctx.gateway.failNext('createPaymentIntent', 'rate_limited');
    await expect(
      createPaymentIntent(ctx, { body, userId: null, clientIp: '127.0.0.1', idempotencyKey: 'k' }),
    ).rejects.toMatchObject({
      code: 'PAYMENT_PROVIDER_UNAVAILABLE',
    });
    const [order] = memory.rows.orders.values();
    memory.patchOrder(order!.id, { status: 'expired' });
    await expect(
      createPaymentIntent(ctx, { body, userId: null, clientIp: '127.0.0.1', idempotencyKey: 'k' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(ctx.gateway.callsOf('createPaymentIntent')).toHaveLength(1);
  });

  it('a provider refusal is a 502 and is logged with the order id; the order stays recorded', async () => {
    ctx.gateway.failNext('createPaymentIntent', 'invalid_request');
    const error = await createPaymentIntent(ctx, {
      body,
      userId: null,
      clientIp: '127.0.0.1',
      idempotencyKey: null,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'PAYMENT_PROVIDER_ERROR', status: 502 });
    const [order] = memory.rows.orders.values();
    expect(ctx.logs.find((l) => l.msg === 'PaymentIntent creation refused')).toMatchObject({
      orderId: order!.id,
      kind: 'invalid_request',
    });
  });

  it('a transient provider failure is a 503 and is not logged as a refusal', async () => {
    ctx.gateway.failNext('createPaymentIntent', 'unavailable');
    await expect(
      createPaymentIntent(ctx, { body, userId: null, clientIp: '127.0.0.1', idempotencyKey: null }),
    ).rejects.toMatchObject({ status: 503 });
    expect(ctx.logs.some((l) => l.msg === 'PaymentIntent creation refused')).toBe(false);
  });

  it('a crash after the order insert leaves nothing behind and calls no provider', async () => {
    injectFault(ctx, 'create-payment-intent.after-order', () => {
      throw new Error('crash');
    });
    await expect(
      createPaymentIntent(ctx, { body, userId: null, clientIp: '127.0.0.1', idempotencyKey: 'k' }),
    ).rejects.toThrow('crash');
    expect(memory.rows.orders.size).toBe(0);
    expect(memory.rows.orderEvents).toEqual([]);
    expect(memory.rows.idempotencyKeys.size).toBe(0);
    expect(ctx.gateway.calls).toEqual([]);
  });
});

describe('resolveTierId', () => {
  it('takes level or service, and both when they agree', () => {
    expect(resolveTierId({ level: 'vip' })).toBe('vip');
    expect(resolveTierId({ service: 'basic' })).toBe('basic');
    expect(resolveTierId({ level: 'basic', service: 'basic' })).toBe('basic');
  });
});
