import type { Request, Response } from 'express';
import { getOrderForViewer } from '../../../domain/orders/get-order-for-viewer';
import { watchRoom } from '../../../domain/rooms/watch-room';
import { openEventStream } from '../../sse';
import { viewersOf } from '../payments/viewers';

/**
 * SSE: `room.state` now and at every change of the order, every transcript line after `?after=` (or the
 * browser's Last-Event-ID on an automatic reconnect) exactly once, presence, typing, and the WebRTC
 * signals addressed to this participant.
 */
export async function getRoomEvents(req: Request, res: Response): Promise<void> {
  const { orderId } = req.valid.params as { orderId: string };
  const { after } = req.valid.query as { after?: string };
  const lastEventId = req.get('last-event-id');
  const resumeFrom = [after, lastEventId && /^\d{1,18}$/.test(lastEventId) ? lastEventId : undefined]
    .filter((v): v is string => v !== undefined)
    .map(BigInt)
    .reduce<bigint | undefined>((max, v) => (max === undefined || v > max ? v : max), undefined);
  const { role } = await getOrderForViewer(req.ctx.db, orderId, viewersOf(req));
  const stream = openEventStream(req, res);
  stream.onClose(
    watchRoom(req.ctx, {
      orderId,
      role,
      ...(resumeFrom !== undefined ? { afterId: resumeFrom.toString() } : {}),
      send: (event, id) => stream.send(event, id),
    }),
  );
  stream.ready();
}
