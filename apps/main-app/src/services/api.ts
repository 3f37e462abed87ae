/** The one API client of the app, pointed at VITE_API_URL and carrying the customer's JWT. */
import { readSession, SESSION_EXPIRED_EVENT, writeSession } from '../auth/session-store';
import { config } from '../config';
import { createApiClient } from './api-client';

export const api = createApiClient({
  baseUrl: config.apiUrl,
  getAuthToken: () => readSession()?.token ?? null,
  onUnauthenticated: () => {
    writeSession(null);
    window.dispatchEvent(new Event(SESSION_EXPIRED_EVENT));
  },
});
