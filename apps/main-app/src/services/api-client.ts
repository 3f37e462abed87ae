/**
 * The customer site's API client: every endpoint it calls on apps/api-backend, typed with the shared
 * contract (@lumira/shared), on the kit's HTTP core (@lumira/web-kit: JSON, JWT, one ApiError).
 */
import type {
  AuthResponse,
  CancelOrderResponse,
  CatalogResponse,
  ConfirmPaymentResponse,
  CreatePaymentIntentRequest,
  CreatePaymentIntentResponse,
  ExpertsResponse,
  LegalInfo,
  LoginRequest,
  OrderDocumentsResponse,
  OrdersPage,
  OrderView,
  PasswordResetConfirm,
  RegisterRequest,
  RegisterResponse,
  VerifyEmailResponse,
} from '@lumira/shared';
import { createHttpClient, type HttpClientOptions, pathId } from '@lumira/web-kit';

export type ApiClientOptions = HttpClientOptions;

export type ApiClient = ReturnType<typeof createApiClient>;

export function createApiClient(options: ApiClientOptions) {
  const { request, requestBlob, url } = createHttpClient(options);
  const orderTokenHeaders = (token?: string | null): Record<string, string> =>
    token ? { 'X-Order-Token': token } : {};

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
      request<OrderView>(`/api/payments/order/${pathId(orderId)}`, {
        headers: orderTokenHeaders(accessToken),
      }),

    listMyOrders: (page = 1) => request<OrdersPage>('/api/payments/orders', { query: { page } }),

    cancelOrder: (orderId: string, accessToken?: string | null) =>
      request<CancelOrderResponse>(`/api/payments/order/${pathId(orderId)}/cancel`, {
        method: 'POST',
        headers: orderTokenHeaders(accessToken),
      }),

    /** URL of the order's Server-Sent Events stream (EventSource cannot send headers: token in the query). */
    orderEventsUrl: (orderId: string, accessToken?: string | null) =>
      url(`/api/payments/order/${pathId(orderId)}/events`, { token: accessToken }),

    register: (body: RegisterRequest) =>
      request<RegisterResponse>('/api/auth/register', { method: 'POST', body, auth: false }),
    login: (body: LoginRequest) =>
      request<AuthResponse>('/api/auth/login', { method: 'POST', body, auth: false }),
    me: () => request<AuthResponse['user']>('/api/auth/me'),

    verifyEmail: (token: string) =>
      request<VerifyEmailResponse>('/api/auth/verify-email', {
        method: 'POST',
        body: { token },
        auth: false,
      }),
    requestPasswordReset: (email: string) =>
      request<{ accepted: true; message: string }>('/api/auth/password-reset/request', {
        method: 'POST',
        body: { email },
        auth: false,
      }),
    confirmPasswordReset: (body: PasswordResetConfirm) =>
      request<{ reset: true }>('/api/auth/password-reset/confirm', { method: 'POST', body, auth: false }),

    getLegalInfo: () => request<LegalInfo>('/api/legal', { auth: false }),

    listOrderDocuments: (orderId: string, accessToken?: string | null) =>
      request<OrderDocumentsResponse>(`/api/payments/order/${pathId(orderId)}/documents`, {
        headers: orderTokenHeaders(accessToken),
      }),

    /** The PDF of a facture / avoir (sent with the JWT or the order token, like the order itself). */
    fetchOrderDocument: (orderId: string, reference: string, accessToken?: string | null) =>
      requestBlob(`/api/payments/order/${pathId(orderId)}/documents/${pathId(reference)}`, {
        headers: orderTokenHeaders(accessToken),
      }),
  };
}
