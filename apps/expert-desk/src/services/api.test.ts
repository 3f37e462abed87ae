import { ApiError, buildQuery, errorMessage } from '@lumira/web-kit';
import { describe, expect, it, vi } from 'vitest';
import { orderFixture } from '../test/order-fixture';
import { createApiClient, type TokenStore } from './api';

type Call = { url: string; init: RequestInit };

function memoryTokens(initial: string | null = null): TokenStore & { value: string | null } {
  const store = {
    value: initial,
    get: () => store.value,
    set: (token: string | null) => {
      store.value = token;
    },
  };
  return store;
}

/** A fake fetch answering from a queue of [status, body] and recording each call. */
function fakeFetch(responses: Array<[number, unknown] | Error>) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const next = responses.shift();
    if (!next) throw new Error('no more fake responses');
    if (next instanceof Error) throw next;
    const [status, body] = next;
    const text = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
    return new Response(text, { status, headers: { 'Content-Type': 'application/json' } });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

const user = { id: 'u1', email: 'expert@lumira.test', name: 'Expert Test', role: 'expert' as const };

describe('createApiClient', () => {
  it('logs in, keeps the token and sends it as a Bearer on the next calls', async () => {
    const tokens = memoryTokens();
    const { fetch, calls } = fakeFetch([
      [200, { token: 'jwt-1', user }],
      [200, { orders: [orderFixture()], pageSize: 20, nextCursor: null }],
    ]);
    const api = createApiClient({ baseUrl: 'http://api.test/', fetch, tokens });

    const auth = await api.login('expert@lumira.test', 'secret-password');
    expect(auth.user.role).toBe('expert');
    expect(tokens.value).toBe('jwt-1');
    expect(calls[0]!.url).toBe('http://api.test/api/auth/login');
    expect(calls[0]!.init.method).toBe('POST');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({
      email: 'expert@lumira.test',
      password: 'secret-password',
    });
    expect((calls[0]!.init.headers as Record<string, string>).Authorization).toBeUndefined();

    const page = await api.deskOrders({ status: 'paid' });
    expect(page.orders).toHaveLength(1);
    expect(page.nextCursor).toBeNull();
    expect(calls[1]!.url).toBe('http://api.test/api/desk/orders?status=paid');
    expect((calls[1]!.init.headers as Record<string, string>).Authorization).toBe('Bearer jwt-1');
  });

  it('turns an API error body into an ApiError with the French copy of its code', async () => {
    const { fetch } = fakeFetch([
      [409, { error: { code: 'INVALID_TRANSITION', message: 'paid -> completed not allowed' } }],
    ]);
    const api = createApiClient({ baseUrl: 'http://api.test', fetch, tokens: memoryTokens('jwt') });
    const error = await api.endSession('o1', { reason: 'completed' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
    expect(errorMessage(error)).toBe('Cette action n’est pas possible dans l’état actuel de la commande.');
  });

  it('reports a fetch that never got an answer as NETWORK_ERROR', async () => {
    const { fetch } = fakeFetch([new TypeError('Failed to fetch')]);
    const api = createApiClient({ baseUrl: 'http://api.test', fetch, tokens: memoryTokens('jwt') });
    const error = await api.earnings().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
    expect(errorMessage(error)).toMatch(/Impossible de joindre le serveur/);
  });

  it('maps a non-JSON error page (proxy HTML) by its status', async () => {
    const { fetch } = fakeFetch([[502, '<html>Bad gateway</html>']]);
    const api = createApiClient({ baseUrl: 'http://api.test', fetch, tokens: memoryTokens('jwt') });
    const error = (await api.paymentsOverview().catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(502);
    expect(errorMessage(error)).not.toBe('');
  });

  it('forgets the token and tells the app when an authenticated call gets 401', async () => {
    const tokens = memoryTokens('expired-jwt');
    const onUnauthorized = vi.fn();
    const { fetch } = fakeFetch([[401, { error: { code: 'UNAUTHENTICATED', message: 'expired' } }]]);
    const api = createApiClient({ baseUrl: 'http://api.test', fetch, tokens, onUnauthorized });
    await expect(api.me()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(tokens.value).toBeNull();
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('a wrong password is a 401 that does not log anybody out', async () => {
    const onUnauthorized = vi.fn();
    const { fetch } = fakeFetch([[401, { error: { code: 'INVALID_CREDENTIALS', message: 'no' } }]]);
    const api = createApiClient({
      baseUrl: 'http://api.test',
      fetch,
      tokens: memoryTokens(),
      onUnauthorized,
    });
    await expect(api.login('a@b.c', 'x')).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('sends admin refunds as integer cents with the reason, to the encoded order path', async () => {
    const { fetch, calls } = fakeFetch([[200, { ok: true }]]);
    const api = createApiClient({ baseUrl: 'http://api.test', fetch, tokens: memoryTokens('jwt') });
    await api.refundOrder('abc/def', { amount: 5266, reason: 'Séance interrompue' });
    expect(calls[0]!.url).toBe('http://api.test/api/admin/orders/abc%2Fdef/refund');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ amount: 5266, reason: 'Séance interrompue' });
    expect((calls[0]!.init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('builds the SSE url with the JWT as access_token, and none without a token', () => {
    const tokens = memoryTokens('a.b.c');
    const api = createApiClient({ baseUrl: 'http://api.test', fetch: fakeFetch([]).fetch, tokens });
    expect(api.eventsUrl('/api/desk/events')).toBe('http://api.test/api/desk/events?access_token=a.b.c');
    tokens.value = null;
    expect(api.eventsUrl('/api/desk/events')).toBeNull();
  });
});

describe('buildQuery', () => {
  it('drops empty values and encodes the rest', () => {
    expect(
      buildQuery({ status: 'paid', q: 'marie+1@example.test', expertId: '', page: 2, from: undefined }),
    ).toBe('?status=paid&q=marie%2B1%40example.test&page=2');
    expect(buildQuery({})).toBe('');
  });
});
