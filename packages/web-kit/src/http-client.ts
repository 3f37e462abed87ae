/**
 * The API client core of both front ends: JSON over fetch, the JWT as a Bearer token, one error type.
 * Each app lists its endpoints on top of `createHttpClient` (main-app `services/api-client.ts`,
 * expert-desk `services/api.ts`); pages never call fetch themselves.
 */
import { toApiError } from './api-error';

export type Query = Record<string, string | number | undefined | null>;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpClientOptions {
  /** e.g. http://localhost:3001 (a trailing slash is dropped) */
  baseUrl: string;
  fetch?: typeof globalThis.fetch;
  /** The signed-in person's JWT, if any: sent as a Bearer token. */
  getAuthToken?: () => string | null | undefined;
  /** Called when the API refused the JWT that was sent (expired, revoked): the session is over. */
  onUnauthenticated?: () => void;
}

export interface RequestOptions {
  method?: HttpMethod;
  /** sent as JSON */
  body?: unknown;
  query?: Query;
  headers?: Record<string, string>;
  /** Send the JWT when there is one (default true). */
  auth?: boolean;
}

/** `?a=1&b=x` from the values that are set (undefined, null and '' are left out), or ''. */
export function buildQuery(query: Query | undefined): string {
  if (!query) return '';
  const pairs = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

/** Path segment encoding for ids put into a URL. */
export const pathId = (value: string) => encodeURIComponent(value);

export type HttpClient = ReturnType<typeof createHttpClient>;

export function createHttpClient(options: HttpClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  /**
   * Sends one request and returns the parsed JSON answer. Throws an ApiError for a failed call, a
   * fetch that got no answer (NETWORK_ERROR) and a 2xx that is not JSON (UNEXPECTED_RESPONSE; a 204
   * answers undefined).
   */
  async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
    const { method = 'GET', body, query, headers = {}, auth = true } = opts;
    const finalHeaders: Record<string, string> = { Accept: 'application/json', ...headers };
    if (body !== undefined) finalHeaders['Content-Type'] = 'application/json';
    const token = auth ? options.getAuthToken?.() : null;
    if (token) finalHeaders.Authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}${buildQuery(query)}`, {
        method,
        headers: finalHeaders,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw toApiError(0, error instanceof Error ? error : new Error(String(error)));
    }
    const text = await response.text().catch(() => '');
    let json: unknown = null;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
    }
    if (!response.ok) {
      const error = toApiError(response.status, json ?? text);
      if (token && error.code === 'UNAUTHENTICATED') options.onUnauthenticated?.();
      throw error;
    }
    if (response.status === 204 && !text) return undefined as T;
    if (json === null) throw toApiError(response.status, text);
    return json as T;
  }

  return {
    baseUrl,
    request,
    /** An absolute URL of the API (for EventSource, which cannot send headers). */
    url: (path: string, query?: Query) => `${baseUrl}${path}${buildQuery(query)}`,
  };
}
