import type { Request, Response } from 'express';
import { getRoom } from '../../../domain/rooms/get-room';
import { viewersOf } from '../payments/viewers';

/** The room's state and transcript (`?after=<id>`: only the lines after that one). */
export async function getRoomView(req: Request, res: Response): Promise<void> {
  const { orderId } = req.valid.params as { orderId: string };
  const { after } = req.valid.query as { after?: string };
  res.json(
    await getRoom(req.ctx, { orderId, viewers: viewersOf(req), ...(after ? { afterId: after } : {}) }),
  );
}
