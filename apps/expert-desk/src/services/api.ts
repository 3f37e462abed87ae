/**
 * The desk's one API client: JSON over fetch, JWT from localStorage, one error type.
 * Every endpoint the desk calls is listed here; pages never call fetch themselves.
 */
import {
  type AdminOrdersQuery,
  type AdminRefundRequest,
  type AdminUpdateExpertRequest,
  type ApiErrorCode,
  type AuthResponse,
  type CatalogResponse,
  type EarningsResponse,
  type EndSessionRequest,
  ERROR_MESSAGES_FR,
  type ExpertPublic,
  type ExpertsResponse,
  type NoShowRequest,
  type OrderStatus,
  type OrdersPage,
  type OrderView,
  type ParsedApiError,
  type PaymentsOverview,
  parseApiError,
  type TierId,
  type UpdateTierRequest,
} from '@lumira/shared';

export type User = AuthResponse['user'];

/** A failed call, parsed once by `parseApiError` (status 0 / NETWORK_ERROR when no answer came back). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: unknown;

  constructor(parsed: ParsedApiError) {
    super(parsed.message);
    this.name = 'ApiError';
    this.status = parsed.status;
    this.code = parsed.code;
    this.details = parsed.details;
  }

  /** The French copy shown to the person (ERROR_MESSAGES_FR), never the server's raw message. */
  get userMessage(): string {
    return ERROR_MESSAGES_FR[this.code];
  }
}

/** The French sentence to show a person for any error thrown by the client (or anything else). */
export function errorMessageFr(error: unknown): string {
  return error instanceof ApiError ? error.userMessage : ERROR_MESSAGES_FR.INTERNAL_ERROR;
}

export type TokenStore = { get(): string | null; set(token: string | null): void };

const TOKEN_KEY = 'lumira.desk.token';

export const localTokenStore: TokenStore = {
  get: () => globalThis.localStorage?.getItem(TOKEN_KEY) ?? null,
  set: (token) => {
    if (token === null) globalThis.localStorage?.removeItem(TOKEN_KEY);
    else globalThis.localStorage?.setItem(TOKEN_KEY, token);
  },
};

export type ApiClientOptions = {
  baseUrl: string;
  fetch?: typeof globalThis.fetch;
  tokens?: TokenStore;
  /** Called when the API answers 401 to an authenticated call (expired or revoked token). */
  onUnauthorized?: () => void;
};

type Query = Record<string, string | number | undefined | null>;
type RequestOptions = { body?: unknown; query?: Query; auth?: boolean };

/** An expert as admins see it: the public view plus the login email when the expert has an account. */
export type ExpertAdminView = ExpertPublic & { email?: string | null };

/** The admin view of an order: the contract's OrderView plus the API's admin-only extras. */
export type AdminOrderView = Omit<OrderView, 'refunds'> & {
  /** the refund the API recorded when the session ended (pro-rata of an interrupted session) */
  proposedRefundAmount?: number | null;
  /** the expert's end-of-session notes, once the API exposes them in the view */
  notes?: string | null;
  refunds: (OrderView['refunds'][number] & { failureReason?: string | null; retryable?: boolean })[];
};

export function buildQuery(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function createApiClient(options: ApiClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const tokens = options.tokens ?? localTokenStore;
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));

  async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = opts.auth === false ? null : tokens.get();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}${buildQuery(opts.query)}`, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      });
    } catch (err) {
      throw new ApiError(parseApiError(0, err instanceof Error ? err : new Error(String(err))));
    }
    const text = await response.text();
    let body: unknown = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = null;
      }
    }
    if (!response.ok) {
      const parsed = parseApiError(response.status, body);
      if (response.status === 401 && token) {
        tokens.set(null);
        options.onUnauthorized?.();
      }
      throw new ApiError(parsed);
    }
    return body as T;
  }

  const id = (value: string) => encodeURIComponent(value);

  return {
    /** For SSE: EventSource cannot send headers, so the JWT travels as ?access_token=. */
    eventsUrl(path: string): string | null {
      const token = tokens.get();
      return token ? `${baseUrl}${path}${buildQuery({ access_token: token })}` : null;
    },
    hasToken: () => tokens.get() !== null,
    logout: () => tokens.set(null),

    async login(email: string, password: string): Promise<AuthResponse> {
      const result = await request<AuthResponse>('POST', '/api/auth/login', {
        body: { email, password },
        auth: false,
      });
      tokens.set(result.token);
      return result;
    },
    me: () => request<{ user: User } | User>('GET', '/api/auth/me').then(unwrapUser),

    // Experts
    deskOrders: (status?: OrderStatus | OrderStatus[]) =>
      request<OrdersPage | { orders: OrderView[] }>('GET', '/api/desk/orders', {
        query: { status: Array.isArray(status) ? status.join(',') : status },
      }).then((page) => page.orders),
    deskOrder: (orderId: string) =>
      request<OrderView>('GET', `/api/desk/orders/${id(orderId)}`).then(unwrapOrder),
    startSession: (orderId: string) =>
      request<OrderView>('POST', `/api/desk/orders/${id(orderId)}/start`, { body: {} }).then(unwrapOrder),
    endSession: (orderId: string, body: EndSessionRequest) =>
      request<OrderView>('POST', `/api/desk/orders/${id(orderId)}/end`, { body }).then(unwrapOrder),
    markNoShow: (orderId: string, body: NoShowRequest) =>
      request<OrderView>('POST', `/api/desk/orders/${id(orderId)}/no-show`, { body }).then(unwrapOrder),
    setAvailability: (online: boolean) =>
      request<{ expertId: string; online: boolean }>('POST', '/api/desk/availability', { body: { online } }),
    earnings: () => request<EarningsResponse>('GET', '/api/desk/earnings'),

    // Admins
    adminOrders: (query: AdminOrdersQuery) =>
      request<OrdersPage>('GET', '/api/admin/orders', { query: query as Query }),
    adminOrder: (orderId: string) =>
      request<AdminOrderView>('GET', `/api/admin/orders/${id(orderId)}`).then(unwrapOrder),
    refundOrder: (orderId: string, body: AdminRefundRequest) =>
      request<unknown>('POST', `/api/admin/orders/${id(orderId)}/refund`, { body }),
    retryRefund: (refundId: string) =>
      request<unknown>('POST', `/api/admin/refunds/${id(refundId)}/retry`, { body: {} }),
    /** the last `days` days (UTC), default chosen by the API */
    paymentsOverview: (query: { days?: number } = {}) =>
      request<PaymentsOverview>('GET', '/api/admin/payments/overview', { query }),
    publicExperts: () =>
      request<ExpertsResponse>('GET', '/api/experts', { auth: false }).then((r) => r.experts),
    catalog: () => request<CatalogResponse>('GET', '/api/catalog', { auth: false }),
    /** every tier, inactive ones included */
    adminCatalog: () => request<CatalogResponse>('GET', '/api/admin/catalog'),
    updateTier: (tier: TierId, body: UpdateTierRequest) =>
      request<unknown>('PUT', `/api/admin/catalog/${id(tier)}`, { body }),
    adminExperts: () =>
      request<{ experts: ExpertAdminView[] } | ExpertAdminView[]>('GET', '/api/admin/experts').then((r) =>
        Array.isArray(r) ? r : r.experts,
      ),
    updateExpert: (expertId: string, body: AdminUpdateExpertRequest) =>
      request<unknown>('PATCH', `/api/admin/experts/${id(expertId)}`, { body }),
  };
}

function unwrapUser(value: { user: User } | User): User {
  return 'user' in value ? value.user : value;
}

/** Endpoints answer the order itself or `{order}`: accept both. */
function unwrapOrder<T extends OrderView>(value: T | { order: T }): T {
  return 'order' in value && value.order && typeof value.order === 'object' ? value.order : (value as T);
}

export type ApiClient = ReturnType<typeof createApiClient>;
