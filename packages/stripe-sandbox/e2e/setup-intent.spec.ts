// Saving a card in the browser with a SetupIntent (Payment Element + confirmSetup, Card Element +
// confirmCardSetup, 3-D Secure in the dialog), then paying off-session with it from the server.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../src/index';
import { buildFixture, CHROMIUM_ARGS, SCREENSHOT_DIR, serveStatic } from './support';

let sandbox: SandboxHandle;
let stripe: Stripe;
let fixtureServer: Server;
let fixtureUrl: string;
let buildDir: string;
let browser: Browser;
let context: BrowserContext | null = null;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  stripe = new Stripe('sk_test_lumira_setup', {
    host: '127.0.0.1',
    port: sandbox.port,
    protocol: 'http',
    maxNetworkRetries: 0,
  });
  buildDir = await mkdtemp(join(tmpdir(), 'lumira-stripe-setup-e2e-'));
  await buildFixture(`${sandbox.url}/v3/stripe.js`, buildDir);
  fixtureServer = await serveStatic(buildDir);
  fixtureUrl = `http://127.0.0.1:${(fixtureServer.address() as AddressInfo).port}`;
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterEach(async () => {
  await context?.close();
  context = null;
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => fixtureServer?.close(resolve));
  await sandbox?.close();
  if (buildDir) await rm(buildDir, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  setupIntentId: string;
  customerId: string;
  pageErrors: string[];
}

async function open(ui: 'payment' | 'card', locale: 'en' | 'fr' = 'en'): Promise<Opened> {
  const customer = await stripe.customers.create({ email: 'camille@example.test' });
  const intent = await stripe.setupIntents.create({ customer: customer.id, usage: 'off_session' });
  context = await browser.newContext({ locale: locale === 'fr' ? 'fr-FR' : 'en-US' });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') pageErrors.push(message.text());
  });
  const query = new URLSearchParams({
    pk: 'pk_test_lumira_setup',
    cs: intent.client_secret ?? '',
    ui,
    locale,
  });
  await page.goto(`${fixtureUrl}/setup.html?${query}`);
  await page.getByTestId('card-number').waitFor();
  return { page, setupIntentId: intent.id, customerId: customer.id, pageErrors };
}

async function typeCard(page: Page, number: string): Promise<void> {
  await page.getByTestId('card-number').pressSequentially(number);
  await page.getByTestId('card-expiry').pressSequentially('12 / 34');
  await page.getByTestId('card-cvc').pressSequentially('123');
}

async function resultText(page: Page): Promise<string> {
  const result = page.getByTestId('result');
  await expect.poll(async () => (await result.textContent()) ?? '', { timeout: 30_000 }).not.toBe('');
  return (await result.textContent()) ?? '';
}

/** The server side of a later purchase: an off-session payment with the customer's saved card. */
async function payOffSession(customerId: string, paymentMethod: string) {
  return stripe.paymentIntents.create({
    amount: 4500,
    currency: 'eur',
    customer: customerId,
    payment_method: paymentMethod,
    off_session: true,
    confirm: true,
  });
}

describe('SetupIntent in the browser, then an off-session payment', () => {
  it('Payment Element + confirmSetup saves 4242; the server then charges it off-session', async () => {
    const { page, setupIntentId, customerId, pageErrors } = await open('payment');
    await typeCard(page, '4242424242424242');
    await page.getByTestId('save').click();
    const text = await resultText(page);
    expect(text).toMatch(/^Setup succeeded pm_/);
    const si = await stripe.setupIntents.retrieve(setupIntentId);
    expect(si.status).toBe('succeeded');
    const saved = await stripe.customers.listPaymentMethods(customerId);
    expect(saved.data.map((p) => p.id)).toEqual([si.payment_method]);
    const later = await payOffSession(customerId, si.payment_method as string);
    expect(later.status).toBe('succeeded');
    expect(pageErrors).toEqual([]);
  });

  it('Card Element + confirmCardSetup with 3155: 3-D Secure in the dialog, then off-session without authentication', async () => {
    const { page, setupIntentId, customerId, pageErrors } = await open('card');
    await typeCard(page, '4000002500003155');
    await page.getByTestId('save').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const frame = page.frameLocator('[data-testid="stripe-3ds-iframe"]');
    await expect.poll(() => frame.locator('main p').first().textContent()).toContain('saving your card');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'sandbox-setup-3ds-dialog.png') });
    await frame.getByTestId('threeds-complete').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await resultText(page)).toMatch(/^Setup succeeded pm_/);
    const si = await stripe.setupIntents.retrieve(setupIntentId);
    expect(si.status).toBe('succeeded');
    const pm = await stripe.paymentMethods.retrieve(si.payment_method as string);
    expect(pm.customer).toBe(customerId);
    expect(pm.billing_details.name).toBe('Camille Martin');
    expect(pm.card?.last4).toBe('3155');
    const later = await payOffSession(customerId, pm.id);
    expect(later.status).toBe('succeeded');
    expect(pageErrors).toEqual([]);
  });

  it('Escape in the French dialog fails the setup; the card is not saved', async () => {
    const { page, setupIntentId, customerId } = await open('payment', 'fr');
    await typeCard(page, '4000002760003184');
    await page.getByTestId('save').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getAttribute('lang')).toBe('fr');
    const frame = page.frameLocator('[data-testid="stripe-3ds-iframe"]');
    await frame.getByTestId('threeds-complete').waitFor();
    await page.getByTestId('stripe-3ds-close').focus();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await resultText(page)).toBe(
      "Nous n'avons pas pu authentifier votre moyen de paiement. Veuillez choisir un autre moyen de paiement et réessayer.",
    );
    const si = await stripe.setupIntents.retrieve(setupIntentId);
    expect(si.status).toBe('requires_payment_method');
    expect(si.last_setup_error?.code).toBe('setup_intent_authentication_failure');
    expect((await stripe.customers.listPaymentMethods(customerId)).data).toEqual([]);
  });

  it('a declining card shows the decline and leaves the SetupIntent awaiting a card', async () => {
    const { page, setupIntentId } = await open('card');
    await typeCard(page, '4000000000000002');
    await page.getByTestId('save').click();
    expect(await resultText(page)).toBe('Your card was declined.');
    const si = await stripe.setupIntents.retrieve(setupIntentId);
    expect(si.status).toBe('requires_payment_method');
    expect(si.last_setup_error?.decline_code).toBe('generic_decline');
  });
});
