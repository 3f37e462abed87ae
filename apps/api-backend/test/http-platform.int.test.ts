import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../src/http/error-handler';
import { requestId } from '../src/http/request-id';
import type { PaymentGateway } from '../src/providers/payment-gateway';
import { startTestStack, type TestStack } from './harness';

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies are read loosely in tests
type Loose = any;

let stack: TestStack;
let providerDown = false;

beforeAll(async () => {
  stack = await startTestStack({
    wrapGateway: (gateway: PaymentGateway): PaymentGateway =>
      new Proxy(gateway, {
        get(target, prop, receiver) {
          if (prop === 'ping') {
            return async () => {
              if (providerDown) throw new Error('provider unreachable (test)');
              return target.ping();
            };
          }
          const value = Reflect.get(target, prop, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }),
  });
});
afterAll(async () => {
  await stack?.stop();
});

const json = async (res: Response) => (await res.json()) as Loose;

describe('request shape and errors', () => {
  it('answers malformed JSON with 400 INVALID_JSON, never 500', async () => {
    for (const body of ['{"email":', '{nope}', '[1,2', '"unterminated']) {
      const res = await fetch(`${stack.apiUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      expect(res.status).toBe(400);
      expect((await json(res)).error.code).toBe('INVALID_JSON');
    }
  });

  it('answers a 2 MB body with 413 PAYLOAD_TOO_LARGE as JSON', async () => {
    const big = JSON.stringify({ email: 'a@b.test', password: 'x'.repeat(2 * 1024 * 1024) });
    const res = await fetch(`${stack.apiUrl}/api/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: big,
    });
    expect(res.status).toBe(413);
    expect((await json(res)).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('also limits bodies that are not JSON', async () => {
    const res = await fetch(`${stack.apiUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(res.status).toBe(413);
  });

  it('asks for a JSON body when none is sent', async () => {
    const res = await fetch(`${stack.apiUrl}/api/auth/login`, { method: 'POST', body: 'email=a@b.test' });
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe('VALIDATION_FAILED');
  });

  it('answers unknown routes with 404 JSON', async () => {
    const res = await fetch(`${stack.apiUrl}/api/does-not-exist`);
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe('NOT_FOUND');
  });

  it('echoes a well-formed X-Request-Id and makes one otherwise', async () => {
    const mine = await fetch(`${stack.apiUrl}/api/health`, { headers: { 'X-Request-Id': 'trace-abc.123' } });
    expect(mine.headers.get('x-request-id')).toBe('trace-abc.123');
    const generated = await fetch(`${stack.apiUrl}/api/health`, {
      headers: { 'X-Request-Id': 'bad id <script>' },
    });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers (helmet)', async () => {
    const res = await fetch(`${stack.apiUrl}/api/health`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});

describe('unexpected errors', () => {
  it('answer 500 INTERNAL_ERROR with a generic message and the request id, and log the error', async () => {
    const app = express();
    app.use((req, _res, next) => {
      req.ctx = stack.ctx;
      next();
    });
    app.use(requestId);
    app.get('/boom', () => {
      throw new Error('secret internals: connection string postgres://user:pw@db');
    });
    app.use(errorHandler);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/boom`, { headers: { 'X-Request-Id': 'req-boom-1' } });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({
        error: {
          code: 'INTERNAL_ERROR',
          message: 'An unexpected error occurred',
          details: { requestId: 'req-boom-1' },
        },
      });
      expect(text).not.toMatch(/secret internals|stack|at /);
      const logged = stack
        .logs()
        .find((line) => line.includes('req-boom-1') && line.includes('unhandled error'));
      expect(logged).toContain('secret internals');
    } finally {
      server.close();
    }
  });
});

describe('CORS', () => {
  it('allows the front end origin', async () => {
    const res = await fetch(`${stack.apiUrl}/api/catalog`, { headers: { Origin: 'http://localhost:5173' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('answers a preflight from the desk origin with the allowed headers', async () => {
    const res = await fetch(`${stack.apiUrl}/api/auth/login`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:3002',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,authorization',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3002');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
  });

  it('gives an unknown origin no CORS headers at all', async () => {
    const simple = await fetch(`${stack.apiUrl}/api/catalog`, {
      headers: { Origin: 'https://evil.example' },
    });
    expect(simple.status).toBe(200);
    const preflight = await fetch(`${stack.apiUrl}/api/auth/login`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    for (const res of [simple, preflight]) {
      const cors = [...res.headers.keys()].filter((h) => h.startsWith('access-control-'));
      expect(cors).toEqual([]);
    }
  });
});

describe('operations', () => {
  it('reports liveness', async () => {
    const res = await fetch(`${stack.apiUrl}/api/health`);
    expect(res.status).toBe(200);
    expect((await json(res)).status).toBe('ok');
  });

  it('is ready when the database and the payment provider answer, 503 NOT_READY otherwise', async () => {
    const ready = await fetch(`${stack.apiUrl}/api/ready`);
    expect(ready.status).toBe(200);
    expect(await json(ready)).toEqual({ status: 'ready', checks: { database: 'ok', paymentProvider: 'ok' } });

    providerDown = true;
    try {
      // A healthy provider is pinged at most once per 5 s (readiness is cheap under load): poll.
      let down = await fetch(`${stack.apiUrl}/api/ready`);
      const deadline = Date.now() + 20_000;
      while (down.status === 200 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        down = await fetch(`${stack.apiUrl}/api/ready`);
      }
      expect(down.status).toBe(503);
      const body = await json(down);
      expect(body.error.code).toBe('NOT_READY');
      expect(body.error.details.checks).toEqual({ database: 'ok', paymentProvider: 'unreachable' });
    } finally {
      providerDown = false;
    }
  });

  it('exposes every metric in Prometheus format, with orders by status read from the database', async () => {
    await fetch(`${stack.apiUrl}/api/catalog`);
    const res = await fetch(`${stack.apiUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    for (const name of [
      'lumira_payments_succeeded_total',
      'lumira_payments_failed_total',
      'lumira_webhook_lag_seconds',
      'lumira_webhook_duplicates_total',
      'lumira_http_request_duration_seconds',
      'lumira_orders_by_status',
      'lumira_reconciliation_fixes_total',
      'lumira_refunds_total',
    ]) {
      expect(text).toContain(`# TYPE ${name}`);
    }
    expect(text).toMatch(/lumira_http_request_duration_seconds_count\{[^}]*route="\/api\/catalog\/"/);
  });
});

describe('log redaction', () => {
  it('never writes authorization headers, cookies, tokens, client secrets, passwords or card data', async () => {
    const secrets = {
      bearer: 'Bearer eyJhbGciOiJIUzI1NiJ9.secret-bearer-value.sig',
      cookie: 'session=secret-cookie-value',
      orderToken: 'secret-order-token-value',
      queryToken: 'secret-query-token-value',
      clientSecret: 'pi_123_secret_secret-client-secret-value',
      password: 'secret-password-value',
      card: '4242424242424242',
      signature: 'secret-signature-value',
      idempotencyKey: 'secret-idempotency-key-value',
    };
    await fetch(
      `${stack.apiUrl}/api/does-not-exist?token=${secrets.queryToken}&client_secret=${secrets.clientSecret}`,
      {
        headers: {
          Authorization: secrets.bearer,
          Cookie: secrets.cookie,
          'X-Order-Token': secrets.orderToken,
          'Stripe-Signature': `t=1,v1=${secrets.signature}`,
          'Idempotency-Key': secrets.idempotencyKey,
        },
      },
    );
    await fetch(`${stack.apiUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: secrets.bearer },
      body: JSON.stringify({ email: 'nobody@example.test', password: secrets.password }),
    });
    stack.ctx.logger.warn(
      {
        password: secrets.password,
        clientSecret: secrets.clientSecret,
        paymentIntent: { client_secret: secrets.clientSecret },
        payment_method_data: { card: { number: secrets.card, cvc: '123' } },
        order: { accessToken: secrets.orderToken },
        headers: { authorization: secrets.bearer },
      },
      'redaction probe',
    );
    const logs = stack.logs().join('\n');
    expect(logs).toContain('redaction probe');
    expect(logs).toContain('/api/does-not-exist');
    for (const value of Object.values(secrets)) expect(logs).not.toContain(value);
    expect(logs).not.toContain('secret-bearer-value');
    expect(logs).toContain('[Redacted]');
    // The request line: the URL with its query secrets blanked, no header at all.
    const line = stack
      .logs()
      .map((text) => JSON.parse(text) as { req?: { url?: string }; msg?: string })
      .find(
        (entry) => entry.msg === 'request completed' && entry.req?.url?.startsWith('/api/does-not-exist?'),
      );
    expect(line?.req).toEqual({
      id: expect.any(String),
      method: 'GET',
      url: '/api/does-not-exist?token=%5BRedacted%5D&client_secret=%5BRedacted%5D',
      remoteAddress: expect.any(String),
    });
  });
});

describe('catalog and experts', () => {
  let adminToken: string;
  beforeAll(async () => {
    adminToken = await stack.login(stack.demo.adminEmail, stack.demo.adminPassword);
  });
  const admin = (path: string, method = 'GET', body?: unknown) =>
    fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('serves the default catalog in integer cents', async () => {
    const body = await json(await fetch(`${stack.apiUrl}/api/catalog`));
    const byId = Object.fromEntries(body.tiers.map((t: Loose) => [t.id, t]));
    expect(byId.basic).toMatchObject({ price: { amount: 2900, currency: 'EUR' }, durationMinutes: 30 });
    expect(byId.premium).toMatchObject({ price: { amount: 7900, currency: 'EUR' }, durationMinutes: 60 });
    expect(byId.vip).toMatchObject({ price: { amount: 14900, currency: 'EUR' }, durationMinutes: 120 });
  });

  it('lists active experts only, with their tiers and online flag, including Expert Test', async () => {
    const body = await json(await fetch(`${stack.apiUrl}/api/experts`));
    const expertTest = body.experts.find((e: Loose) => e.id === '674123456789abcdef012345');
    expect(expertTest).toMatchObject({
      name: 'Expert Test',
      tiers: ['basic', 'premium', 'vip'],
      active: true,
    });
    expect(typeof expertTest.online).toBe('boolean');
    expect(body.experts.every((e: Loose) => e.active)).toBe(true);
    const all = await json(await admin('/api/admin/experts'));
    expect(all.experts.length).toBeGreaterThan(body.experts.length);
    expect(all.experts.find((e: Loose) => e.id === stack.demo.expertId).email).toBe(stack.demo.expertEmail);
  });

  it('lets an admin change a price; the public catalog shows it', async () => {
    const res = await admin('/api/admin/catalog/premium', 'PUT', {
      price: { amount: 8900, currency: 'EUR' },
    });
    expect(res.status).toBe(200);
    expect((await json(res)).tier.price).toEqual({ amount: 8900, currency: 'EUR' });
    const body = await json(await fetch(`${stack.apiUrl}/api/catalog`));
    expect(body.tiers.find((t: Loose) => t.id === 'premium').price.amount).toBe(8900);
    await admin('/api/admin/catalog/premium', 'PUT', { price: { amount: 7900, currency: 'EUR' } });
  });

  it('refuses float prices, unknown keys, unknown tiers and non-admins', async () => {
    const float = await admin('/api/admin/catalog/basic', 'PUT', {
      price: { amount: 29.9, currency: 'EUR' },
    });
    expect(float.status).toBe(400);
    const unknownKey = await admin('/api/admin/catalog/basic', 'PUT', { discount: 10 });
    expect(unknownKey.status).toBe(400);
    expect((await json(unknownKey)).error.message).toContain('discount');
    expect((await admin('/api/admin/catalog/platinum', 'PUT', { active: false })).status).toBe(404);
    const customer = await stack.login(stack.demo.customerEmail, stack.demo.customerPassword);
    const forbidden = await fetch(`${stack.apiUrl}/api/admin/catalog/basic`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${customer}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ price: { amount: 1, currency: 'EUR' } }),
    });
    expect(forbidden.status).toBe(403);
    const anonymous = await fetch(`${stack.apiUrl}/api/admin/catalog/basic`, { method: 'PUT' });
    expect(anonymous.status).toBe(401);
  });

  it('hides a deactivated tier from the public catalog', async () => {
    expect((await admin('/api/admin/catalog/vip', 'PUT', { active: false })).status).toBe(200);
    const body = await json(await fetch(`${stack.apiUrl}/api/catalog`));
    expect(body.tiers.map((t: Loose) => t.id)).not.toContain('vip');
    await admin('/api/admin/catalog/vip', 'PUT', { active: true });
  });

  it('lets an admin deactivate an expert and change their tiers', async () => {
    const id = '674123456789abcdef012348';
    const res = await admin(`/api/admin/experts/${id}`, 'PATCH', { active: false, tiers: ['basic', 'vip'] });
    expect(res.status).toBe(200);
    expect((await json(res)).expert).toMatchObject({ id, active: false, tiers: ['basic', 'vip'] });
    const publicList = await json(await fetch(`${stack.apiUrl}/api/experts`));
    expect(publicList.experts.map((e: Loose) => e.id)).not.toContain(id);
    await admin(`/api/admin/experts/${id}`, 'PATCH', { active: true, tiers: ['basic'] });

    expect((await admin(`/api/admin/experts/${id}`, 'PATCH', { tiers: ['gold'] })).status).toBe(400);
    expect((await admin('/api/admin/experts/not-an-id', 'PATCH', { active: true })).status).toBe(400);
    const missing = await admin('/api/admin/experts/aaaaaaaaaaaaaaaaaaaaaaaa', 'PATCH', { active: true });
    expect(missing.status).toBe(404);
    expect((await json(missing)).error.code).toBe('EXPERT_NOT_FOUND');
  });
});
