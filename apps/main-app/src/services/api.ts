/** The one API client of the app, pointed at VITE_API_URL and carrying the customer's JWT. */
import { readSession } from '../auth/session-store';
import { config } from '../config';
import { createApiClient } from './stripe';

export const api = createApiClient({
  baseUrl: config.apiUrl,
  getAuthToken: () => readSession()?.token ?? null,
});
