import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../src/index';
import { sdkFor } from './support/webhook-receiver';

/** The HTTP surface: keys, encodings, errors, CORS, control API, challenge page, Stripe.js, persistence. */
let sandbox: SandboxHandle;
let stripe: Stripe;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  stripe = sdkFor(sandbox.port);
});

afterAll(async () => {
  await sandbox?.close();
});

interface ErrorBody {
  error: { type: string; code?: string; message: string; param?: string };
}

async function call(
  method: string,
  pathname: string,
  init: { key?: string | null; body?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...init.headers };
  const key = init.key === undefined ? 'sk_test_surface' : init.key;
  if (key !== null) headers.Authorization = `Bearer ${key}`;
  if (init.body !== undefined && !headers['Content-Type'])
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  const res = await fetch(`${sandbox.url}${pathname}`, { method, headers, body: init.body });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    json: () => JSON.parse(text) as ErrorBody & Record<string, unknown>,
    text,
  };
}

describe('API keys', () => {
  it('rejects a missing, malformed or live key with 401 in Stripe’s shape', async () => {
    const missing = await call('GET', '/v1/payment_intents', { key: null });
    expect(missing.status).toBe(401);
    expect(missing.json().error.message).toMatch(/You did not provide an API key/);
    expect(missing.json().error.type).toBe('invalid_request_error');
    const malformed = await call('GET', '/v1/payment_intents', { key: 'not_a_key' });
    expect(malformed.status).toBe(401);
    expect(malformed.json().error.message).toMatch(/Invalid API Key provided/);
    const live = await call('GET', '/v1/payment_intents', { key: 'sk_live_123456789' });
    expect(live.status).toBe(401);
    const sdkError = await sdkFor(sandbox.port, 'sk_live_nope')
      .customers.list()
      .catch((e) => e);
    expect((sdkError as Stripe.errors.StripeError).type).toBe('StripeAuthenticationError');
  });

  it('accepts Basic authentication with the key as user name, and any test key', async () => {
    const res = await fetch(`${sandbox.url}/v1/customers`, {
      headers: { Authorization: `Basic ${Buffer.from('sk_test_other_tool:').toString('base64')}` },
    });
    expect(res.status).toBe(200);
  });

  it('limits publishable keys to what a browser may do with a client secret', async () => {
    const pi = await stripe.paymentIntents.create({ amount: 2900, currency: 'eur' });
    const pk = 'pk_test_browser';
    expect(
      (await call('POST', '/v1/payment_intents', { key: pk, body: 'amount=100&currency=eur' })).status,
    ).toBe(401);
    expect((await call('GET', '/v1/payment_intents', { key: pk })).status).toBe(401);
    const noSecret = await call('GET', `/v1/payment_intents/${pi.id}`, { key: pk });
    expect(noSecret.status).toBe(400);
    expect(noSecret.json().error.param).toBe('client_secret');
    const wrong = await call('GET', `/v1/payment_intents/${pi.id}?client_secret=${pi.id}_secret_wrong`, {
      key: pk,
    });
    expect(wrong.status).toBe(400);
    const ok = await call('GET', `/v1/payment_intents/${pi.id}?client_secret=${pi.client_secret}`, {
      key: pk,
    });
    expect(ok.status).toBe(200);
    expect(ok.json().status).toBe('requires_payment_method');
    // The browser sees the publishable subset: no metadata, customer or charges.
    expect(ok.json()).not.toHaveProperty('metadata');
    expect(ok.json()).not.toHaveProperty('customer');
    expect(ok.json()).not.toHaveProperty('latest_charge');
    expect(ok.json().client_secret).toBe(pi.client_secret);
    const serverOnly = await call('POST', `/v1/payment_intents/${pi.id}/confirm`, {
      key: pk,
      body: `client_secret=${pi.client_secret}&capture_method=manual&payment_method=pm_card_visa`,
    });
    expect(serverOnly.status).toBe(400);
    expect(serverOnly.json().error.param).toBe('capture_method');
    const pm = await call('POST', '/v1/payment_methods', {
      key: pk,
      body: 'type=card&card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=2040&card[cvc]=123&allow_redisplay=always',
    });
    expect(pm.status).toBe(200);
    expect(pm.json().allow_redisplay).toBe('always');
    const confirmed = await call('POST', `/v1/payment_intents/${pi.id}/confirm`, {
      key: pk,
      body: new URLSearchParams({
        client_secret: pi.client_secret!,
        'payment_method_data[type]': 'card',
        'payment_method_data[card][number]': '4242 4242 4242 4242',
        'payment_method_data[card][exp_month]': '12',
        'payment_method_data[card][exp_year]': '40',
        'payment_method_data[card][cvc]': '123',
        return_url: 'http://localhost:5173/done',
      }).toString(),
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json().status).toBe('succeeded');
    expect(confirmed.json()).not.toHaveProperty('metadata');
    const declinedPi = await stripe.paymentIntents.create({
      amount: 2900,
      currency: 'eur',
      metadata: { orderId: 'o' },
    });
    const declined = await call('POST', `/v1/payment_intents/${declinedPi.id}/confirm`, {
      key: pk,
      body: `client_secret=${declinedPi.client_secret}&payment_method=pm_card_chargeDeclined`,
    });
    expect(declined.status).toBe(402);
    const embedded = (declined.json().error as unknown as { payment_intent: Record<string, unknown> })
      .payment_intent;
    expect(embedded.status).toBe('requires_payment_method');
    expect(embedded).not.toHaveProperty('metadata');
    const expandByPk = await call(
      'GET',
      `/v1/payment_intents/${pi.id}?client_secret=${pi.client_secret}&expand[]=customer`,
      {
        key: pk,
      },
    );
    expect(expandByPk.status).toBe(400);
    expect(expandByPk.json().error.param).toBe('expand');
    const pmReadByPk = await call('GET', `/v1/payment_methods/${pm.json().id}`, { key: pk });
    expect(pmReadByPk.status).toBe(401);
  });
});

describe('request decoding and errors', () => {
  it('decodes nested brackets and arrays', async () => {
    const res = await call('POST', '/v1/payment_intents', {
      body: 'amount=2900&currency=EUR&metadata[order][id]=x&payment_method_types[]=card&expand[0]=latest_charge',
    });
    expect(res.status).toBe(400);
    expect(res.json().error.message).toMatch(/metadata\[order\]/);
    const ok = await call('POST', '/v1/payment_intents', {
      body: 'amount=2900&currency=EUR&metadata[orderId]=x&payment_method_types[]=card&expand[0]=customer',
    });
    expect(ok.status).toBe(200);
    expect(ok.json().currency).toBe('eur');
    expect(ok.json().metadata).toEqual({ orderId: 'x' });
    expect(ok.json().payment_method_types).toEqual(['card']);
  });

  it('names unknown parameters, including nested ones', async () => {
    const top = await call('POST', '/v1/payment_intents', { body: 'amount=2900&currency=eur&colour=blue' });
    expect(top.status).toBe(400);
    expect(top.json().error).toMatchObject({ type: 'invalid_request_error', param: 'colour' });
    expect(top.json().error.message).toBe('Received unknown parameter: colour');
    const pi = await stripe.paymentIntents.create({ amount: 2900, currency: 'eur' });
    const nested = await call('POST', `/v1/payment_intents/${pi.id}/confirm`, {
      body: 'payment_method_data[type]=card&payment_method_data[card][colour]=red',
    });
    expect(nested.json().error.param).toBe('payment_method_data[card][colour]');
    const sdkError = await stripe.paymentIntents
      .create({ amount: 2900, currency: 'eur', nope: 1 } as never)
      .catch((e) => e);
    expect((sdkError as Stripe.errors.StripeError).type).toBe('StripeInvalidRequestError');
    expect((sdkError as Stripe.errors.StripeError).param).toBe('nope');
  });

  it('requires an http(s) return_url', async () => {
    const pi = await stripe.paymentIntents.create({ amount: 2900, currency: 'eur' });
    for (const bad of ['javascript:alert(1)', 'not a url', '/relative']) {
      const res = await call('POST', `/v1/payment_intents/${pi.id}/confirm`, {
        body: new URLSearchParams({
          payment_method: 'pm_card_threeDSecure2Required',
          return_url: bad,
        }).toString(),
      });
      expect(res.status).toBe(400);
      expect(res.json().error.param).toBe('return_url');
    }
  });

  it('rejects a JSON body as Stripe does', async () => {
    const res = await call('POST', '/v1/payment_intents', {
      body: JSON.stringify({ amount: 2900, currency: 'eur' }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.json().error.type).toBe('invalid_request_error');
  });

  it('enforces required parameters, types and amounts', async () => {
    expect((await call('POST', '/v1/payment_intents', { body: 'currency=eur' })).json().error.param).toBe(
      'amount',
    );
    expect(
      (await call('POST', '/v1/payment_intents', { body: 'amount=12.5&currency=eur' })).json().error.param,
    ).toBe('amount');
    const small = await call('POST', '/v1/payment_intents', { body: 'amount=10&currency=eur' });
    expect(small.json().error.code).toBe('amount_too_small');
    expect(
      (await call('POST', '/v1/payment_intents', { body: 'amount=2900&currency=xyz' })).json().error.param,
    ).toBe('currency');
  });

  it('enforces Stripe’s metadata limits', async () => {
    const many = Array.from({ length: 51 }, (_, i) => `metadata[k${i}]=v`).join('&');
    expect((await call('POST', '/v1/customers', { body: many })).status).toBe(400);
    expect((await call('POST', '/v1/customers', { body: `metadata[${'k'.repeat(41)}]=v` })).status).toBe(400);
    expect((await call('POST', '/v1/customers', { body: `metadata[k]=${'v'.repeat(501)}` })).status).toBe(
      400,
    );
    const fifty = Array.from({ length: 50 }, (_, i) => `metadata[k${i}]=v`).join('&');
    const ok = await call('POST', '/v1/customers', { body: `${fifty}&metadata[k0]=${'v'.repeat(500)}` });
    expect(ok.status).toBe(200);
  });

  it('answers 404 for unknown objects and URLs, always with a Request-Id', async () => {
    const missing = await call('GET', '/v1/payment_intents/pi_missing');
    expect(missing.status).toBe(404);
    expect(missing.json().error.code).toBe('resource_missing');
    expect(missing.headers.get('request-id')).toMatch(/^req_/);
    const url = await call('GET', '/v1/teapots');
    expect(url.status).toBe(404);
    expect(url.json().error.message).toMatch(/Unrecognized request URL/);
    expect(url.headers.get('request-id')).toMatch(/^req_/);
    // An object referenced by a parameter is a 400, as on Stripe.
    const refd = await call('POST', '/v1/payment_intents', {
      body: 'amount=2900&currency=eur&customer=cus_missing',
    });
    expect(refd.status).toBe(400);
    expect(refd.json().error).toMatchObject({ code: 'resource_missing', param: 'customer' });
    const pm = await call('POST', '/v1/payment_intents', {
      body: 'amount=2900&currency=eur&payment_method=pm_nope',
    });
    expect(pm.status).toBe(400);
    expect((await call('POST', '/v1/refunds', { body: 'payment_intent=pi_nope' })).status).toBe(400);
    const control = await fetch(`${sandbox.url}/_sandbox/health`);
    expect(control.headers.get('request-id')).toMatch(/^req_/);
  });

  it('expands nested paths and rejects unknown expansions', async () => {
    const pi = await stripe.paymentIntents.create({
      amount: 2900,
      currency: 'eur',
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    const charge = await stripe.charges.retrieve(pi.latest_charge as string, { expand: ['payment_intent'] });
    expect((charge.payment_intent as Stripe.PaymentIntent).status).toBe('succeeded');
    const list = await stripe.paymentIntents.list({ limit: 1, expand: ['data.latest_charge'] });
    expect((list.data[0]!.latest_charge as Stripe.Charge).object).toBe('charge');
    const bad = await stripe.paymentIntents.retrieve(pi.id, { expand: ['nothing_here'] }).catch((e) => e);
    expect((bad as Stripe.errors.StripeError).param).toBe('expand');
  });
});

describe('CORS', () => {
  it('allows browser calls from any local origin and no other', async () => {
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:3002', 'http://localhost:41234']) {
      const pre = await fetch(`${sandbox.url}/v1/payment_intents/pi_x/confirm`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization,content-type',
        },
      });
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe(origin);
      expect(pre.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    }
    const foreign = await fetch(`${sandbox.url}/v1/payment_intents`, {
      headers: { Origin: 'https://evil.example' },
    });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves the Stripe.js replacement with open CORS', async () => {
    for (const p of ['/v3/stripe.js', '/v3/']) {
      const res = await fetch(`${sandbox.url}${p}`, { headers: { Origin: 'http://localhost:5173' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/javascript/);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(await res.text()).toMatch(/Stripe/);
    }
  });
});

describe('control API and challenge page', () => {
  it('reports health, validates faults and changes the 3DS mode', async () => {
    const health = (await fetch(`${sandbox.url}/_sandbox/health`).then((r) => r.json())) as {
      ok: boolean;
      url: string;
    };
    expect(health).toMatchObject({ ok: true, url: sandbox.url });
    const bad = await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ explode: true }),
    });
    expect(bad.status).toBe(400);
    const set = await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ duplicate: 2, shuffle: true }),
    });
    expect(await set.json()).toEqual({ duplicate: 2, shuffle: true });
    expect(await fetch(`${sandbox.url}/_sandbox/faults`).then((r) => r.json())).toEqual({
      duplicate: 2,
      shuffle: true,
    });
    await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', body: '{}' });
    const mode = await fetch(`${sandbox.url}/_sandbox/3ds-mode`, {
      method: 'POST',
      body: JSON.stringify({ mode: 'sometimes' }),
    });
    expect(mode.status).toBe(400);
  });

  it('auto-completes challenges in auto_complete mode and resolves them without a browser', async () => {
    await fetch(`${sandbox.url}/_sandbox/3ds-mode`, {
      method: 'POST',
      body: JSON.stringify({ mode: 'auto_complete' }),
    });
    const pi = await stripe.paymentIntents.create({
      amount: 2900,
      currency: 'eur',
      payment_method: 'pm_card_authenticationRequired',
      confirm: true,
    });
    const page = await fetch(`${sandbox.url}/_sandbox/3ds/${pi.id}?client_secret=${pi.client_secret}`).then(
      (r) => r.text(),
    );
    expect(page).toContain('[data-testid="threeds-complete"]');
    expect(page).toMatch(/\.click\(\)/);
    await fetch(`${sandbox.url}/_sandbox/3ds-mode`, {
      method: 'POST',
      body: JSON.stringify({ mode: 'manual' }),
    });
    const manual = await fetch(`${sandbox.url}/_sandbox/3ds/${pi.id}?client_secret=${pi.client_secret}`).then(
      (r) => r.text(),
    );
    expect(manual).not.toMatch(/\.click\(\)/);
    const wrongSecret = await fetch(`${sandbox.url}/_sandbox/3ds/${pi.id}?client_secret=nope`);
    expect(wrongSecret.status).toBe(400);
    const done = await fetch(`${sandbox.url}/_sandbox/3ds/${pi.id}/complete`, { method: 'POST' }).then((r) =>
      r.json(),
    );
    expect((done as Stripe.PaymentIntent).status).toBe('succeeded');
    const again = await fetch(`${sandbox.url}/_sandbox/3ds/${pi.id}/fail`, { method: 'POST' });
    expect(again.status).toBe(400);
  });

  it('forgets everything on reset', async () => {
    const other = await startSandbox({ port: 0 });
    try {
      const sdk = sdkFor(other.port);
      await sdk.paymentIntents.create({ amount: 2900, currency: 'eur' });
      expect((await sdk.paymentIntents.list()).data).toHaveLength(1);
      await fetch(`${other.url}/_sandbox/reset`, { method: 'POST' });
      expect((await sdk.paymentIntents.list()).data).toHaveLength(0);
      expect((await sdk.events.list()).data).toHaveLength(0);
    } finally {
      await other.close();
    }
  });
});

describe('persistence', () => {
  it('keeps state across restarts when given a file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'stripe-sandbox-'));
    const file = path.join(dir, 'state.json');
    try {
      const first = await startSandbox({ port: 0, persistFile: file });
      const pi = await sdkFor(first.port).paymentIntents.create({
        amount: 2900,
        currency: 'eur',
        payment_method: 'pm_card_visa',
        confirm: true,
      });
      await first.close();
      const second = await startSandbox({ port: 0, persistFile: file });
      try {
        const sdk = sdkFor(second.port);
        const again = await sdk.paymentIntents.retrieve(pi.id);
        expect(again.status).toBe('succeeded');
        const refund = await sdk.refunds.create({ payment_intent: pi.id, amount: 900 });
        expect(refund.amount).toBe(900);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
