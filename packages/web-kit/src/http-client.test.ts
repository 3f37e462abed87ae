import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-error';
import { buildQuery, createHttpClient } from './http-client';
import { newIdempotencyKey } from './idempotency';

type Call = { url: string; init: RequestInit };

function fakeFetch(respond: () => Response) {
  const calls: Call[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    return respond();
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

describe('createHttpClient', () => {
  it('sends JSON with the JWT and the query, and returns the parsed answer', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { ok: 1 }));
    const http = createHttpClient({ baseUrl: 'http://api.test//', fetch, getAuthToken: () => 'jwt' });
    const answer = await http.request<{ ok: number }>('/api/x', {
      method: 'POST',
      body: { a: 1 },
      query: { page: 2, q: 'a b', empty: '', none: null },
      headers: { 'Idempotency-Key': 'k-1' },
    });
    expect(answer).toEqual({ ok: 1 });
    expect(calls[0]!.url).toBe('http://api.test/api/x?page=2&q=a%20b');
    expect(calls[0]!.init.headers).toEqual({
      Accept: 'application/json',
      Authorization: 'Bearer jwt',
      'Content-Type': 'application/json',
      'Idempotency-Key': 'k-1',
    });
    expect(calls[0]!.init.body).toBe('{"a":1}');
  });

  it('sends no JWT when the call says auth: false, and no body on a GET', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, {}));
    const http = createHttpClient({ baseUrl: 'http://api.test', fetch, getAuthToken: () => 'jwt' });
    await http.request('/api/catalog', { auth: false });
    expect(calls[0]!.init.headers).toEqual({ Accept: 'application/json' });
    expect(calls[0]!.init.body).toBeUndefined();
  });

  it('answers undefined for a 204, and UNEXPECTED_RESPONSE for a 2xx that is not JSON', async () => {
    const empty = createHttpClient({
      baseUrl: 'http://a',
      fetch: fakeFetch(() => new Response(null, { status: 204 })).fetch,
    });
    expect(await empty.request('/x')).toBeUndefined();
    const html = createHttpClient({
      baseUrl: 'http://a',
      fetch: fakeFetch(() => new Response('<html>', { status: 200 })).fetch,
    });
    await expect(html.request('/x')).rejects.toMatchObject({ code: 'UNEXPECTED_RESPONSE', status: 200 });
  });

  it('throws an ApiError for a failure and calls onUnauthenticated only for a refused JWT', async () => {
    const refused = fakeFetch(() => json(401, { error: { code: 'UNAUTHENTICATED', message: 'expired' } }));
    const onUnauthenticated = vi.fn();
    const withToken = createHttpClient({
      baseUrl: 'http://a',
      fetch: refused.fetch,
      getAuthToken: () => 't',
      onUnauthenticated,
    });
    const error = await withToken.request('/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(onUnauthenticated).toHaveBeenCalledOnce();
    const guest = createHttpClient({
      baseUrl: 'http://a',
      fetch: refused.fetch,
      getAuthToken: () => null,
      onUnauthenticated,
    });
    await expect(guest.request('/x')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const wrongPassword = fakeFetch(() =>
      json(401, { error: { code: 'INVALID_CREDENTIALS', message: 'no' } }),
    );
    const login = createHttpClient({
      baseUrl: 'http://a',
      fetch: wrongPassword.fetch,
      getAuthToken: () => 't',
      onUnauthenticated,
    });
    await expect(login.request('/x')).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(onUnauthenticated).toHaveBeenCalledOnce();
  });

  it('turns a fetch that never answered into NETWORK_ERROR', async () => {
    const http = createHttpClient({
      baseUrl: 'http://a',
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof fetch,
    });
    await expect(http.request('/x')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });

  it("requestBlob returns the bytes of a file, sent with the JWT and the call's headers", async () => {
    const { fetch, calls } = fakeFetch(
      () => new Response('%PDF-1.7 x', { status: 200, headers: { 'Content-Type': 'application/pdf' } }),
    );
    const http = createHttpClient({ baseUrl: 'http://api.test', fetch, getAuthToken: () => 'jwt' });
    const blob = await http.requestBlob('/api/doc.pdf', { headers: { 'X-Order-Token': 'tok' } });
    expect(await blob.text()).toBe('%PDF-1.7 x');
    expect(calls[0]!.url).toBe('http://api.test/api/doc.pdf');
    expect(calls[0]!.init.headers).toEqual({
      Accept: '*/*',
      Authorization: 'Bearer jwt',
      'X-Order-Token': 'tok',
    });
  });

  it("requestBlob throws the API's error, ends the session on a refused JWT, and NETWORK_ERROR without answer", async () => {
    const missing = createHttpClient({
      baseUrl: 'http://a',
      fetch: fakeFetch(() => json(404, { error: { code: 'NOT_FOUND', message: 'Document not found' } }))
        .fetch,
    });
    await expect(missing.requestBlob('/d')).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const onUnauthenticated = vi.fn();
    const expired = createHttpClient({
      baseUrl: 'http://a',
      fetch: fakeFetch(() => json(401, { error: { code: 'UNAUTHENTICATED', message: 'expired' } })).fetch,
      getAuthToken: () => 't',
      onUnauthenticated,
    });
    await expect(expired.requestBlob('/d')).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthenticated).toHaveBeenCalledOnce();
    const offline = createHttpClient({
      baseUrl: 'http://a',
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof fetch,
    });
    await expect(offline.requestBlob('/d')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });

  it('builds absolute URLs for EventSource', () => {
    const http = createHttpClient({ baseUrl: 'http://api.test/' });
    expect(http.url('/api/desk/events', { access_token: 'a.b' })).toBe(
      'http://api.test/api/desk/events?access_token=a.b',
    );
    expect(http.url('/api/x', { token: null })).toBe('http://api.test/api/x');
  });
});

describe('buildQuery', () => {
  it('drops empty values and encodes the rest', () => {
    expect(
      buildQuery({ status: 'paid', q: 'marie+1@example.test', expertId: '', page: 2, from: undefined }),
    ).toBe('?status=paid&q=marie%2B1%40example.test&page=2');
    expect(buildQuery({})).toBe('');
    expect(buildQuery(undefined)).toBe('');
  });
});

describe('newIdempotencyKey', () => {
  it('is a fresh opaque key each time, with the given prefix', () => {
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey('refund')));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^refund-[0-9a-f]{32}$/);
  });
});
