// The bundled Stripe.js replacement (esbuild, as served at /v3/stripe.js) loaded in a VM context; the browser
// behaviour is covered by e2e/*.spec.ts.
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleStripeJs } from '../server/control/stripe-js-bundle';

interface LoadedStripe {
  (key: unknown, options?: unknown): Record<string, unknown>;
  version: unknown;
  __lumiraSandbox: { apiBase: string; releaseTrain: string };
}

let SOURCE = '';

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

let Stripe: LoadedStripe;

beforeAll(async () => {
  SOURCE = await bundleStripeJs();
  Stripe = loadScript('http://127.0.0.1:12111/v3/stripe.js');
});

describe('Stripe.js replacement: loading', () => {
  it.each([
    ['http://127.0.0.1:12111/v3/stripe.js', 'http://127.0.0.1:12111'],
    ['http://127.0.0.1:12111/v3/', 'http://127.0.0.1:12111'],
    ['https://pay.example.test/sandbox/v3/stripe.js?x=1', 'https://pay.example.test/sandbox'],
    [null, 'http://page.local'],
  ])('derives the API base from the script src %s', (src, apiBase) => {
    expect(loadScript(src).__lumiraSandbox.apiBase).toBe(apiBase);
  });

  it.each([
    ['http://127.0.0.1:12111/v3/stripe.js', 'endive', 'http://127.0.0.1:12111'],
    ['http://127.0.0.1:12111/basil/stripe.js', 'basil', 'http://127.0.0.1:12111'],
    ['http://127.0.0.1:12111/clover/stripe.js', 'clover', 'http://127.0.0.1:12111'],
    ['http://127.0.0.1:12111/sandbox/dahlia/stripe.js', 'dahlia', 'http://127.0.0.1:12111/sandbox'],
  ])(
    "%s reports the release train %s (what that @stripe/stripe-js expects, so loadStripe doesn't warn)",
    (src, train, apiBase) => {
      const loaded = loadScript(src);
      expect(loaded.version).toBe(train);
      expect(loaded.__lumiraSandbox.apiBase).toBe(apiBase);
    },
  );

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
      'paymentRequest',
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
