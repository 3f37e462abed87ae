/** /api/desk: the expert's live-session desk (expert JWT; an expert only ever sees their own orders). */
import {
  ZAvailabilityRequest,
  ZDeskOrdersQuery,
  ZEndSessionRequest,
  ZNoShowRequest,
  ZObjectId,
} from '@lumira/shared';
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../../context';
import { requireAuth } from '../../auth';
import { sseAuth } from '../../sse';
import { validate } from '../../validate';
import { getDeskEvents } from './get-desk-events';
import { getDeskOrder } from './get-desk-order';
import { getDeskOrders } from './get-desk-orders';
import { getEarnings } from './get-earnings';
import { postAvailability } from './post-availability';
import { postEndSession } from './post-end-session';
import { postNoShow } from './post-no-show';
import { postStartSession } from './post-start-session';

const ZOrderParams = z.strictObject({ orderId: ZObjectId });
const ZEmptyBody = z.strictObject({}).optional();
/** `days`: the window of `byDay` (default 31). */
const ZEarningsQuery = z.strictObject({ days: z.coerce.number().int().min(1).max(366).optional() });
const ZEventsQuery = z.strictObject({ access_token: z.string().max(4000).optional() });

export function createDeskRouter(_ctx: AppContext): Router {
  const router = Router();
  const expert = requireAuth('expert');
  const params = validate(ZOrderParams, 'params');
  router.get('/orders', expert, validate(ZDeskOrdersQuery, 'query'), getDeskOrders);
  router.get('/orders/:orderId', expert, params, getDeskOrder);
  router.post('/orders/:orderId/start', expert, params, validate(ZEmptyBody), postStartSession);
  router.post('/orders/:orderId/end', expert, params, validate(ZEndSessionRequest), postEndSession);
  router.post('/orders/:orderId/no-show', expert, params, validate(ZNoShowRequest), postNoShow);
  router.post('/availability', expert, validate(ZAvailabilityRequest), postAvailability);
  router.put('/availability', expert, validate(ZAvailabilityRequest), postAvailability);
  router.get('/earnings', expert, validate(ZEarningsQuery, 'query'), getEarnings);
  router.get('/events', sseAuth, validate(ZEventsQuery, 'query'), getDeskEvents);
  return router;
}
