/** /api/admin (orders, refunds, payments overview, live stream): admin JWT on every route. */
import { ZAdminOrdersQuery, ZAdminRefundRequest, ZObjectId } from '@lumira/shared';
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../../context';
import { requireAuth } from '../../auth';
import { sseAuth } from '../../sse';
import { validate } from '../../validate';
import { getAdminEvents } from './get-admin-events';
import { getAdminOrder } from './get-admin-order';
import { getAdminOrders } from './get-admin-orders';
import { getPaymentsOverview } from './get-payments-overview';
import { postRefundOrder } from './post-refund-order';
import { postRetryRefund } from './post-retry-refund';

const ZOrderParams = z.strictObject({ orderId: ZObjectId });
const ZRefundParams = z.strictObject({ refundId: ZObjectId });
const ZOverviewQuery = z.strictObject({ days: z.coerce.number().int().min(1).max(366).optional() });
const ZEventsQuery = z.strictObject({ access_token: z.string().max(4000).optional() });

export function createAdminOrdersRouter(_ctx: AppContext): Router {
  const router = Router();
  const admin = requireAuth('admin');
  router.get('/orders', admin, validate(ZAdminOrdersQuery, 'query'), getAdminOrders);
  router.get('/orders/:orderId', admin, validate(ZOrderParams, 'params'), getAdminOrder);
  router.post(
    '/orders/:orderId/refund',
    admin,
    validate(ZOrderParams, 'params'),
    validate(ZAdminRefundRequest),
    postRefundOrder,
  );
  router.post('/refunds/:refundId/retry', admin, validate(ZRefundParams, 'params'), postRetryRefund);
  router.get('/payments/overview', admin, validate(ZOverviewQuery, 'query'), getPaymentsOverview);
  router.get('/events', sseAuth, validate(ZEventsQuery, 'query'), getAdminEvents);
  return router;
}
