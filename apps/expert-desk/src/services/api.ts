/**
 * The desk's API client: every endpoint the desk calls, typed with the shared contract
 * (@lumira/shared), on the kit's HTTP core (@lumira/web-kit: JSON, JWT, one ApiError). Pages never
 * call fetch themselves.
 */
import type {
  AdminOrdersQuery,
  AdminOrderView,
  AdminRefundRequest,
  AdminUpdateExpertRequest,
  AuthResponse,
  AvailabilityResponse,
  CatalogResponse,
  EarningsResponse,
  EndSessionRequest,
  ExpertAdminView,
  ExpertsResponse,
  NoShowRequest,
  OrderStatus,
  OrdersPage,
  OrderView,
  PaymentsOverview,
  TierId,
  UpdateTierRequest,
} from '@lumira/shared';
import { createHttpClient, type HttpClientOptions, pathId, type Query } from '@lumira/web-kit';

export type User = AuthResponse['user'];

export type TokenStore = { get(): string | null; set(token: string | null): void };

const TOKEN_KEY = 'lumira.desk.token';

export const localTokenStore: TokenStore = {
  get: () => globalThis.localStorage?.getItem(TOKEN_KEY) ?? null,
  set: (token) => {
    if (token === null) globalThis.localStorage?.removeItem(TOKEN_KEY);
    else globalThis.localStorage?.setItem(TOKEN_KEY, token);
  },
};

export type ApiClientOptions = Pick<HttpClientOptions, 'baseUrl' | 'fetch'> & {
  tokens?: TokenStore;
  /** Called when the API refuses the token of an authenticated call (expired or revoked). */
  onUnauthorized?: () => void;
};

export function createApiClient(options: ApiClientOptions) {
  const tokens = options.tokens ?? localTokenStore;
  const { request, url } = createHttpClient({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    getAuthToken: () => tokens.get(),
    onUnauthenticated: () => {
      tokens.set(null);
      options.onUnauthorized?.();
    },
  });
  const id = pathId;

  return {
    /** For SSE: EventSource cannot send headers, so the JWT travels as ?access_token=. */
    eventsUrl(path: string): string | null {
      const token = tokens.get();
      return token ? url(path, { access_token: token }) : null;
    },
    hasToken: () => tokens.get() !== null,
    logout: () => tokens.set(null),

    async login(email: string, password: string): Promise<AuthResponse> {
      const result = await request<AuthResponse>('/api/auth/login', {
        method: 'POST',
        body: { email, password },
        auth: false,
      });
      tokens.set(result.token);
      return result;
    },
    me: () => request<{ user: User } | User>('/api/auth/me').then(unwrapUser),

    // Experts
    deskOrders: (status?: OrderStatus | OrderStatus[]) =>
      request<OrdersPage | { orders: OrderView[] }>('/api/desk/orders', {
        query: { status: Array.isArray(status) ? status.join(',') : status },
      }).then((page) => page.orders),
    deskOrder: (orderId: string) => request<OrderView>(`/api/desk/orders/${id(orderId)}`).then(unwrapOrder),
    startSession: (orderId: string) =>
      request<OrderView>(`/api/desk/orders/${id(orderId)}/start`, { method: 'POST', body: {} }).then(
        unwrapOrder,
      ),
    endSession: (orderId: string, body: EndSessionRequest) =>
      request<OrderView>(`/api/desk/orders/${id(orderId)}/end`, { method: 'POST', body }).then(unwrapOrder),
    markNoShow: (orderId: string, body: NoShowRequest) =>
      request<OrderView>(`/api/desk/orders/${id(orderId)}/no-show`, { method: 'POST', body }).then(
        unwrapOrder,
      ),
    setAvailability: (online: boolean) =>
      request<AvailabilityResponse>('/api/desk/availability', { method: 'POST', body: { online } }),
    earnings: () => request<EarningsResponse>('/api/desk/earnings'),

    // Admins
    adminOrders: (query: AdminOrdersQuery) =>
      request<OrdersPage>('/api/admin/orders', { query: query as Query }),
    adminOrder: (orderId: string) =>
      request<AdminOrderView>(`/api/admin/orders/${id(orderId)}`).then(unwrapOrder),
    refundOrder: (orderId: string, body: AdminRefundRequest) =>
      request<unknown>(`/api/admin/orders/${id(orderId)}/refund`, { method: 'POST', body }),
    retryRefund: (refundId: string) =>
      request<unknown>(`/api/admin/refunds/${id(refundId)}/retry`, { method: 'POST', body: {} }),
    /** the last `days` days (UTC), default chosen by the API */
    paymentsOverview: (query: { days?: number } = {}) =>
      request<PaymentsOverview>('/api/admin/payments/overview', { query }),
    publicExperts: () => request<ExpertsResponse>('/api/experts', { auth: false }).then((r) => r.experts),
    catalog: () => request<CatalogResponse>('/api/catalog', { auth: false }),
    /** every tier, inactive ones included */
    adminCatalog: () => request<CatalogResponse>('/api/admin/catalog'),
    updateTier: (tier: TierId, body: UpdateTierRequest) =>
      request<unknown>(`/api/admin/catalog/${id(tier)}`, { method: 'PUT', body }),
    adminExperts: () =>
      request<{ experts: ExpertAdminView[] } | ExpertAdminView[]>('/api/admin/experts').then((r) =>
        Array.isArray(r) ? r : r.experts,
      ),
    updateExpert: (expertId: string, body: AdminUpdateExpertRequest) =>
      request<unknown>(`/api/admin/experts/${id(expertId)}`, { method: 'PATCH', body }),
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
