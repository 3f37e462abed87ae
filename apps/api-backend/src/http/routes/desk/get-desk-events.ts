import { AppError } from '@lumira/shared';
import type { Request, Response } from 'express';
import { watchOrders } from '../../../domain/live/watch-orders';
import { openEventStream } from '../../sse';
import { expertIdOf } from './expert-id';

/** SSE: every change to one of the signed-in expert's orders (JWT via header or `?access_token=`). */
export async function getDeskEvents(req: Request, res: Response): Promise<void> {
  if (!req.auth) throw new AppError('UNAUTHENTICATED', 'Authentication required');
  if (req.auth.role !== 'expert') throw new AppError('FORBIDDEN', 'Experts only');
  const expertId = expertIdOf(req);
  const stream = openEventStream(req, res);
  stream.onClose(
    watchOrders(req.ctx, { kind: 'expert', expertId }, (order) =>
      stream.send({ type: 'order.updated', order }),
    ),
  );
  stream.ready();
}
