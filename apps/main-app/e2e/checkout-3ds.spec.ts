/**
 * 3-D Secure with card 4000 0027 6000 3184: the challenge in the sandbox's modal iframe (complete ->
 * paid; fail -> French message, then a retry on the same order), and the redirect return path
 * (Stripe sends the customer back to /confirmation with `payment_intent`).
 */
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

const challenge = (page: import('playwright-core').Page) =>
  page.frameLocator('[data-testid="stripe-3ds-iframe"]');

describe('checkout with 3-D Secure', () => {
  it('challenge completed -> paid', async () => {
    const { context, page } = await e2e.newPage();
    const email = uniqueEmail('threeds-ok');
    await startCheckout(page, `${e2e.web.url}/commande?level=vip`, email);
    await fillCard(page, CARDS.threeDS);
    await page.getByTestId('pay-button').click();
    await challenge(page).getByTestId('threeds-complete').click();
    await page.waitForURL(/\/confirmation\?/);
    await expect
      .poll(() => page.getByTestId('order-status').textContent(), { timeout: 15_000 })
      .toContain('Paiement confirmé');
    const { orderId, token } = confirmationParams(page);
    expect(await e2e.apiOrder(orderId, token)).toMatchObject({ status: 'paid', amount: 14900 });
    await screenshot(page, 'checkout-3ds-complete');
    await context.close();
  });

  it('challenge failed -> French message, not paid; the retry pays the same order', async () => {
    const { context, page } = await e2e.newPage();
    const email = uniqueEmail('threeds-fail');
    await startCheckout(page, `${e2e.web.url}/commande?level=premium`, email);
    await fillCard(page, CARDS.threeDS);
    await page.getByTestId('pay-button').click();
    await challenge(page).getByTestId('threeds-fail').click();
    const error = page.getByTestId('payment-error');
    await expect.poll(() => error.textContent(), WAIT).toContain('authentification 3-D Secure a échoué');
    await expect
      .poll(async () => (await e2e.ordersOf(email))[0]?.status, { timeout: 15_000 })
      .not.toBe('paid');
    await screenshot(page, 'checkout-3ds-fail-message');

    await fillCard(page, CARDS.success);
    await page.getByTestId('pay-button').click();
    await page.waitForURL(/\/confirmation\?/);
    await expect
      .poll(() => page.getByTestId('order-status').textContent(), { timeout: 15_000 })
      .toContain('Paiement confirmé');
    const orders = await e2e.ordersOf(email);
    expect(orders).toHaveLength(1);
    expect(orders[0]?.status).toBe('paid');
    await screenshot(page, 'checkout-3ds-fail-then-retry');
    await context.close();
  });

  it('after a 3-D Secure redirect the confirmation page settles the order itself (no webhook) and survives a reload', async () => {
    // Webhooks are dropped: only the browser's return path (confirm-payment) can settle this order.
    e2e.stack.sandbox.setFaults({ dropAll: true });
    try {
      const { context, page } = await e2e.newPage();
      const created = await fetch(`${e2e.stack.apiUrl}/api/payments/create-payment-intent`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `e2e-redirect-${Date.now()}` },
        body: JSON.stringify({ level: 'basic', service: 'basic', customerEmail: uniqueEmail('redirect') }),
      });
      expect(created.status).toBeLessThan(300);
      const order = (await created.json()) as {
        clientSecret: string;
        orderId: string;
        orderAccessToken: string;
      };
      const paymentIntentId = order.clientSecret.split('_secret_')[0]!;
      const returnUrl = `${e2e.web.url}/confirmation?order_id=${order.orderId}&token=${encodeURIComponent(order.orderAccessToken)}`;
      const confirmed = await e2e.stack.stripe.paymentIntents.confirm(paymentIntentId, {
        payment_method: 'pm_card_authenticationRequired',
        return_url: returnUrl,
      });
      expect(confirmed.status).toBe('requires_action');
      const redirectUrl = confirmed.next_action?.redirect_to_url?.url;
      expect(redirectUrl).toBeTruthy();

      await page.goto(redirectUrl!);
      await page.getByTestId('threeds-complete').click();
      await page.waitForURL(/\/confirmation\?.*payment_intent=/);
      await expect
        .poll(() => page.getByTestId('order-status').textContent(), { timeout: 15_000 })
        .toContain('Paiement confirmé');
      expect((await e2e.apiOrder(order.orderId, order.orderAccessToken)).status).toBe('paid');
      // The Stripe parameters (and the client secret) leave the address bar; a reload shows the same.
      await expect.poll(() => page.url(), WAIT).not.toContain('payment_intent');
      await page.reload();
      await expect
        .poll(() => page.getByTestId('order-status').textContent(), WAIT)
        .toContain('Paiement confirmé');
      await screenshot(page, 'checkout-3ds-redirect-return');
      await context.close();
    } finally {
      e2e.stack.sandbox.setFaults({});
    }
  });

  it('a 3-D Secure redirect that fails shows "Paiement refusé"; "Revenir au paiement" pays the same order', async () => {
    const { context, page } = await e2e.newPage();
    const email = uniqueEmail('threeds-redirect-fail');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/payments/create-payment-intent'));
    await startCheckout(page, `${e2e.web.url}/commande?level=basic`, email);
    const { orderId, orderAccessToken, clientSecret } = (await (await created).json()) as {
      orderId: string;
      orderAccessToken: string;
      clientSecret: string;
    };
    // The bank's page is reached through a redirect (as with a redirect-based payment method).
    const confirmed = await e2e.stack.stripe.paymentIntents.confirm(clientSecret.split('_secret_')[0]!, {
      payment_method: 'pm_card_authenticationRequired',
      return_url: `${e2e.web.url}/confirmation?order_id=${orderId}&token=${encodeURIComponent(orderAccessToken)}`,
    });
    await page.goto(confirmed.next_action!.redirect_to_url!.url!);
    await page.getByTestId('threeds-fail').click();
    await page.waitForURL(/\/confirmation\?/);
    await expect
      .poll(() => page.getByTestId('order-status').textContent(), { timeout: 15_000 })
      .toContain('Paiement refusé');
    await screenshot(page, 'confirmation-refused');

    await page.getByTestId('retry-payment').click();
    await page.getByTestId('card-number').waitFor();
    expect((await page.getByTestId('order-id').textContent())?.trim()).toBe(orderId);
    await fillCard(page, CARDS.success);
    await page.getByTestId('pay-button').click();
    await page.waitForURL(/\/confirmation\?/);
    await expect
      .poll(() => page.getByTestId('order-status').textContent(), { timeout: 15_000 })
      .toContain('Paiement confirmé');
    const orders = await e2e.ordersOf(email);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ id: orderId, status: 'paid' });
    await context.close();
  });
});
