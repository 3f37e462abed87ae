/**
 * The API client core of both front ends: JSON over fetch, the JWT as a Bearer token, one error type.
 * Each app lists its endpoints on top of `createHttpClient` (main-app `services/api-client.ts`,
 * expert-desk `services/api.ts`); pages never call fetch themselves.
 */
import { type ApiError, toApiError } from './api-error';

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

/** The JSON value of a body, or null when it is empty or not JSON. */
function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Path segment encoding for ids put into a URL. */
export const pathId = (value: string) => encodeURIComponent(value);

export type HttpClient = ReturnType<typeof createHttpClient>;

export function createHttpClient(options: HttpClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  /** Sends one request (JSON body, Bearer token); a fetch that got no answer throws NETWORK_ERROR. */
  async function send(path: string, opts: RequestOptions, accept: string) {
    const { method = 'GET', body, query, headers = {}, auth = true } = opts;
    const finalHeaders: Record<string, string> = { Accept: accept, ...headers };
    if (body !== undefined) finalHeaders['Content-Type'] = 'application/json';
    const token = auth ? options.getAuthToken?.() : null;
    if (token) finalHeaders.Authorization = `Bearer ${token}`;
    try {
      const response = await doFetch(`${baseUrl}${path}${buildQuery(query)}`, {
        method,
        headers: finalHeaders,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { response, sentToken: Boolean(token) };
    } catch (error) {
      throw toApiError(0, error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** The ApiError of a failed answer; a refused JWT first ends the session (`onUnauthenticated`). */
  function failure(status: number, body: unknown, sentToken: boolean): ApiError {
    const error = toApiError(status, body);
    if (sentToken && error.code === 'UNAUTHENTICATED') options.onUnauthenticated?.();
    return error;
  }

  /**
   * Sends one request and returns the parsed JSON answer. Throws an ApiError for a failed call, a
   * fetch that got no answer (NETWORK_ERROR) and a 2xx that is not JSON (UNEXPECTED_RESPONSE; a 204
   * answers undefined).
   */
  async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
    const { response, sentToken } = await send(path, opts, 'application/json');
    const text = await response.text().catch(() => '');
    const json = parseJson(text);
    if (!response.ok) throw failure(response.status, json ?? text, sentToken);
    if (response.status === 204 && !text) return undefined as T;
    if (json === null) throw toApiError(response.status, text);
    return json as T;
  }

  /** Sends one request and returns the answer's bytes (a PDF); a failed call throws its ApiError. */
  async function requestBlob(path: string, opts: RequestOptions = {}): Promise<Blob> {
    const { response, sentToken } = await send(path, opts, '*/*');
    if (response.ok) return response.blob();
    const text = await response.text().catch(() => '');
    throw failure(response.status, parseJson(text) ?? text, sentToken);
  }

  return {
    baseUrl,
    request,
    requestBlob,
    /** An absolute URL of the API (for EventSource, which cannot send headers). */
    url: (path: string, query?: Query) => `${baseUrl}${path}${buildQuery(query)}`,
  };
}
