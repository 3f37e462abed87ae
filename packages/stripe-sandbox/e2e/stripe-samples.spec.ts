// Pages written the way Stripe's accept-a-payment samples are (e2e/fixture/sample.tsx with
// @stripe/react-stripe-js, e2e/fixture/plain.js with plain Stripe.js), run unchanged against the
// sandbox: only the Stripe.js script URL and the SDK host differ from Stripe's own.
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
  stripe = new Stripe('sk_test_lumira_samples', {
    host: '127.0.0.1',
    port: sandbox.port,
    protocol: 'http',
    maxNetworkRetries: 0,
  });
  buildDir = await mkdtemp(join(tmpdir(), 'lumira-stripe-samples-e2e-'));
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
  paymentIntentId: string;
  /** Uncaught errors and console errors/warnings (React, loadStripe's release-train check, ...). */
  pageErrors: string[];
}

async function open(pageName: 'sample' | 'plain', locale: 'en' | 'fr' = 'en'): Promise<Opened> {
  const intent = await stripe.paymentIntents.create({
    amount: 2900,
    currency: 'eur',
    automatic_payment_methods: { enabled: true },
  });
  context = await browser.newContext({
    locale: locale === 'fr' ? 'fr-FR' : 'en-US',
    viewport: { width: 800, height: 1100 },
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') pageErrors.push(message.text());
  });
  const query = new URLSearchParams({ pk: 'pk_test_lumira_samples', cs: intent.client_secret ?? '', locale });
  await page.goto(`${fixtureUrl}/${pageName}.html?${query}`);
  await page.getByTestId('card-number').waitFor();
  return { page, paymentIntentId: intent.id, pageErrors };
}

async function fillAddress(page: Page): Promise<void> {
  await page.getByTestId('address-name').fill('Camille Martin');
  await page.getByTestId('address-country').selectOption('FR');
  await page.getByTestId('address-line1').fill('12 rue des Lilas');
  await page.getByTestId('address-postal_code').fill('75011');
  await page.getByTestId('address-city').fill('Paris');
}

async function typeCard(page: Page, number: string): Promise<void> {
  await page.getByTestId('card-number').pressSequentially(number);
  await page.getByTestId('card-expiry').pressSequentially('12 / 34');
  await page.getByTestId('card-cvc').pressSequentially('123');
}

async function resultText(page: Page): Promise<string> {
  const result = page.getByTestId('result');
  await result.waitFor();
  await expect.poll(async () => (await result.textContent()) ?? '').not.toBe('');
  return (await result.textContent()) ?? '';
}

describe('React page in the layout of Stripe’s payment-element sample', () => {
  it('collects the email, a shipping address and the card, and pays on Enter in the CVC field', async () => {
    const { page, paymentIntentId, pageErrors } = await open('sample');
    await expect.poll(() => page.getByTestId('wallets').textContent()).toBe('none');
    await expect(
      page.getByTestId('expressCheckout-element').getByRole('note').textContent(),
    ).resolves.toContain('not available in this offline sandbox');
    await page.getByTestId('link-email').fill('camille@example.test');
    await fillAddress(page);
    await typeCard(page, '4242424242424242');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'sandbox-sample-react.png'), fullPage: true });
    await page.getByTestId('card-cvc').press('Enter');
    expect(await resultText(page)).toBe('Payment succeeded');
    const pi = await stripe.paymentIntents.retrieve(paymentIntentId);
    expect(pi.status).toBe('succeeded');
    expect(pi.receipt_email).toBe('camille@example.test');
    expect(pi.shipping?.name).toBe('Camille Martin');
    expect(pi.shipping?.address).toEqual({
      city: 'Paris',
      country: 'FR',
      line1: '12 rue des Lilas',
      line2: null,
      postal_code: '75011',
      state: null,
    });
    expect(pageErrors).toEqual([]);
  });

  it('validates the address and the email on submit and confirms nothing until they are complete', async () => {
    const { page, paymentIntentId } = await open('sample');
    await page.getByTestId('link-email').fill('not-an-email');
    await typeCard(page, '4242424242424242');
    await page.getByTestId('pay').click();
    expect(await resultText(page)).toBe('Your email address is invalid.');
    await expect
      .poll(() => page.getByTestId('address-element').getByRole('alert').allTextContents())
      .toContain('Your name is incomplete.');
    expect(await page.getByTestId('address-line1').getAttribute('aria-invalid')).toBe('true');
    expect((await stripe.paymentIntents.retrieve(paymentIntentId)).status).toBe('requires_payment_method');
  });
});

describe('plain Stripe.js page in the layout of Stripe’s HTML sample', () => {
  it('pays with a billing address and the Link email as billing details; wallets show an honest stand-in', async () => {
    const { page, paymentIntentId, pageErrors } = await open('plain');
    await expect.poll(() => page.getByTestId('wallet-status').textContent()).toBe('no wallet');
    const walletButton = page.getByTestId('paymentRequestButton-element').getByRole('button');
    expect(await walletButton.isDisabled()).toBe(true);
    await page.getByTestId('link-email').fill('camille@example.test');
    await fillAddress(page);
    await typeCard(page, '5555555555554444');
    await page.getByTestId('card-number').press('Enter');
    expect(await resultText(page)).toBe('Payment succeeded');
    const pi = await stripe.paymentIntents.retrieve(paymentIntentId, { expand: ['payment_method'] });
    const pm = pi.payment_method as Stripe.PaymentMethod;
    expect(pm.card?.brand).toBe('mastercard');
    expect(pm.billing_details.email).toBe('camille@example.test');
    expect(pm.billing_details.name).toBe('Camille Martin');
    expect(pm.billing_details.address?.postal_code).toBe('75011');
    expect(pi.receipt_email).toBe('camille@example.test');
    expect(pageErrors).toEqual([]);
  });

  it('traps focus in the 3-D Secure dialog, speaks French, and fails the authentication on Escape', async () => {
    const { page, paymentIntentId } = await open('plain', 'fr');
    await page.getByTestId('link-email').fill('camille@example.test');
    await fillAddress(page);
    await typeCard(page, '4000002760003184');
    await page.getByTestId('pay').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    expect(await dialog.getAttribute('lang')).toBe('fr');
    await expect
      .poll(() => page.getByRole('dialog', { name: 'Authentification 3-D Secure' }).count())
      .toBe(1);
    const frame = page.frameLocator('[data-testid="stripe-3ds-iframe"]');
    await frame.getByTestId('threeds-complete').waitFor();
    expect(await frame.locator('html').getAttribute('lang')).toBe('fr');
    expect(await frame.getByTestId('threeds-complete').textContent()).toBe("Valider l'authentification");
    // The page behind the dialog cannot take focus.
    expect(await page.locator('#payment-form').getAttribute('inert')).toBe('');
    await page.getByTestId('stripe-3ds-close').focus();
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'stripe-3ds-iframe',
    );
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'sandbox-3ds-dialog-fr.png') });
    await page.getByTestId('stripe-3ds-close').focus();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await resultText(page)).toBe(
      "Nous n'avons pas pu authentifier votre moyen de paiement. Veuillez choisir un autre moyen de paiement et réessayer.",
    );
    expect(await page.locator('#payment-form').getAttribute('inert')).toBeNull();
    const pi = await stripe.paymentIntents.retrieve(paymentIntentId);
    expect(pi.status).toBe('requires_payment_method');
    expect(pi.last_payment_error?.code).toBe('payment_intent_authentication_failure');
  });

  it('fails the authentication on Escape pressed inside the challenge page', async () => {
    const { page, paymentIntentId } = await open('plain');
    await page.getByTestId('link-email').fill('camille@example.test');
    await fillAddress(page);
    await typeCard(page, '4000002760003184');
    await page.getByTestId('pay').click();
    const frame = page.frameLocator('[data-testid="stripe-3ds-iframe"]');
    await frame.getByTestId('threeds-complete').focus();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await resultText(page)).toContain('The provided PaymentMethod has failed authentication');
    expect((await stripe.paymentIntents.retrieve(paymentIntentId)).last_payment_error?.code).toBe(
      'payment_intent_authentication_failure',
    );
  });
});
