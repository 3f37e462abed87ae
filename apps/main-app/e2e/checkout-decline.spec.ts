/**
 * A refused card: the customer reads why in French next to the form, the order is not paid, and a
 * second card succeeds on the SAME order and PaymentIntent (no second order, no second charge).
 */
import { normalizeSpaces } from '@lumira/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import {
  CARDS,
  confirmationParams,
  type E2E,
  fillCard,
  startCheckout,
  startE2E,
  uniqueEmail,
  WAIT,
} from './support/e2e-stack';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe('checkout with a declined card', () => {
  it('4000 0000 0000 0002 -> French decline message, order not paid; then 4242… pays the same order', async () => {
    const { context, page } = await e2e.newPage();
    const email = uniqueEmail('decline');
    await startCheckout(page, `${e2e.web.url}/commande?level=basic`, email);
    const orderId = (await page.getByTestId('order-id').textContent())?.trim() ?? '';
    expect(orderId).toMatch(/^[0-9a-f]{24}$/);

    await fillCard(page, CARDS.declined);
    await page.getByTestId('pay-button').click();
    const error = page.getByTestId('payment-error');
    await expect.poll(() => error.textContent(), WAIT).toContain('Votre carte a été refusée');
    expect(await error.getAttribute('role')).toBe('alert');
    expect(page.url()).toContain('/commande');
    expect(await page.getByTestId('pay-button').isEnabled()).toBe(true);
    await screenshot(page, 'checkout-decline-message');

    // The API recorded the refusal; nothing was paid.
    await expect
      .poll(async () => (await e2e.ordersOf(email))[0]?.status, { timeout: 15_000 })
      .toBe('payment_failed');
    const [failed] = await e2e.ordersOf(email);
    expect(failed?.id).toBe(orderId);
    const paymentIntentId = failed?.payment_intent_id ?? '';
    expect((await e2e.stack.stripe.paymentIntents.retrieve(paymentIntentId)).status).toBe(
      'requires_payment_method',
    );

    // Another card, same form: same order, same PaymentIntent.
    await fillCard(page, CARDS.success);
    await page.getByTestId('pay-button').click();
    await page.waitForURL(/\/confirmation\?/);
    await expect
      .poll(() => page.getByTestId('order-status').textContent(), { timeout: 15_000 })
      .toContain('Paiement confirmé');
    const params = confirmationParams(page);
    expect(params.orderId).toBe(orderId);
    expect((await e2e.apiOrder(orderId, params.token)).status).toBe('paid');
    const orders = await e2e.ordersOf(email);
    expect(orders).toHaveLength(1);
    expect(orders[0]?.payment_intent_id).toBe(paymentIntentId);
    const paymentIntent = await e2e.stack.stripe.paymentIntents.retrieve(paymentIntentId);
    expect(paymentIntent.status).toBe('succeeded');
    expect(paymentIntent.amount).toBe(2900);

    // A guest cancels from the confirmation page (with the order's token): the refund is shown first.
    await page.getByTestId(`cancel-order-${orderId}`).click();
    expect(normalizeSpaces((await page.getByTestId('cancel-refund-preview').textContent()) ?? '')).toBe(
      'Vous serez remboursé de 29,00 € (remboursement intégral) sur votre carte.',
    );
    await page.getByTestId('confirm-cancel').click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 })
      .toMatch(/Commande (annulée|remboursée)/);
    await expect
      .poll(async () => (await e2e.apiOrder(orderId, params.token)).refundedAmount, { timeout: 20_000 })
      .toBe(2900);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 })
      .toBe('Commande remboursée');
    await screenshot(page, 'checkout-decline-then-success-cancelled');
    await context.close();
  });
});
