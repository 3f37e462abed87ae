/**
 * The desk's API client: every endpoint the desk calls, typed with the shared contract
 * (@lumira/shared), on the kit's HTTP core (@lumira/web-kit: JSON, JWT, one ApiError). Pages never
 * call fetch themselves.
 */
import type {
  AdminExpertResponse,
  AdminExpertsResponse,
  AdminOrdersQuery,
  AdminOrderView,
  AdminRefundRequest,
  AdminRefundResponse,
  AdminUpdateExpertRequest,
  AuthResponse,
  AvailabilityResponse,
  CatalogResponse,
  DeskOrdersResponse,
  EarningsResponse,
  EndSessionRequest,
  ExpertsResponse,
  NoShowRequest,
  OrderRefundResponse,
  OrderResponse,
  OrderStatus,
  OrdersKeysetPage,
  OrderView,
  PaymentsOverview,
  TierId,
  TierResponse,
  UpdateTierRequest,
} from '@lumira/shared';
import { createHttpClient, createRoomApi, type HttpClientOptions, pathId, type Query } from '@lumira/web-kit';
import { createAdminAnomaliesApi } from './admin-anomalies-api';
import { createAdminMailApi } from './admin-mail-api';

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
  const { request, requestBlob, url } = createHttpClient({
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
    /** The consultation room (the expert's, or an admin's read-only view), with the desk's JWT. */
    room: createRoomApi({ request, url }, { getJwt: () => tokens.get() }),
    logout: () => tokens.set(null),
    ...createAdminMailApi({ request, requestBlob }),
    ...createAdminAnomaliesApi({ request }),

    async login(email: string, password: string): Promise<AuthResponse> {
      const result = await request<AuthResponse>('/api/auth/login', {
        method: 'POST',
        body: { email, password },
        auth: false,
      });
      tokens.set(result.token);
      return result;
    },
    me: () => request<User>('/api/auth/me'),

    // Experts
    /** One page of the expert's orders, newest first; pass the previous page's `nextCursor` for more. */
    deskOrders: (query: { status?: OrderStatus; cursor?: string; pageSize?: number } = {}) =>
      request<DeskOrdersResponse>('/api/desk/orders', { query }),
    deskOrder: (orderId: string) => request<OrderView>(`/api/desk/orders/${id(orderId)}`),
    startSession: (orderId: string) =>
      request<OrderResponse>(`/api/desk/orders/${id(orderId)}/start`, { method: 'POST', body: {} }).then(
        (r) => r.order,
      ),
    endSession: (orderId: string, body: EndSessionRequest) =>
      request<OrderResponse>(`/api/desk/orders/${id(orderId)}/end`, { method: 'POST', body }).then(
        (r) => r.order,
      ),
    markNoShow: (orderId: string, body: NoShowRequest) =>
      request<OrderRefundResponse>(`/api/desk/orders/${id(orderId)}/no-show`, { method: 'POST', body }).then(
        (r) => r.order,
      ),
    setAvailability: (online: boolean) =>
      request<AvailabilityResponse>('/api/desk/availability', { method: 'POST', body: { online } }),
    earnings: () => request<EarningsResponse>('/api/desk/earnings'),

    // Admins
    adminOrders: (query: AdminOrdersQuery) =>
      request<OrdersKeysetPage>('/api/admin/orders', { query: query as Query }),
    adminOrder: (orderId: string) => request<AdminOrderView>(`/api/admin/orders/${id(orderId)}`),
    refundOrder: (orderId: string, body: AdminRefundRequest) =>
      request<AdminRefundResponse>(`/api/admin/orders/${id(orderId)}/refund`, { method: 'POST', body }),
    retryRefund: (refundId: string) =>
      request<AdminRefundResponse>(`/api/admin/refunds/${id(refundId)}/retry`, { method: 'POST', body: {} }),
    /** the last `days` days (UTC), default chosen by the API */
    paymentsOverview: (query: { days?: number } = {}) =>
      request<PaymentsOverview>('/api/admin/payments/overview', { query }),
    publicExperts: () => request<ExpertsResponse>('/api/experts', { auth: false }).then((r) => r.experts),
    catalog: () => request<CatalogResponse>('/api/catalog', { auth: false }),
    /** every tier, inactive ones included */
    adminCatalog: () => request<CatalogResponse>('/api/admin/catalog'),
    updateTier: (tier: TierId, body: UpdateTierRequest) =>
      request<TierResponse>(`/api/admin/catalog/${id(tier)}`, { method: 'PUT', body }),
    adminExperts: () => request<AdminExpertsResponse>('/api/admin/experts').then((r) => r.experts),
    updateExpert: (expertId: string, body: AdminUpdateExpertRequest) =>
      request<AdminExpertResponse>(`/api/admin/experts/${id(expertId)}`, { method: 'PATCH', body }),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
