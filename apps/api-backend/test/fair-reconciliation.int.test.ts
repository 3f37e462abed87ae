/**
 * Reconciliation is fair: with a backlog of abandoned checkouts larger than a pass, a paid order whose
 * webhooks were all lost is still found (the pass rotates by last look, not oldest-first), and an order
 * whose provider read fails every time neither stops the pass nor holds its place at the front.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReconciliation } from '../src/domain/reconciliation/run-reconciliation';
import { type PaymentGateway, PaymentGatewayError } from '../src/providers/payment-gateway';
import { startTestStack, type TestStack } from './harness';
import { confirmCard, createOrder, paymentIntentIdOf } from './payments-helpers';

let stack: TestStack;
let poisoned: string | null = null;
let retrievals = 0;

function withPoisonedPaymentIntent(inner: PaymentGateway): PaymentGateway {
  return {
    ...inner,
    createPaymentIntent: (o) => inner.createPaymentIntent(o),
    cancelPaymentIntent: (o) => inner.cancelPaymentIntent(o),
    createRefund: (o) => inner.createRefund(o),
    retrieveRefund: (id) => inner.retrieveRefund(id),
    verifyWebhook: (b, h) => inner.verifyWebhook(b, h),
    ping: () => inner.ping(),
    async retrievePaymentIntent(id) {
      retrievals += 1;
      if (id === poisoned) throw new PaymentGatewayError('unavailable', 'provider error (test)');
      return inner.retrievePaymentIntent(id);
    },
  };
}

beforeAll(async () => {
  stack = await startTestStack({
    wrapGateway: withPoisonedPaymentIntent,
    env: { RECONCILE_BATCH_SIZE: '10', RECONCILE_CONCURRENCY: '3' },
  });
});
afterAll(async () => {
  await stack?.stop();
});

describe('fair reconciliation', () => {
  it('finds a paid order with lost webhooks behind 25 abandoned checkouts, a failing order included', async () => {
    const abandoned = [];
    for (let i = 0; i < 25; i++) {
      abandoned.push(
        await createOrder(stack, { level: 'basic', customerEmail: `abandoned-${i}@example.test` }),
      );
    }
    poisoned = paymentIntentIdOf(abandoned[0]!.clientSecret);

    stack.sandbox.setFaults({ dropAll: true });
    const paid = await createOrder(stack, { level: 'premium', customerEmail: 'lost-webhooks@example.test' });
    await confirmCard(stack, paid.clientSecret, 'pm_card_visa');
    await stack.sandbox.webhooksIdle();
    stack.sandbox.setFaults({});
    const status = async () =>
      (
        await stack.db
          .selectFrom('orders')
          .select('status')
          .where('id', '=', paid.orderId)
          .executeTakeFirstOrThrow()
      ).status;
    expect(await status()).toBe('pending_payment');

    const passes = [];
    for (let pass = 1; pass <= 3 && (await status()) !== 'paid'; pass++) {
      retrievals = 0;
      const findings = await runReconciliation(stack.ctx, { minAgeSeconds: 0 });
      passes.push({ ...findings, retrievals });
    }
    expect(await status()).toBe('paid');
    // Each pass looks at one batch only; the failing order counts as an error and goes to the back.
    for (const pass of passes) expect(pass.checked).toBeLessThanOrEqual(10);
    expect(passes[0]!.errors).toBe(1);
    expect(passes[1]!.errors).toBe(0);
    expect(passes.at(-1)!.settled).toBe(1);
    expect(passes.length).toBe(3);
  });
});
