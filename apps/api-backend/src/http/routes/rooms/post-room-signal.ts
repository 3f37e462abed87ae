import type { RoomSignalRequest } from '@lumira/shared';
import type { Request, Response } from 'express';
import { sendRoomSignal } from '../../../domain/rooms/send-room-signal';
import { viewersOf } from '../payments/viewers';

export async function postRoomSignal(req: Request, res: Response): Promise<void> {
  const { orderId } = req.valid.params as { orderId: string };
  await sendRoomSignal(req.ctx, {
    orderId,
    viewers: viewersOf(req),
    signal: req.valid.body as RoomSignalRequest,
  });
  res.status(202).json({ relayed: true });
}
