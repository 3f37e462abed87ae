import { ApiError, errorMessage, newIdempotencyKey } from '@lumira/web-kit';
import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from './api-client';

type Call = { url: string; init: RequestInit };

function fakeFetch(respond: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const call = { url: String(input), init: init ?? {} };
    calls.push(call);
    return respond(call);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const headersOf = (call: Call) => new Headers(call.init.headers);

const created = {
  clientSecret: 'pi_1_secret_x',
  orderId: '674123456789abcdef000001',
  orderAccessToken: 'tok',
  amount: 7900,
  currency: 'EUR',
  expert: { id: '674123456789abcdef012345', name: 'Expert Test' },
  tier: { id: 'premium', name: 'Consultation Premium', durationMinutes: 60 },
};

describe('API service layer', () => {
  it('creates a payment intent with the checkout attempt as Idempotency-Key and no price field', async () => {
    const { fetch, calls } = fakeFetch(() => json(201, created));
    const api = createApiClient({ baseUrl: 'http://api.test/', fetch });
    const body = { level: 'premium', service: 'premium', customerEmail: 'a@b.fr' } as const;
    const result = await api.createPaymentIntent(body, 'checkout-abc');
    expect(result.orderId).toBe(created.orderId);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('http://api.test/api/payments/create-payment-intent');
    expect(calls[0]!.init.method).toBe('POST');
    expect(headersOf(calls[0]!).get('Idempotency-Key')).toBe('checkout-abc');
    expect(headersOf(calls[0]!).get('Content-Type')).toBe('application/json');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual(body);
  });

  it('sends the customer JWT when logged in, and never on login/register', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { orders: [], page: 1, pageSize: 20, total: 0 }));
    const api = createApiClient({ baseUrl: 'http://api.test', fetch, getAuthToken: () => 'jwt-1' });
    await api.listMyOrders();
    await api.login({ email: 'a@b.fr', password: 'x' }).catch(() => undefined);
    expect(headersOf(calls[0]!).get('Authorization')).toBe('Bearer jwt-1');
    expect(calls[0]!.url).toBe('http://api.test/api/payments/orders?page=1');
    expect(headersOf(calls[1]!).get('Authorization')).toBeNull();
  });

  it('reports a refused JWT once (the session is over), but not a guest’s 401', async () => {
    const { fetch } = fakeFetch(() => json(401, { error: { code: 'UNAUTHENTICATED', message: 'expired' } }));
    const expired = vi.fn();
    const withToken = createApiClient({
      baseUrl: 'http://api.test',
      fetch,
      getAuthToken: () => 'old',
      onUnauthenticated: expired,
    });
    await expect(withToken.listMyOrders()).rejects.toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect(expired).toHaveBeenCalledTimes(1);
    const guest = createApiClient({
      baseUrl: 'http://api.test',
      fetch,
      getAuthToken: () => null,
      onUnauthenticated: expired,
    });
    await expect(guest.listMyOrders()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('reads an order with its access token in a header (not in the URL)', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { id: 'o1' }));
    const api = createApiClient({ baseUrl: 'http://api.test', fetch });
    await api.getOrder('o/1', 'secret-token');
    expect(calls[0]!.url).toBe('http://api.test/api/payments/order/o%2F1');
    expect(headersOf(calls[0]!).get('X-Order-Token')).toBe('secret-token');
  });

  it('builds the SSE URL with the token in the query (EventSource cannot send headers)', () => {
    const api = createApiClient({ baseUrl: 'http://api.test' });
    expect(api.orderEventsUrl('o1', 'a b')).toBe('http://api.test/api/payments/order/o1/events?token=a%20b');
  });

  it('posts confirm-payment and cancel to the contract paths', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { orderId: 'o1', status: 'paid' }));
    const api = createApiClient({ baseUrl: 'http://api.test', fetch });
    await api.confirmPayment('pi_123');
    await api.cancelOrder('o1', 'tok');
    expect(calls[0]!.url).toBe('http://api.test/api/payments/confirm-payment');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ paymentIntentId: 'pi_123' });
    expect(calls[1]!.url).toBe('http://api.test/api/payments/order/o1/cancel');
    expect(calls[1]!.init.method).toBe('POST');
    expect(headersOf(calls[1]!).get('X-Order-Token')).toBe('tok');
  });

  it('turns a Lumira error body into an ApiError with French copy', async () => {
    const { fetch } = fakeFetch(() =>
      json(400, { error: { code: 'TIER_MISMATCH', message: 'level and service differ' } }),
    );
    const api = createApiClient({ baseUrl: 'http://api.test', fetch });
    const error = await api
      .createPaymentIntent({ level: 'basic', customerEmail: 'a@b.fr' }, 'k')
      .catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('TIER_MISMATCH');
    expect(error.status).toBe(400);
    expect(errorMessage(error)).toMatch(/formule choisie est incohérente/);
  });

  it('maps a network failure, an HTML error page and a 429 to French messages', async () => {
    const offline = createApiClient({
      baseUrl: 'http://api.test',
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof fetch,
    });
    const networkError = await offline.getCatalog().catch((e) => e);
    expect(networkError.code).toBe('NETWORK_ERROR');
    expect(errorMessage(networkError)).toMatch(/Impossible de joindre le serveur/);

    const proxy = createApiClient({
      baseUrl: 'http://api.test',
      fetch: (async () => new Response('<html>Bad gateway</html>', { status: 502 })) as typeof fetch,
    });
    const gatewayError = await proxy.getCatalog().catch((e) => e);
    expect(gatewayError.code).toBe('INTERNAL_ERROR');
    expect(errorMessage(gatewayError)).toMatch(/erreur inattendue/);

    const limited = createApiClient({
      baseUrl: 'http://api.test',
      fetch: (async () => new Response('', { status: 429 })) as typeof fetch,
    });
    expect(errorMessage(await limited.getCatalog().catch((e) => e))).toMatch(/Trop de tentatives/);
  });

  it('gives a generic French message for anything that is not an ApiError', () => {
    expect(errorMessage(new Error('boom'))).toMatch(/erreur inattendue/);
  });
});

describe('newIdempotencyKey', () => {
  it('is a fresh opaque key for each checkout attempt', () => {
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^checkout-[0-9a-f]{32}$/);
  });
});
