import '../../testing/in-memory-repositories';
import { beforeEach, describe, expect, it } from 'vitest';
import { memory } from '../../testing/in-memory-data';
import {
  paidOrder,
  placeOrder,
  seedCatalog,
  type UnitContext,
  unitContext,
} from '../../testing/unit-context';
import { issueRefund } from './issue-refund';
import { refundOrderByAdmin } from './refund-order-by-admin';
import { retryRefund } from './retry-refund';
import { settleChargeRefunds, settleRefundEvent, settleRefundFromProvider } from './settle-refund';

let ctx: UnitContext;
beforeEach(() => {
  seedCatalog();
  ctx = unitContext();
});

const ADMIN = 'a00000000000000000000001';
const event = (id: string, type = 'refund.updated') =>
  ({ id, type, createdAt: new Date(), object: { kind: 'other', objectType: null } }) as const;

/** A completed session: the policy gives nothing back, so an admin decides the amount. */
async function completedOrder() {
  const placed = await paidOrder(ctx);
  memory.patchOrder(placed.orderId, {
    status: 'completed',
    sessionStartedAt: new Date(),
    sessionEndedAt: new Date(),
    sessionEndReason: 'completed',
  });
  return placed;
}

describe('issueRefund and the admin refund', () => {
  it('a partial refund: pending row with key refund:<id>, provider call, then partially_refunded', async () => {
    const { orderId, paymentIntentId } = await completedOrder();
    const result = await refundOrderByAdmin(ctx, {
      orderId,
      amount: 2000,
      reason: 'geste commercial',
      adminUserId: ADMIN,
    });
    expect(result.refund).toMatchObject({
      amount: { amount: 2000 },
      status: 'succeeded',
      reason: 'geste commercial',
      requestedBy: ADMIN,
    });
    expect(ctx.gateway.callsOf('createRefund')[0]).toEqual({
      method: 'createRefund',
      idempotencyKey: `refund:${result.refund!.id}`,
      id: paymentIntentId,
    });
    expect(memory.order(orderId)).toMatchObject({ status: 'partially_refunded', refunded: { amount: 2000 } });
    const rest = await refundOrderByAdmin(ctx, {
      orderId,
      amount: 5900,
      reason: 'solde',
      adminUserId: ADMIN,
    });
    expect(rest.order).toMatchObject({ status: 'refunded', refunded: { amount: 7900 } });
  });

  it('never more than what is neither refunded nor pending', async () => {
    const { orderId } = await completedOrder();
    ctx.gateway.failNext('createRefund', 'unavailable');
    await refundOrderByAdmin(ctx, { orderId, amount: 7000, reason: 'a', adminUserId: ADMIN });
    await expect(
      refundOrderByAdmin(ctx, { orderId, amount: 1000, reason: 'b', adminUserId: ADMIN }),
    ).rejects.toMatchObject({
      code: 'REFUND_AMOUNT_EXCEEDS_CAP',
      details: { requested: 1000, cap: 900 },
    });
  });

  it('without an amount, the policy decides; when it gives nothing the admin must name an amount', async () => {
    const { orderId } = await completedOrder();
    await expect(refundOrderByAdmin(ctx, { orderId, reason: 'x', adminUserId: ADMIN })).rejects.toMatchObject(
      { code: 'REFUND_NOT_ALLOWED' },
    );
    memory.patchOrder(orderId, { status: 'no_show_expert' });
    const result = await refundOrderByAdmin(ctx, { orderId, reason: 'absence', adminUserId: ADMIN });
    expect(result.refund?.amount.amount).toBe(7900);
  });

  it('nothing paid: refused before anything is written', async () => {
    const { orderId } = await placeOrder(ctx);
    await expect(
      refundOrderByAdmin(ctx, { orderId, amount: 100, reason: 'x', adminUserId: ADMIN }),
    ).rejects.toMatchObject({
      code: 'REFUND_NOT_ALLOWED',
    });
    await expect(
      refundOrderByAdmin(ctx, {
        orderId: 'f00000000000000000000000',
        amount: 1,
        reason: 'x',
        adminUserId: ADMIN,
      }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(memory.rows.refunds.size).toBe(0);
  });

  it('a decision of zero writes nothing and calls no provider', async () => {
    const { orderId } = await completedOrder();
    const result = await issueRefund(ctx, {
      orderId,
      cause: 'admin',
      requestedBy: ADMIN,
      decide: () => ({ amount: 0, reason: 'none' }),
    });
    expect(result.refund).toBeNull();
    expect(ctx.gateway.callsOf('createRefund')).toEqual([]);
  });

  it('provider unreachable: the refund stays pending without a provider id (reconciliation re-sends it)', async () => {
    const { orderId } = await completedOrder();
    ctx.gateway.failNext('createRefund', 'rate_limited');
    const result = await refundOrderByAdmin(ctx, { orderId, amount: 1000, reason: 'x', adminUserId: ADMIN });
    expect(result.refund).toMatchObject({ status: 'pending', providerRefundId: null });
    expect(memory.order(orderId).status).toBe('completed');
  });

  it('provider refusal: the refund is recorded as failed with the reason; the order does not move', async () => {
    const { orderId } = await completedOrder();
    ctx.gateway.failNext('createRefund', 'invalid_request');
    const result = await refundOrderByAdmin(ctx, { orderId, amount: 1000, reason: 'x', adminUserId: ADMIN });
    expect(result.refund).toMatchObject({ status: 'failed', failureReason: 'invalid_request' });
    expect(memory.order(orderId)).toMatchObject({ status: 'completed', refunded: { amount: 0 } });
  });

  it('a refund the provider reports failed (e.g. canceled) is failed with its reason', async () => {
    const { orderId } = await completedOrder();
    ctx.gateway.refundOutcome = 'failed';
    const result = await refundOrderByAdmin(ctx, { orderId, amount: 1000, reason: 'x', adminUserId: ADMIN });
    expect(result.refund).toMatchObject({ status: 'failed', failureReason: 'expired_or_canceled_card' });
  });
});

describe('retryRefund', () => {
  it('a failed refund is retried once, as a new refund with a new key, linked to it', async () => {
    const { orderId } = await completedOrder();
    ctx.gateway.failNext('createRefund', 'invalid_request');
    const failed = (await refundOrderByAdmin(ctx, { orderId, amount: 1000, reason: 'x', adminUserId: ADMIN }))
      .refund!;
    const retried = await retryRefund(ctx, { refundId: failed.id, adminUserId: ADMIN });
    expect(retried.refund).toMatchObject({
      retryOf: failed.id,
      status: 'succeeded',
      amount: { amount: 1000 },
    });
    expect(retried.refund?.idempotencyKey).not.toBe(failed.idempotencyKey);
    await expect(retryRefund(ctx, { refundId: failed.id, adminUserId: ADMIN })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('only a failed refund can be retried; an unknown one is 404', async () => {
    const { orderId } = await completedOrder();
    const ok = (await refundOrderByAdmin(ctx, { orderId, amount: 1000, reason: 'x', adminUserId: ADMIN }))
      .refund!;
    await expect(retryRefund(ctx, { refundId: ok.id, adminUserId: ADMIN })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(
      retryRefund(ctx, { refundId: 'f00000000000000000000000', adminUserId: ADMIN }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('settling refunds from the provider', () => {
  async function pendingRefund() {
    const placed = await completedOrder();
    ctx.gateway.refundOutcome = 'pending';
    const { refund } = await refundOrderByAdmin(ctx, {
      orderId: placed.orderId,
      amount: 7900,
      reason: 'x',
      adminUserId: ADMIN,
    });
    return { ...placed, refund: refund! };
  }

  it('refund event: re-reads the refund, applies success once; a duplicate event has no effect', async () => {
    const { orderId, refund } = await pendingRefund();
    expect(refund).toMatchObject({ status: 'pending' });
    ctx.gateway.setRefund(refund.providerRefundId!, 'succeeded');
    const input = {
      providerRefundId: refund.providerRefundId!,
      refundIdHint: refund.id,
      event: event('evt_r1'),
    };
    expect(await settleRefundEvent(ctx, input)).toBe('processed');
    expect(memory.order(orderId)).toMatchObject({ status: 'refunded', refunded: { amount: 7900 } });
    expect(await settleRefundEvent(ctx, input)).toBe('duplicate');
    expect(memory.historyOf(orderId).filter((e) => e.to === 'refunded')).toHaveLength(1);
  });

  it('refund event: a failure is recorded once and never moves back', async () => {
    const { orderId, refund } = await pendingRefund();
    ctx.gateway.setRefund(refund.providerRefundId!, 'failed', 'canceled');
    await settleRefundEvent(ctx, {
      providerRefundId: refund.providerRefundId!,
      refundIdHint: refund.id,
      event: event('evt_r2'),
    });
    expect(memory.refundsOf(orderId)[0]).toMatchObject({ status: 'failed', failureReason: 'canceled' });
    ctx.gateway.setRefund(refund.providerRefundId!, 'succeeded');
    await settleRefundEvent(ctx, {
      providerRefundId: refund.providerRefundId!,
      refundIdHint: refund.id,
      event: event('evt_r3'),
    });
    expect(memory.refundsOf(orderId)[0]?.status).toBe('failed');
    expect(memory.order(orderId).refunded.amount).toBe(0);
  });

  it('refund event for a refund not ours is ignored; one not visible yet asks for a retry', async () => {
    const { refund } = await pendingRefund();
    expect(
      await settleRefundEvent(ctx, {
        providerRefundId: 're_other',
        refundIdHint: null,
        event: event('evt_r4'),
      }),
    ).toBe('ignored');
    await expect(
      settleRefundEvent(ctx, {
        providerRefundId: refund.providerRefundId!,
        refundIdHint: 'f00000000000000000000000',
        event: event('evt_r5'),
      }),
    ).rejects.toMatchObject({ code: 'WEBHOOK_ORDER_NOT_VISIBLE' });
    expect(memory.rows.paymentEvents.has('evt_r5')).toBe(false);
  });

  it('charge.refunded re-reads every pending refund of the order', async () => {
    const { orderId, paymentIntentId, refund } = await pendingRefund();
    ctx.gateway.setRefund(refund.providerRefundId!, 'succeeded');
    expect(
      await settleChargeRefunds(ctx, { paymentIntentId, event: event('evt_c1', 'charge.refunded') }),
    ).toBe('processed');
    expect(memory.order(orderId).status).toBe('refunded');
    expect(
      await settleChargeRefunds(ctx, { paymentIntentId, event: event('evt_c1', 'charge.refunded') }),
    ).toBe('duplicate');
    expect(
      await settleChargeRefunds(ctx, {
        paymentIntentId: 'pi_other',
        event: event('evt_c2', 'charge.refunded'),
      }),
    ).toBe('ignored');
  });

  it('reconciliation re-reads a pending refund and applies it', async () => {
    const { orderId, refund } = await pendingRefund();
    expect(await settleRefundFromProvider(ctx, refund.id, 'reconciliation')).toBe(false);
    ctx.gateway.setRefund(refund.providerRefundId!, 'succeeded');
    expect(await settleRefundFromProvider(ctx, refund.id, 'reconciliation')).toBe(true);
    expect(memory.order(orderId).status).toBe('refunded');
    expect(await settleRefundFromProvider(ctx, refund.id, 'reconciliation')).toBe(false);
  });
});
