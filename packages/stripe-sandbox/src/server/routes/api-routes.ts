import type { ApiRoute } from '../http/api-route';
import { paymentIntentRoutes } from './payment-intent-routes';
import { paymentMethodRoutes } from './payment-method-routes';

/** Every REST endpoint the sandbox serves (see README). */
export const API_ROUTES: readonly ApiRoute[] = [...paymentIntentRoutes, ...paymentMethodRoutes];
