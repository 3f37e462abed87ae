// Browser tests of the sandbox's Stripe.js replacement: a small page built with the unchanged
// @stripe/react-stripe-js (e2e/fixture), driven in Debian Chromium, paying PaymentIntents created with
// the official `stripe` SDK against a sandbox started in-process.
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

const PUBLISHABLE_KEY = 'pk_test_lumira_e2e';

const CARDS = {
  success: '4242424242424242',
  decline: '4000000000000002',
  threeDS: '4000002760003184',
  mastercard: '5555555555554444',
} as const;

type ElementKind = 'payment' | 'card' | 'split' | 'next-action';

let sandbox: SandboxHandle;
let stripe: Stripe;
let fixtureServer: Server;
let fixtureUrl: string;
let buildDir: string;
let browser: Browser;
let context: BrowserContext | null = null;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  stripe = new Stripe('sk_test_lumira_e2e', {
    host: '127.0.0.1',
    port: sandbox.port,
    protocol: 'http',
    maxNetworkRetries: 0,
  });
  buildDir = await mkdtemp(join(tmpdir(), 'lumira-stripe-js-e2e-'));
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

interface Checkout {
  page: Page;
  paymentIntentId: string;
  /** Uncaught page errors and console errors/warnings (React, loadStripe's version check, ...). */
  pageErrors: string[];
}

/** Creates a PaymentIntent server-side and opens the fixture page with its client secret. */
async function openCheckout(
  element: ElementKind,
  options: {
    locale?: 'fr' | 'en';
    redirect?: 'always' | 'if_required';
    flow?: 'confirm' | 'payment-method' | 'token';
    theme?: 'stripe' | 'night';
    intent?: Partial<Stripe.PaymentIntentCreateParams>;
  } = {},
): Promise<Checkout> {
  const intent = await stripe.paymentIntents.create({
    amount: 2900,
    currency: 'eur',
    automatic_payment_methods: { enabled: true },
    metadata: { e2e: element },
    ...options.intent,
  });
  context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 640, height: 720 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') pageErrors.push(message.text());
  });
  const query = new URLSearchParams({
    pk: PUBLISHABLE_KEY,
    cs: intent.client_secret ?? '',
    element,
    locale: options.locale ?? 'fr',
    redirect: options.redirect ?? 'if_required',
    flow: options.flow ?? 'confirm',
    theme: options.theme ?? 'stripe',
  });
  await page.goto(`${fixtureUrl}/index.html?${query}`);
  if (element === 'next-action') await page.locator('[data-testid="pay"]:enabled').waitFor();
  else await page.getByTestId('card-number').waitFor();
  if (element === 'card') await page.locator('[data-testid="card-form"][data-ready="true"]').waitFor();
  return { page, paymentIntentId: intent.id, pageErrors };
}

async function typeCard(page: Page, number: string, expiry = '12 / 34', cvc = '123'): Promise<void> {
  await page.getByTestId('card-number').pressSequentially(number);
  await page.getByTestId('card-expiry').pressSequentially(expiry);
  await page.getByTestId('card-cvc').pressSequentially(cvc);
}

async function pay(page: Page): Promise<void> {
  await page.getByTestId('pay').click();
}

async function resultText(page: Page): Promise<string> {
  const result = page.getByTestId('result');
  await result.waitFor();
  return (await result.textContent()) ?? '';
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `sandbox-${name}.png`), fullPage: true });
}

async function completeChallenge(page: Page, outcome: 'complete' | 'fail'): Promise<void> {
  const modal = page.getByTestId('stripe-3ds-modal');
  await modal.waitFor();
  await page.frameLocator('[data-testid="stripe-3ds-iframe"]').getByTestId(`threeds-${outcome}`).click();
  await modal.waitFor({ state: 'detached' });
}

describe.each<ElementKind>(['payment', 'card'])('Stripe.js replacement with the %s element', (element) => {
  it('pays with 4242 4242 4242 4242: the PaymentIntent succeeds', async () => {
    const { page, paymentIntentId, pageErrors } = await openCheckout(element);
    await typeCard(page, CARDS.success);
    expect(await page.getByTestId('card-number').inputValue()).toBe('4242 4242 4242 4242');
    expect(await page.getByTestId('card-expiry').inputValue()).toBe('12 / 34');
    await pay(page);
    expect(await resultText(page)).toBe('Paiement réussi');
    await screenshot(page, `${element}-success`);
    const intent = await stripe.paymentIntents.retrieve(paymentIntentId);
    expect(intent.status).toBe('succeeded');
    expect(intent.amount_received).toBe(2900);
    expect(pageErrors).toEqual([]);
  });

  it('shows the decline message for 4000 0000 0000 0002 and leaves the PaymentIntent payable', async () => {
    const { page, paymentIntentId } = await openCheckout(element);
    await typeCard(page, CARDS.decline);
    await pay(page);
    expect(await resultText(page)).toBe('Votre carte a été refusée.');
    await screenshot(page, `${element}-declined`);
    const intent = await stripe.paymentIntents.retrieve(paymentIntentId);
    expect(intent.status).toBe('requires_payment_method');
    expect(intent.last_payment_error?.code).toBe('card_declined');
    expect(intent.last_payment_error?.decline_code).toBe('generic_decline');
  });

  it('completes the 3-D Secure challenge in a modal for 4000 0027 6000 3184', async () => {
    const { page, paymentIntentId } = await openCheckout(element);
    await typeCard(page, CARDS.threeDS);
    await pay(page);
    await page.getByTestId('stripe-3ds-modal').waitFor();
    await screenshot(page, `${element}-3ds-challenge`);
    await completeChallenge(page, 'complete');
    expect(await resultText(page)).toBe('Paiement réussi');
    await screenshot(page, `${element}-3ds-completed`);
    const intent = await stripe.paymentIntents.retrieve(paymentIntentId);
    expect(intent.status).toBe('succeeded');
  });

  it('reports a failed 3-D Secure challenge as an authentication failure', async () => {
    const { page, paymentIntentId } = await openCheckout(element);
    await typeCard(page, CARDS.threeDS);
    await pay(page);
    await completeChallenge(page, 'fail');
    expect(await resultText(page)).toBe(
      "Nous n'avons pas pu authentifier votre moyen de paiement. Veuillez choisir un autre moyen de paiement et réessayer.",
    );
    await screenshot(page, `${element}-3ds-failed`);
    const intent = await stripe.paymentIntents.retrieve(paymentIntentId);
    expect(intent.status).toBe('requires_payment_method');
    expect(intent.last_payment_error?.code).toBe('payment_intent_authentication_failure');
  });
});

describe('Stripe.js replacement: card fields and redirects', () => {
  it('PaymentElement shows French inline errors on submit and never confirms an incomplete card', async () => {
    const { page, paymentIntentId } = await openCheckout('payment', { theme: 'night' });
    await page.getByTestId('card-number').pressSequentially('4242 42');
    await pay(page);
    expect(await resultText(page)).toBe('Le numéro de carte est incomplet.');
    const paymentElement = page.getByTestId('payment-element');
    expect(await paymentElement.getByRole('alert').allTextContents()).toEqual([
      'Le numéro de carte est incomplet.',
      "La date d'expiration de la carte est incomplète.",
      'Le code de sécurité de la carte est incomplet.',
    ]);
    expect(await page.getByLabel('Numéro de carte').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'payment-validation-fr');
    const intent = await stripe.paymentIntents.retrieve(paymentIntentId);
    expect(intent.status).toBe('requires_payment_method');
    expect(intent.last_payment_error).toBeNull();
  });

  it('CardElement reports an invalid number and a past expiry in English through its change event', async () => {
    const { page } = await openCheckout('card', { locale: 'en' });
    await page.getByTestId('card-number').pressSequentially('4242424242424241');
    await expect
      .poll(() => page.getByTestId('card-error').textContent())
      .toBe('Your card number is invalid.');
    await page.getByTestId('card-number').fill('');
    await page.getByTestId('card-number').pressSequentially('378282246310005');
    expect(await page.getByTestId('card-number').inputValue()).toBe('3782 822463 10005');
    await expect.poll(() => page.getByTestId('card-error').textContent()).toBe('');
    await page.getByTestId('card-expiry').pressSequentially('01/20');
    await expect
      .poll(() => page.getByTestId('card-error').textContent())
      .toBe("Your card's expiration year is in the past.");
    await screenshot(page, 'card-validation-en');
  });

  it('confirmPayment redirects to return_url by default after a successful payment', async () => {
    const { page, paymentIntentId } = await openCheckout('payment', { redirect: 'always' });
    await typeCard(page, CARDS.success);
    await pay(page);
    await page.waitForURL(/\/done\.html\?/);
    expect(await page.getByTestId('return-payment-intent').textContent()).toBe(paymentIntentId);
    expect(await page.getByTestId('return-redirect-status').textContent()).toBe('succeeded');
    expect(await page.getByTestId('return-has-secret').textContent()).toBe('yes');
    const intent = await stripe.paymentIntents.retrieve(paymentIntentId);
    expect(intent.status).toBe('succeeded');
  });

  it('confirmPayment follows redirect_to_url through the challenge page and back to return_url', async () => {
    const { page, paymentIntentId } = await openCheckout('payment', { redirect: 'always' });
    await typeCard(page, CARDS.threeDS);
    await pay(page);
    await page.getByTestId('threeds-complete').click();
    await page.waitForURL(/\/done\.html\?/);
    expect(await page.getByTestId('return-payment-intent').textContent()).toBe(paymentIntentId);
    expect(await page.getByTestId('return-redirect-status').textContent()).toBe('succeeded');
    await screenshot(page, 'payment-3ds-redirect-return');
    const intent = await stripe.paymentIntents.retrieve(paymentIntentId);
    expect(intent.status).toBe('succeeded');
  });

  it('split CardNumber/CardExpiry/CardCvc elements pay together through confirmCardPayment', async () => {
    const { page, paymentIntentId, pageErrors } = await openCheckout('split');
    await page.getByTestId('card-number').pressSequentially(CARDS.mastercard);
    expect(await page.getByTestId('card-number').inputValue()).toBe('5555 5555 5555 4444');
    await page.getByTestId('card-expiry').pressSequentially('1234');
    await page.getByTestId('card-cvc').pressSequentially('123');
    await pay(page);
    expect(await resultText(page)).toBe('Paiement réussi');
    await screenshot(page, 'split-success');
    const intent = await stripe.paymentIntents.retrieve(paymentIntentId, { expand: ['payment_method'] });
    expect(intent.status).toBe('succeeded');
    expect((intent.payment_method as Stripe.PaymentMethod).card?.brand).toBe('mastercard');
    expect(pageErrors).toEqual([]);
  });

  it('createPaymentMethod with the card element, then confirmCardPayment with its id', async () => {
    const { page, paymentIntentId } = await openCheckout('card', { flow: 'payment-method' });
    // fill() (one insertText, as autofill or paste does) instead of key-by-key typing
    await page.getByTestId('card-number').fill('4242 4242 4242 4242');
    await page.getByTestId('card-expiry').fill('12/34');
    await page.getByTestId('card-cvc').fill('123');
    expect(await page.getByTestId('card-expiry').inputValue()).toBe('12 / 34');
    await pay(page);
    expect(await resultText(page)).toBe('Paiement réussi');
    const intent = await stripe.paymentIntents.retrieve(paymentIntentId, { expand: ['payment_method'] });
    expect(intent.status).toBe('succeeded');
    const method = intent.payment_method as Stripe.PaymentMethod;
    expect(method.card?.last4).toBe('4242');
    expect(method.billing_details.name).toBe('Jeanne Test');
  });

  it('createToken with the card element, then confirmCardPayment with the token', async () => {
    const { page, paymentIntentId, pageErrors } = await openCheckout('card', { flow: 'token' });
    await typeCard(page, CARDS.mastercard);
    await pay(page);
    const tokenText = (await page.getByTestId('token').textContent()) ?? '';
    expect(tokenText).toMatch(/^tok_\w+ MasterCard 4444$/);
    expect(await resultText(page)).toBe('Paiement réussi');
    const token = await stripe.tokens.retrieve(tokenText.split(' ')[0]!);
    expect(token.card).toMatchObject({ brand: 'MasterCard', last4: '4444', name: 'Jeanne Test' });
    expect(token.used).toBe(true);
    const intent = await stripe.paymentIntents.retrieve(paymentIntentId, { expand: ['payment_method'] });
    expect(intent.status).toBe('succeeded');
    expect((intent.payment_method as Stripe.PaymentMethod).card?.fingerprint).toBe(token.card?.fingerprint);
    expect(pageErrors).toEqual([]);
  });

  it('handleNextAction runs the challenge of a PaymentIntent confirmed server-side', async () => {
    const { page, paymentIntentId } = await openCheckout('next-action', {
      intent: { payment_method: 'pm_card_authenticationRequired', confirm: true },
    });
    expect((await stripe.paymentIntents.retrieve(paymentIntentId)).status).toBe('requires_action');
    await pay(page);
    await completeChallenge(page, 'complete');
    expect(await resultText(page)).toBe('Paiement réussi');
    expect((await stripe.paymentIntents.retrieve(paymentIntentId)).status).toBe('succeeded');
  });
});
