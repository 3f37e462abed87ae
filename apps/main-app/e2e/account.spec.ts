/**
 * The customer account: register, order while logged in (email prefilled, order linked), "Mes
 * commandes" with status and amount, cancel before the session with the refund shown first, logout
 * and login again.
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

const text = async (locator: import('playwright-core').Locator) =>
  normalizeSpaces((await locator.textContent()) ?? '');

describe('customer account', () => {
  it('a logged-in customer’s order appears in "Mes commandes"; cancelling it shows then gives the full refund', async () => {
    const { context, page } = await e2e.newPage();
    const email = uniqueEmail('account');
    const password = 'mot-de-passe-2026';

    // Register
    await page.goto(`${e2e.web.url}/compte`);
    const register = page.locator('form', { has: page.getByRole('heading', { name: 'Créer un compte' }) });
    await register.getByLabel('Nom').fill('Inès Moreau');
    await register.getByLabel('Adresse e-mail').fill(email);
    await register.getByLabel('Mot de passe').fill(password);
    await register.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.getByRole('heading', { name: 'Bonjour Inès Moreau' }).waitFor();
    await page.getByText('Vous n’avez pas encore de commande.').waitFor();

    // Order from the home page; the email and name are prefilled.
    await page.getByRole('link', { name: 'Consultations' }).click();
    await page.getByRole('heading', { name: 'Nos experts', exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Expert Test' }).waitFor();
    await screenshot(page, 'home-logged-in');
    await page.getByRole('link', { name: 'Réserver la Consultation Premium' }).click();
    await page.waitForURL(/\/commande\?/);
    expect(await page.getByLabel(/Adresse e-mail/).inputValue()).toBe(email);
    expect(await page.getByLabel(/^Nom/).inputValue()).toBe('Inès Moreau');
    await page.getByTestId('continue-button').click();
    await fillCard(page, CARDS.success);
    await page.getByTestId('pay-button').click();
    await page.waitForURL(/\/confirmation\?/);
    await expect
      .poll(() => page.getByTestId('order-status').textContent(), { timeout: 15_000 })
      .toContain('Paiement confirmé');
    const { orderId, token } = confirmationParams(page);

    // Mes commandes
    await page.getByRole('link', { name: 'Mes commandes' }).click();
    const item = page.locator(`[data-order-id="${orderId}"]`);
    await item.waitFor();
    expect(await page.getByTestId('order-item').count()).toBe(1);
    expect(await text(item)).toContain('Consultation Premium');
    expect(await text(item)).toContain('79,00 €');
    expect(await text(item)).toContain('Paiement confirmé');
    expect(await text(item)).toContain('Expert'); // the assigned expert is listed

    // Cancel: the refund is shown before confirming.
    await item.getByTestId(`cancel-order-${orderId}`).click();
    expect(await text(item.getByTestId('cancel-refund-preview'))).toBe(
      'Vous serez remboursé de 79,00 € (remboursement intégral) sur votre carte.',
    );
    await screenshot(page, 'account-cancel-preview');
    // The focus went to the confirmation button (keyboard users confirm with Enter).
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'confirm-cancel',
    );
    await page.keyboard.press('Enter');
    await expect.poll(() => text(page.getByRole('status').first()), WAIT).toContain('Commande annulée');

    // The API refunded it in full; the list shows it after a reload.
    await expect
      .poll(async () => (await e2e.apiOrder(orderId, token)).refundedAmount, { timeout: 20_000 })
      .toBe(7900);
    await page.reload();
    await item.waitFor();
    await expect
      .poll(() => text(item.getByTestId('refunded-amount')), WAIT)
      .toBe('Remboursement intégral : 79,00 €.');
    expect(await item.getByTestId(`cancel-order-${orderId}`).count()).toBe(0);
    await screenshot(page, 'account-orders');

    // Logout, login again: the order is still there.
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    const login = page.locator('form', { has: page.getByRole('heading', { name: 'Se connecter' }) });
    await login.getByLabel('Adresse e-mail').fill(email);
    await login.getByLabel('Mot de passe').fill('mauvais-mot-de-passe');
    await login.getByRole('button', { name: 'Se connecter' }).click();
    await expect
      .poll(() => text(login.getByRole('alert')), WAIT)
      .toContain('Adresse e-mail ou mot de passe incorrect');
    await login.getByLabel('Mot de passe').fill(password);
    await login.getByRole('button', { name: 'Se connecter' }).click();
    await page.locator(`[data-order-id="${orderId}"]`).waitFor();

    await page.setViewportSize(PHONE);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'account-phone');
    await context.close();
  });
});
