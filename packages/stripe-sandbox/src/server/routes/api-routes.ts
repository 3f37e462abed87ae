import type { ApiRoute } from '../http/api-route';
import { balanceRoutes } from './balance-routes';
import { chargeRoutes } from './charge-routes';
import { customerRoutes } from './customer-routes';
import { eventRoutes } from './event-routes';
import { paymentIntentRoutes } from './payment-intent-routes';
import { paymentMethodRoutes } from './payment-method-routes';
import { refundRoutes } from './refund-routes';
import { setupIntentRoutes } from './setup-intent-routes';
import { tokenRoutes } from './token-routes';
import { webhookEndpointRoutes } from './webhook-endpoint-routes';

/** Every REST endpoint the sandbox serves (see README). */
export const API_ROUTES: readonly ApiRoute[] = [
  ...paymentIntentRoutes,
  ...paymentMethodRoutes,
  ...setupIntentRoutes,
  ...tokenRoutes,
  ...chargeRoutes,
  ...refundRoutes,
  ...customerRoutes,
  ...eventRoutes,
  ...webhookEndpointRoutes,
  ...balanceRoutes,
];
