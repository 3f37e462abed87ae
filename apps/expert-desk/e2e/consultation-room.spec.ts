/**
 * The consultation itself, through the real stack (PostgreSQL + API + Stripe sandbox, main-app and the
 * desk as production builds) in Chromium with two browser contexts: the customer pays, the expert
 * starts, both join the room, talk by chat both ways, reload without losing or doubling a line, see
 * the timer, call each other (voice and video over WebRTC with Chromium's fake devices), hang up; the
 * expert ends the session as interrupted after confirming the proposed refund, and the customer sees
 * why and how much comes back. Also: an offline expert cannot be booked from the order page.
 */
import { normalizeSpaces } from '@lumira/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../../api-backend/test/harness';
import { CARDS, fillCard } from '../../main-app/e2e/support/e2e-stack';
import type { WebAppHandle } from '../../main-app/e2e/support/web-app';
import { screenshot } from './support/browser';
import { eventually, readOrderAsCustomer } from './support/customer';
import { type DeskAppHandle, type DeskE2E, startDeskE2E } from './support/desk-app';

let e2e: DeskE2E;
let stack: TestStack;
let desk: DeskAppHandle;
let shop: WebAppHandle;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  // Fake camera and microphone, permission granted without a prompt (pages served from 127.0.0.1).
  e2e = await startDeskE2E(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']);
  ({ stack, desk, shop, browser } = e2e);
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await e2e?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
  return page;
}

/** The texts of the room's lines as shown, in order. */
async function lines(page: Page): Promise<string[]> {
  return (await page.getByTestId('room-line').allTextContents()).map((t) => normalizeSpaces(t));
}

async function waitForLine(page: Page, text: string): Promise<void> {
  await page.getByTestId('room-line').filter({ hasText: text }).first().waitFor({ timeout: 20_000 });
}

async function send(page: Page, text: string): Promise<void> {
  await page.getByLabel('Votre message').fill(text);
  await page.getByRole('button', { name: 'Envoyer' }).click();
}

let stepName = '';
let stepAt = Date.now();
/** Logs the progress of the long scenario (which step a failure happened in, and how long each took). */
function step(name: string): void {
  if (stepName) console.info(`step done in ${Date.now() - stepAt} ms: ${stepName}`);
  stepName = name;
  stepAt = Date.now();
}

describe('the consultation room', () => {
  it('pay, start, join, chat both ways, reload, timer, call, hang up, interrupted end with the refund shown to the customer', async () => {
    // The customer pays in main-app.
    const customer = await newPage();
    await customer.goto(`${shop.url}/commande?level=basic&service=basic&expert=Expert%20Test`);
    await customer.getByLabel(/Adresse e-mail/).fill('lea.martin@example.test');
    await customer.getByLabel(/^Nom/).fill('Léa Martin');
    await customer.getByTestId('continue-button').click();
    await customer.getByTestId('card-number').waitFor();
    await fillCard(customer, CARDS.success);
    await customer.getByTestId('pay-button').click();
    await customer.waitForURL(/\/confirmation\?/);
    const confirmationUrl = customer.url();
    const params = new URL(confirmationUrl).searchParams;
    const order = { orderId: params.get('order_id') ?? '', orderAccessToken: params.get('token') ?? '' };
    expect(order.orderId).toMatch(/^[0-9a-f]{24}$/);
    await customer.getByText('Paiement confirmé').first().waitFor({ timeout: 20_000 });

    step('The expert opens the order and starts th');
    // The expert opens the order and starts the session.
    const expert = await newPage();
    await expert.goto(`${desk.url}/connexion`);
    await expert.getByLabel('Adresse e-mail').fill(stack.demo.expertEmail);
    await expert.getByLabel('Mot de passe').fill(stack.demo.expertPassword);
    await expert.getByRole('button', { name: 'Se connecter' }).click();
    await expert.waitForURL(/\/file$/);
    await expert.goto(`${desk.url}/commandes/${order.orderId}`);
    await expert.getByTestId('start-session').click();
    await expert.locator('[data-room-state="open"]').waitFor();

    step('The customer confirmation page offers');
    // The customer's confirmation page offers to join, live.
    const join = customer.getByRole('link', { name: 'Rejoindre la séance' });
    await join.waitFor({ timeout: 20_000 });
    await join.click();
    await customer.waitForURL(new RegExp(`/seance/${order.orderId}\\?token=`));
    await customer.locator('[data-room-state="open"]').waitFor();
    await waitForLine(customer, 'La séance a commencé.');

    step('Presence');
    // Presence: each side sees the other in the room.
    await customer.getByTestId('room-presence').getByText('Expert Test est dans la salle').waitFor();
    await expert.getByTestId('room-presence').getByText('Léa est dans la salle').waitFor();

    step('Messages both ways (and HTML stays text)');
    // Messages both ways (and HTML stays text).
    let sentAt = Date.now();
    await send(customer, 'Bonjour, <b>merci</b> de me recevoir.');
    await waitForLine(expert, 'Bonjour, <b>merci</b> de me recevoir.');
    const toExpertMs = Date.now() - sentAt;
    sentAt = Date.now();
    await send(expert, 'Bienvenue Léa, je vous écoute.');
    await waitForLine(customer, 'Bienvenue Léa, je vous écoute.');
    const toCustomerMs = Date.now() - sentAt;
    console.info(
      `room delivery (send click to shown on the other side): ${toExpertMs} ms, ${toCustomerMs} ms`,
    );
    expect(await expert.locator('.room-transcript b').count()).toBe(0);

    step('The timer shows on both sides');
    // The timer shows on both sides, against the 30 minutes.
    for (const page of [customer, expert]) {
      expect(await page.getByTestId('room-timer').textContent()).toMatch(/Temps restant (29|30):\d\d/);
    }
    await screenshot(customer, 'room-customer');
    await screenshot(expert, 'room-expert');

    step('Reload on each side');
    // Reload on each side: the whole transcript, each line once.
    const expected = [
      'La séance a commencé.',
      'Bonjour, <b>merci</b> de me recevoir.',
      'Bienvenue Léa, je vous écoute.',
    ];
    for (const page of [customer, expert]) {
      await page.reload();
      await waitForLine(page, 'Bienvenue Léa, je vous écoute.');
      const shown = await lines(page);
      expect(shown).toHaveLength(3);
      for (const [i, text] of expected.entries()) expect(shown[i]).toContain(text);
    }

    step('A video call');
    // A video call: the customer calls, the expert accepts, both connected, the customer hangs up.
    await customer.getByRole('button', { name: 'Appel vidéo' }).click();
    await expert.getByRole('button', { name: 'Accepter' }).click({ timeout: 20_000 });
    await customer.locator('[data-call-phase="connected"]').waitFor({ timeout: 30_000 });
    await expert.locator('[data-call-phase="connected"]').waitFor({ timeout: 30_000 });
    await expert.getByRole('button', { name: 'Couper le micro' }).click();
    await expert.getByRole('button', { name: 'Réactiver le micro' }).waitFor();
    await customer.getByRole('button', { name: 'Raccrocher' }).click();
    await customer.locator('[data-call-phase="idle"]').waitFor();
    await expert.getByTestId('room-call-ended').getByText('Votre interlocuteur a raccroché.').waitFor();

    step('The expert ends the session as interrupt');
    // The expert ends the session as interrupted: a confirmation shows the refund the policy proposes.
    await expert.getByTestId('end-interrupted').check();
    await expert.getByTestId('end-session').click();
    const confirm = expert.getByTestId('end-confirmation');
    await confirm.waitFor();
    const confirmText = normalizeSpaces((await confirm.textContent()) ?? '');
    expect(confirmText).toMatch(/Remboursement proposé au client : \d+,\d\d €/);
    await screenshot(expert, 'end-confirmation');
    await expert.getByTestId('confirm-end-session').click();
    await expert.locator('[data-room-state="closed"]').waitFor();
    await customer.locator('[data-room-state="closed"]').waitFor({ timeout: 20_000 });
    await waitForLine(customer, 'La séance a été interrompue.');

    step('The admin issues the proposed refund');
    // The admin opens the order in the desk: the same transcript read-only, the history in French, and
    // the refund the policy proposed, sent only after confirming it.
    const adminToken = await stack.login(stack.demo.adminEmail, stack.demo.adminPassword);
    const proposed = (
      (await (
        await fetch(`${stack.apiUrl}/api/admin/orders/${order.orderId}`, {
          headers: { Authorization: `Bearer ${adminToken}` },
        })
      ).json()) as { proposedRefundAmount: number }
    ).proposedRefundAmount;
    expect(proposed).toBeGreaterThan(0);
    const euros = `${Math.floor(proposed / 100)},${String(proposed % 100).padStart(2, '0')}`;
    const admin = await newPage();
    await admin.goto(`${desk.url}/connexion`);
    await admin.getByLabel('Adresse e-mail').fill(stack.demo.adminEmail);
    await admin.getByLabel('Mot de passe').fill(stack.demo.adminPassword);
    await admin.getByRole('button', { name: 'Se connecter' }).click();
    await admin.waitForURL(/\/admin\/commandes$/);
    await admin.goto(`${desk.url}/admin/commandes/${order.orderId}`);
    await admin.locator('[data-room-state="closed"]').waitFor({ timeout: 20_000 });
    const transcript = [
      'La séance a commencé.',
      'Bonjour, <b>merci</b> de me recevoir.',
      'Bienvenue Léa, je vous écoute.',
      'La séance a été interrompue.',
    ];
    for (const page of [admin, customer, expert]) {
      const shown = await lines(page);
      expect(shown).toHaveLength(transcript.length);
      for (const [i, text] of transcript.entries()) expect(shown[i]).toContain(text);
    }
    expect(await admin.getByLabel('Votre message').count()).toBe(0); // read-only
    expect(normalizeSpaces((await admin.getByTestId('refund-amount').inputValue()) ?? '')).toBe(euros);
    await admin.getByTestId('refund-submit').click();
    expect(normalizeSpaces((await admin.getByTestId('refund-confirm-amount').textContent()) ?? '')).toBe(
      `${euros} €`,
    );
    await admin.getByTestId('refund-confirm').click();
    await admin
      .locator('[data-refund-status="succeeded"]')
      .first()
      .waitFor({ timeout: 20_000 })
      .catch(async () => {
        await admin.reload(); // the refund settles through the sandbox's webhook
        await admin.locator('[data-refund-status="succeeded"]').first().waitFor({ timeout: 20_000 });
      });
    await expect
      .poll(async () => normalizeSpaces((await admin.getByTestId('refunded-amount').textContent()) ?? ''))
      .toBe(`${euros} €`);
    // the history tells the same story as both sides, in French and in euros
    await expect
      .poll(async () =>
        (await admin.getByTestId('history-line').allTextContents()).map((t) => normalizeSpaces(t)),
      )
      .toEqual([
        expect.stringContaining('Commande créée'),
        expect.stringContaining('Paiement de 29,00 € reçu'),
        expect.stringContaining('Séance démarrée par l’expert'),
        expect.stringContaining(`Séance interrompue par l’expert : remboursement proposé de ${euros} €`),
        expect.stringContaining(`Remboursement de ${euros} € effectué`),
      ]);
    await screenshot(admin, 'admin-order-after-room');
    await eventually(
      () => readOrderAsCustomer(stack.apiUrl, order),
      (o) => o.status === 'partially_refunded',
    );
    await customer.goto(confirmationUrl);
    const reason = customer.getByTestId('refund-reason');
    await reason.waitFor({ timeout: 20_000 });
    const reasonText = normalizeSpaces((await reason.textContent()) ?? '');
    expect(reasonText).toContain('séance a été interrompue');
    expect(reasonText).toMatch(/5 à 10 jours ouvrés/);
    expect(normalizeSpaces((await customer.getByTestId('refunded-amount').textContent()) ?? '')).toBe(
      `Remboursement partiel : ${euros} € sur 29,00 €.`,
    );
    await screenshot(customer, 'refund-reason');
  }, 300_000);

  it('a customer whose microphone and camera are refused keeps the chat', async () => {
    // A context without the fake devices' permission: getUserMedia is refused.
    const context = await browser.newContext({ locale: 'fr-FR', permissions: [] });
    contexts.push(context);
    await context.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () =>
        Promise.reject(new DOMException('denied', 'NotAllowedError'));
    });
    const created = await fetch(`${stack.apiUrl}/api/payments/create-payment-intent`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        level: 'basic',
        expertId: stack.demo.expertId,
        customerEmail: 'nomedia@example.test',
      }),
    });
    const order = (await created.json()) as {
      orderId: string;
      orderAccessToken: string;
      clientSecret: string;
    };
    await stack.stripe.paymentIntents.confirm(order.clientSecret.split('_secret_')[0]!, {
      payment_method: 'pm_card_visa',
    });
    await eventually(
      () => readOrderAsCustomer(stack.apiUrl, order),
      (o) => o.status === 'paid',
    );
    const expertToken = await stack.login(stack.demo.expertEmail, stack.demo.expertPassword);
    await fetch(`${stack.apiUrl}/api/desk/orders/${order.orderId}/start`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${expertToken}` },
    });
    const page = await context.newPage();
    await page.goto(
      `${shop.url}/seance/${order.orderId}?token=${encodeURIComponent(order.orderAccessToken)}`,
    );
    await page.locator('[data-room-state="open"]').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Appel vocal' }).click();
    await page
      .getByTestId('room-call-ended')
      .getByText(/Micro ou caméra refusés/)
      .waitFor();
    await send(page, 'Je continue par écrit.');
    await waitForLine(page, 'Je continue par écrit.');
  });

  it('an offline expert cannot be booked from the order page, which offers the first available expert', async () => {
    const page = await newPage();
    // Marc Lefèvre is offline in the demo data.
    await page.goto(`${shop.url}/commande?level=premium&service=premium&expert=674123456789abcdef012347`);
    const status = page.getByTestId('expert-status');
    await status.waitFor({ timeout: 20_000 });
    expect(normalizeSpaces((await status.textContent()) ?? '')).toContain('Marc Lefèvre est hors ligne');
    expect(await page.getByTestId('continue-button').isDisabled()).toBe(true);
    await screenshot(page, 'order-expert-offline');
    await page.getByTestId('choose-first-available').click();
    await expect.poll(() => page.getByTestId('continue-button').isDisabled()).toBe(false);
    await page.getByLabel(/Adresse e-mail/).fill('premier.dispo@example.test');
    await page.getByTestId('continue-button').click();
    await page.getByTestId('card-number').waitFor({ timeout: 20_000 });
    // The order went to an online expert offering Premium, never to Marc.
    expect(await page.locator('main').textContent()).not.toContain('Marc Lefèvre');
  });
});
