/**
 * The API service layer of the customer site: every call to apps/api-backend goes through here,
 * typed with the shared contract (@lumira/shared). Errors are turned into one ApiError shape by
 * `parseApiError`; `errorMessage` gives the French copy to show.
 */
import {
  type ApiErrorCode,
  type AuthResponse,
  type CancelOrderResponse,
  type CatalogResponse,
  type ConfirmPaymentResponse,
  type CreatePaymentIntentRequest,
  type CreatePaymentIntentResponse,
  ERROR_MESSAGES_FR,
  type ExpertsResponse,
  type LoginRequest,
  type OrdersPage,
  type OrderView,
  parseApiError,
  type RegisterRequest,
  type RegisterResponse,
} from '@lumira/shared';

/**
 * A failed API call, as `parseApiError` (@lumira/shared) read it: `code` is a shared error code, or
 * NETWORK_ERROR / UNEXPECTED_RESPONSE when no Lumira answer came. `message` is the server's text
 * (for logs); customers see `errorMessage(error)`.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** The French sentence to show a customer for any error thrown by this layer (or anything else). */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return ERROR_MESSAGES_FR[error.code] ?? ERROR_MESSAGES_FR.INTERNAL_ERROR;
  return ERROR_MESSAGES_FR.INTERNAL_ERROR;
}

function toApiError(status: number, body: unknown): ApiError {
  const parsed = parseApiError(status, body);
  return new ApiError(parsed.status, parsed.code, parsed.message, parsed.details);
}

export interface ApiClientOptions {
  /** e.g. http://localhost:3001 (no trailing slash) */
  baseUrl: string;
  fetch?: typeof fetch;
  /** The logged-in customer's JWT, if any: sent as a Bearer token. */
  getAuthToken?: () => string | null;
  /** Called when the API refused the JWT (expired, revoked): the session is over. */
  onUnauthenticated?: () => void;
}

interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  headers?: Record<string, string>;
  /** Send the customer's JWT when logged in (default true). */
  auth?: boolean;
}

export type ApiClient = ReturnType<typeof createApiClient>;

export function createApiClient(options: ApiClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function request<T>(
    path: string,
    { method = 'GET', body, headers = {}, auth = true }: RequestOptions = {},
  ) {
    const finalHeaders: Record<string, string> = { Accept: 'application/json', ...headers };
    if (body !== undefined) finalHeaders['Content-Type'] = 'application/json';
    const token = auth ? options.getAuthToken?.() : null;
    if (token) finalHeaders.Authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, {
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
    if (json === null) throw toApiError(response.status, text); // a 2xx that is not JSON: UNEXPECTED_RESPONSE
    return json as T;
  }

  const orderTokenHeaders = (token?: string | null): Record<string, string> =>
    token ? { 'X-Order-Token': token } : {};
  const id = (value: string) => encodeURIComponent(value);

  return {
    getCatalog: () => request<CatalogResponse>('/api/catalog', { auth: false }),
    getExperts: () => request<ExpertsResponse>('/api/experts', { auth: false }),

    /**
     * Creates (or, for a retry with the same key, returns again) the order and its PaymentIntent.
     * `idempotencyKey` identifies ONE checkout attempt: resending it never creates a second order.
     */
    createPaymentIntent: (body: CreatePaymentIntentRequest, idempotencyKey: string) =>
      request<CreatePaymentIntentResponse>('/api/payments/create-payment-intent', {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),

    /** Asks the API to re-read the PaymentIntent (after a 3-D Secure redirect) and settle the order. */
    confirmPayment: (paymentIntentId: string) =>
      request<ConfirmPaymentResponse>('/api/payments/confirm-payment', {
        method: 'POST',
        body: { paymentIntentId },
      }),

    /** One order, readable with its access token (guest) or the owner's JWT. */
    getOrder: (orderId: string, accessToken?: string | null) =>
      request<OrderView>(`/api/payments/order/${id(orderId)}`, { headers: orderTokenHeaders(accessToken) }),

    listMyOrders: (page = 1) => request<OrdersPage>(`/api/payments/orders?page=${page}`),

    cancelOrder: (orderId: string, accessToken?: string | null) =>
      request<CancelOrderResponse>(`/api/payments/order/${id(orderId)}/cancel`, {
        method: 'POST',
        headers: orderTokenHeaders(accessToken),
      }),

    /** URL of the order's Server-Sent Events stream (EventSource cannot send headers: token in the query). */
    orderEventsUrl: (orderId: string, accessToken?: string | null) =>
      `${baseUrl}/api/payments/order/${id(orderId)}/events${accessToken ? `?token=${encodeURIComponent(accessToken)}` : ''}`,

    register: (body: RegisterRequest) =>
      request<RegisterResponse>('/api/auth/register', { method: 'POST', body, auth: false }),
    login: (body: LoginRequest) =>
      request<AuthResponse>('/api/auth/login', { method: 'POST', body, auth: false }),
    me: () => request<AuthResponse['user']>('/api/auth/me'),
  };
}

/** A fresh key for one checkout attempt (works on plain http, where crypto.randomUUID may be missing). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `checkout-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
