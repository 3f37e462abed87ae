import { AppError } from '@lumira/shared';
import type { Request, Response } from 'express';
import { watchOrders } from '../../../domain/live/watch-orders';
import { openEventStream } from '../../sse';

/** SSE: every order change (admins; JWT via header or `?access_token=`). */
export async function getAdminEvents(req: Request, res: Response): Promise<void> {
  if (!req.auth) throw new AppError('UNAUTHENTICATED', 'Authentication required');
  if (req.auth.role !== 'admin') throw new AppError('FORBIDDEN', 'Admins only');
  const stream = openEventStream(req, res);
  stream.onClose(
    watchOrders(req.ctx, { kind: 'admin' }, (order) => stream.send({ type: 'order.updated', order })),
  );
  stream.ready();
}
