/**
 * The happy path against the real stack: the original design's test URL, card 4242 4242 4242 4242,
 * the confirmation page following the order live, the API agreeing, and a partial refund showing up.
 */
import { normalizeSpaces } from '@lumira/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHONE, screenshot } from './support/browser';
import {
  CARDS,
  confirmationParams,
  type E2E,
  fillCard,
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

const ORIGINAL_TEST_URL = '/commande?level=premium&service=premium&expert=Expert%20Test';

describe('checkout with a card that succeeds', () => {
  it('the original design’s test URL: pay with 4242… -> "Paiement confirmé", and the API agrees', async () => {
    const { context, page } = await e2e.newPage();
    const email = uniqueEmail('success');
    await page.goto(`${e2e.web.url}${ORIGINAL_TEST_URL}`);

    // The link's tier and expert (by name) are understood; the price comes from the catalog.
    await expect.poll(() => page.getByLabel('Expert').inputValue(), WAIT).toBe(e2e.stack.demo.expertId);
    expect(await page.getByRole('radio', { name: /Consultation Premium/ }).isChecked()).toBe(true);
    expect(normalizeSpaces((await page.getByTestId('summary-total').textContent()) ?? '')).toBe('79,00 €');

    await page.getByLabel(/Adresse e-mail/).fill(email);
    await page.getByLabel(/^Nom/).fill('Camille Durand');
    await page.getByTestId('continue-button').click();
    await fillCard(page, CARDS.success);
    const payButton = page.getByTestId('pay-button');
    expect(normalizeSpaces((await payButton.textContent()) ?? '')).toBe('Payer 79,00 €');
    await payButton.click();

    await page.waitForURL(/\/confirmation\?/);
    await expect
      .poll(() => page.getByTestId('order-status').textContent(), { timeout: 15_000 })
      .toContain('Paiement confirmé');
    expect(await page.getByTestId('order-expert').textContent()).toBe('Expert Test');
    expect(await page.getByRole('heading', { name: 'Et maintenant ?' }).isVisible()).toBe(true);

    const { orderId, token } = confirmationParams(page);
    const order = await e2e.apiOrder(orderId, token);
    expect(order).toMatchObject({
      status: 'paid',
      amount: 7900,
      currency: 'EUR',
      tier: { id: 'premium' },
      expert: { id: e2e.stack.demo.expertId, name: 'Expert Test' },
      customerEmail: email,
      customerName: 'Camille Durand',
    });
    expect(await e2e.ordersOf(email)).toHaveLength(1);

    // After a reload the page still shows the paid order (the token is in the address).
    await page.reload();
    await expect
      .poll(() => page.getByTestId('order-status').textContent(), WAIT)
      .toContain('Paiement confirmé');
    expect(page.url()).not.toContain('payment_intent');

    // The expert holds the session, then an admin refunds part of it: the open page shows it by itself.
    const post = async (path: string, token: string, body?: unknown) => {
      const res = await fetch(`${e2e.stack.apiUrl}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(res.status, `${path}: ${await res.clone().text()}`).toBeLessThan(300);
    };
    const expertToken = await e2e.stack.login(e2e.stack.demo.expertEmail, e2e.stack.demo.expertPassword);
    // The page follows the order through the API's Server-Sent Events (not the polling fallback).
    expect(await page.getByTestId('order-status').getAttribute('data-live')).toBe('sse');
    await post(`/api/desk/orders/${orderId}/start`, expertToken);
    await expect
      .poll(() => page.getByTestId('order-status').textContent(), WAIT)
      .toContain('Consultation en cours');
    await post(`/api/desk/orders/${orderId}/end`, expertToken, { reason: 'completed' });
    const adminToken = await e2e.stack.login(e2e.stack.demo.adminEmail, e2e.stack.demo.adminPassword);
    await post(`/api/admin/orders/${orderId}/refund`, adminToken, {
      amount: 2950,
      reason: 'Geste commercial',
    });
    await expect
      .poll(
        async () =>
          normalizeSpaces(
            (await page
              .getByTestId('refunded-amount')
              .textContent()
              .catch(() => '')) ?? '',
          ),
        {
          timeout: 20_000,
        },
      )
      .toBe('Remboursement partiel : 29,50 € sur 79,00 €.');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Commande partiellement remboursée',
    );
    expect((await e2e.apiOrder(orderId, token)).refundedAmount).toBe(2950);
    await screenshot(page, 'checkout-success');

    await page.setViewportSize(PHONE);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'confirmation-phone');
    await context.close();
  });

  it('works at 375 px: the order page fits the phone and the card form is usable', async () => {
    const { context, page } = await e2e.newPage(PHONE);
    await page.goto(e2e.web.url);
    await page.getByRole('heading', { name: 'Expert Test' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'home-phone');
    await page.goto(`${e2e.web.url}${ORIGINAL_TEST_URL}`);
    await expect.poll(() => page.title(), WAIT).toBe('Commande · Lumira Oracle');
    // Keyboard: the first Tab reaches the skip link; the forms submit with Enter.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Aller au contenu');
    const emailField = page.getByLabel(/Adresse e-mail/);
    await emailField.fill(uniqueEmail('phone'));
    await emailField.press('Enter');
    await page.getByTestId('card-number').waitFor();
    await fillCard(page, CARDS.success);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'commande-phone');
    await page.getByTestId('pay-button').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/confirmation\?/);
    await expect
      .poll(() => page.getByTestId('order-status').textContent(), { timeout: 15_000 })
      .toContain('Paiement confirmé');
    await context.close();
  });
});
