// Table tests of the card rules inside the plain-script Stripe.js replacement, loaded in a VM context
// (the script exposes them on `Stripe._internal`); the browser behaviour is covered by e2e/stripe-js.spec.ts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

const SOURCE = readFileSync(fileURLToPath(new URL('./stripe-v3.js', import.meta.url)), 'utf8');

type Validation = { state: string; code?: string };
interface LoadedStripe {
  (key: unknown, options?: unknown): Record<string, unknown>;
  version: unknown;
  __lumiraSandbox: { apiBase: string };
  _internal: {
    brandInfo(digits: string): string;
    luhn(digits: string): boolean;
    formatNumber(value: string): string;
    formatExpiry(raw: string, isAdding: boolean): string;
    validateNumber(value: string): Validation;
    validateExpiry(value: string, nowIso: string): Validation;
    validateCvc(value: string, number: string): Validation;
  };
}

function loadScript(src: string | null): LoadedStripe {
  const context: Record<string, unknown> = {
    URL,
    navigator: { language: 'fr-FR' },
    document: { currentScript: src ? { src, dataset: {} } : null },
    location: { origin: 'http://page.local', href: 'http://page.local/' },
  };
  context.window = context;
  runInNewContext(SOURCE, context, { filename: 'stripe-v3.js' });
  return context.Stripe as LoadedStripe;
}

const Stripe = loadScript('http://127.0.0.1:12111/v3/stripe.js');
const rules = Stripe._internal;

describe('Stripe.js replacement: loading', () => {
  it.each([
    ['http://127.0.0.1:12111/v3/stripe.js', 'http://127.0.0.1:12111'],
    ['http://127.0.0.1:12111/v3/', 'http://127.0.0.1:12111'],
    ['https://pay.example.test/sandbox/v3/stripe.js?x=1', 'https://pay.example.test/sandbox'],
    [null, 'http://page.local'],
  ])('derives the API base from the script src %s', (src, apiBase) => {
    expect(loadScript(src).__lumiraSandbox.apiBase).toBe(apiBase);
  });

  it("reports the release train @stripe/stripe-js expects, so loadStripe doesn't warn", () => {
    expect(Stripe.version).toBe('endive');
  });

  it('returns an object <Elements> accepts for a publishable key', () => {
    const stripe = Stripe('pk_test_123');
    for (const method of [
      'elements',
      'createToken',
      'createPaymentMethod',
      'confirmCardPayment',
      'confirmPayment',
      'retrievePaymentIntent',
      'handleNextAction',
      '_registerWrapper',
      'registerAppInfo',
    ]) {
      expect(typeof stripe[method], method).toBe('function');
    }
  });

  it.each([
    ['sk_test_123', /secret key/],
    ['', /publishable key/],
    ['nonsense', /Invalid API Key/],
  ])('refuses the key %j', (key, message) => {
    expect(() => Stripe(key)).toThrow(message);
  });
});

describe('Stripe.js replacement: card rules', () => {
  it.each([
    ['4242424242424242', 'visa'],
    ['5555555555554444', 'mastercard'],
    ['2223003122003222', 'mastercard'],
    ['378282246310005', 'amex'],
    ['6011111111111117', 'discover'],
    ['3056930009020004', 'diners'],
    ['3566002020360505', 'jcb'],
    ['6200000000000005', 'unionpay'],
    ['9', 'unknown'],
    ['', 'unknown'],
  ])('detects the brand of %s as %s', (digits, brand) => {
    expect(rules.brandInfo(digits)).toBe(brand);
  });

  it.each([
    ['4242424242424242', true],
    ['4000000000000002', true],
    ['4000002760003184', true],
    ['4000000000009995', true],
    ['378282246310005', true],
    ['4242424242424241', false],
    ['1234567812345678', false],
  ])('Luhn check of %s is %s', (digits, valid) => {
    expect(rules.luhn(digits)).toBe(valid);
  });

  it.each([
    ['4242424242424242', '4242 4242 4242 4242'],
    ['42424', '4242 4'],
    ['378282246310005', '3782 822463 10005'],
    ['4242-4242 4242x4242', '4242 4242 4242 4242'],
  ])('groups %s as %s', (value, formatted) => {
    expect(rules.formatNumber(value)).toBe(formatted);
  });

  it.each([
    ['1', true, '1'],
    ['4', true, '04 / '],
    ['1/', true, '01 / '],
    ['12', true, '12 / '],
    ['12', false, '12'],
    ['12 / 3', true, '12 / 3'],
    ['1234', true, '12 / 34'],
    ['12 / 345', true, '12 / 34'],
  ])('formats the expiry %j (typing: %s) as %j', (raw, isAdding, formatted) => {
    expect(rules.formatExpiry(raw, isAdding)).toBe(formatted);
  });

  it.each([
    ['', { state: 'empty', code: 'incomplete_number' }],
    ['4242 4242', { state: 'incomplete', code: 'incomplete_number' }],
    ['4242 4242 4242 4241', { state: 'invalid', code: 'invalid_number' }],
    ['4242 4242 4242 4242', { state: 'complete' }],
    ['3782 822463 10005', { state: 'complete' }],
  ])('validates the number %j', (value, result) => {
    expect(rules.validateNumber(value)).toEqual(result);
  });

  it.each([
    ['', { state: 'empty', code: 'incomplete_expiry' }],
    ['1', { state: 'incomplete', code: 'incomplete_expiry' }],
    ['13', { state: 'invalid', code: 'invalid_expiry_month' }],
    ['00 / 30', { state: 'invalid', code: 'invalid_expiry_month' }],
    ['12 / 2', { state: 'incomplete', code: 'incomplete_expiry' }],
    ['10 / 26', { state: 'invalid', code: 'invalid_expiry_month_past' }],
    ['11 / 26', { state: 'complete' }],
    ['01 / 25', { state: 'invalid', code: 'invalid_expiry_year_past' }],
    ['12 / 99', { state: 'invalid', code: 'invalid_expiry_year' }],
    ['12 / 34', { state: 'complete' }],
  ])('validates the expiry %j on 2026-11-26', (value, result) => {
    expect(rules.validateExpiry(value, '2026-11-26T12:00:00Z')).toEqual(result);
  });

  it.each([
    ['', '4242424242424242', { state: 'empty', code: 'incomplete_cvc' }],
    ['12', '4242424242424242', { state: 'incomplete', code: 'incomplete_cvc' }],
    ['123', '4242424242424242', { state: 'complete' }],
    ['123', '378282246310005', { state: 'incomplete', code: 'incomplete_cvc' }],
    ['1234', '378282246310005', { state: 'complete' }],
  ])('validates the CVC %j for card %s', (value, number, result) => {
    expect(rules.validateCvc(value, number)).toEqual(result);
  });
});
