import type { RoomMessageRequest } from '@lumira/shared';
import type { Request, Response } from 'express';
import { sendRoomMessage } from '../../../domain/rooms/send-room-message';
import { viewersOf } from '../payments/viewers';

/** 201 with the new line; 200 with the stored one when this clientMessageId was already sent. */
export async function postRoomMessage(req: Request, res: Response): Promise<void> {
  const { orderId } = req.valid.params as { orderId: string };
  const result = await sendRoomMessage(req.ctx, {
    orderId,
    viewers: viewersOf(req),
    request: req.valid.body as RoomMessageRequest,
  });
  res.status(result.created ? 201 : 200).json({ message: result.message });
}
