/** The one API client of the app, pointed at VITE_API_URL and carrying the customer's JWT. */

import { createHttpClient, createRoomApi, type HttpClientOptions, type RoomApi } from '@lumira/web-kit';
import { readSession, SESSION_EXPIRED_EVENT, writeSession } from '../auth/session-store';
import { config } from '../config';
import { createApiClient } from './api-client';

const options: HttpClientOptions = {
  baseUrl: config.apiUrl,
  getAuthToken: () => readSession()?.token ?? null,
  onUnauthenticated: () => {
    writeSession(null);
    window.dispatchEvent(new Event(SESSION_EXPIRED_EVENT));
  },
};

export const api = createApiClient(options);

const http = createHttpClient(options);

/** The consultation room's endpoints, as the order's access token holder or the signed-in owner. */
export function roomApiFor(orderToken: string | null): RoomApi {
  return createRoomApi(http, { orderToken, getJwt: () => readSession()?.token ?? null });
}
