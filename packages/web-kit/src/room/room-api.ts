/**
 * The consultation room's endpoints (`/api/rooms/:orderId`), on the kit's HTTP core. The customer is
 * identified by the order's access token (guest) or their JWT, the expert and admins by their JWT: the
 * API applies the order's access rules to decide the role.
 */
import type { RoomMessage, RoomMessageRequest, RoomSignalRequest, RoomView } from '@lumira/shared';
import { type HttpClient, pathId } from '../http-client';

export type RoomApi = {
  getRoom(orderId: string, afterId?: string): Promise<RoomView>;
  sendMessage(orderId: string, body: RoomMessageRequest): Promise<{ message: RoomMessage }>;
  typing(orderId: string): Promise<void>;
  signal(orderId: string, signal: RoomSignalRequest): Promise<void>;
  /** URL of the room's event stream (EventSource cannot send headers: credentials in the query). */
  eventsUrl(orderId: string, afterId?: string): string;
};

export function createRoomApi(
  http: Pick<HttpClient, 'request' | 'url'>,
  credentials: { orderToken?: string | null; getJwt?: () => string | null | undefined },
): RoomApi {
  const headers = (): Record<string, string> =>
    credentials.orderToken ? { 'X-Order-Token': credentials.orderToken } : {};
  const base = (orderId: string) => `/api/rooms/${pathId(orderId)}`;
  return {
    getRoom: (orderId, afterId) =>
      http.request<RoomView>(base(orderId), { headers: headers(), query: { after: afterId } }),
    sendMessage: (orderId, body) =>
      http.request<{ message: RoomMessage }>(`${base(orderId)}/messages`, {
        method: 'POST',
        body,
        headers: headers(),
      }),
    typing: async (orderId) => {
      await http.request<void>(`${base(orderId)}/typing`, { method: 'POST', headers: headers() });
    },
    signal: async (orderId, signal) => {
      await http.request<unknown>(`${base(orderId)}/signal`, {
        method: 'POST',
        body: signal,
        headers: headers(),
      });
    },
    eventsUrl: (orderId, afterId) =>
      http.url(`${base(orderId)}/events`, {
        token: credentials.orderToken ?? undefined,
        access_token: credentials.orderToken ? undefined : (credentials.getJwt?.() ?? undefined),
        after: afterId,
      }),
  };
}
