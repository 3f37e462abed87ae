/**
 * /api/rooms/:orderId: the consultation room. Who may enter is decided by THE order access rules
 * (`getOrderForViewer`, through `viewersOf`): the owner's JWT or the order's access token (`?token=` or
 * `X-Order-Token`) make the customer, the assigned expert's JWT the expert, an admin's JWT a read-only
 * reader; anyone else gets 404. The SSE route also takes the JWT as `?access_token=`.
 */
import { ZObjectId, ZRoomAfter, ZRoomMessageRequest, ZRoomSignalRequest } from '@lumira/shared';
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../../context';
import { optionalAuth } from '../../auth';
import { sseAuth } from '../../sse';
import { validate } from '../../validate';
import { getRoomEvents } from './get-room-events';
import { getRoomView } from './get-room-view';
import { postRoomMessage } from './post-room-message';
import { postRoomSignal } from './post-room-signal';
import { postRoomTyping } from './post-room-typing';

const ZRoomParams = z.strictObject({ orderId: ZObjectId });
const ZToken = z.string().max(200).optional();
const ZRoomQuery = z.strictObject({ token: ZToken, after: ZRoomAfter });
const ZWriteQuery = z.strictObject({ token: ZToken });
const ZEventsQuery = z.strictObject({
  token: ZToken,
  access_token: z.string().max(4000).optional(),
  after: ZRoomAfter,
});
const ZEmptyBody = z.strictObject({}).optional();

export function createRoomsRouter(_ctx: AppContext): Router {
  const router = Router();
  const params = validate(ZRoomParams, 'params');
  router.get('/:orderId', optionalAuth, params, validate(ZRoomQuery, 'query'), getRoomView);
  router.get('/:orderId/events', sseAuth, params, validate(ZEventsQuery, 'query'), getRoomEvents);
  router.post(
    '/:orderId/messages',
    optionalAuth,
    params,
    validate(ZWriteQuery, 'query'),
    validate(ZRoomMessageRequest),
    postRoomMessage,
  );
  router.post(
    '/:orderId/typing',
    optionalAuth,
    params,
    validate(ZWriteQuery, 'query'),
    validate(ZEmptyBody),
    postRoomTyping,
  );
  router.post(
    '/:orderId/signal',
    optionalAuth,
    params,
    validate(ZWriteQuery, 'query'),
    validate(ZRoomSignalRequest),
    postRoomSignal,
  );
  return router;
}
