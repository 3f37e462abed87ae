import type { Request, Response } from 'express';
import { sendTyping } from '../../../domain/rooms/send-typing';
import { viewersOf } from '../payments/viewers';

export async function postRoomTyping(req: Request, res: Response): Promise<void> {
  const { orderId } = req.valid.params as { orderId: string };
  await sendTyping(req.ctx, { orderId, viewers: viewersOf(req) });
  res.status(204).end();
}
