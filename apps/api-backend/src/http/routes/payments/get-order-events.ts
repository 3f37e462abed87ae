import type { Request, Response } from 'express';
import { watchOrders } from '../../../domain/live/watch-orders';
import { getOrderForViewer } from '../../../domain/orders/get-order-for-viewer';
import { openEventStream } from '../../sse';
import { viewersOf } from './viewers';

/** SSE: `data: {type: 'order.updated', order}` now and at every change of this order. */
export async function getOrderEvents(req: Request, res: Response): Promise<void> {
  const { orderId } = req.valid.params as { orderId: string };
  const { role } = await getOrderForViewer(req.ctx.db, orderId, viewersOf(req));
  const stream = openEventStream(req, res);
  stream.onClose(
    watchOrders(req.ctx, { kind: 'order', orderId, role }, (order) =>
      stream.send({ type: 'order.updated', order }),
    ),
  );
  stream.ready();
}
