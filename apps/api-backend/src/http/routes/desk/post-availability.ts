import type { AvailabilityRequest } from '@lumira/shared';
import type { Request, Response } from 'express';
import { setAvailability } from '../../../domain/sessions/set-availability';
import { expertIdOf } from './expert-id';

export async function postAvailability(req: Request, res: Response): Promise<void> {
  const { online } = req.valid.body as AvailabilityRequest;
  res.json(await setAvailability(req.ctx, { expertId: expertIdOf(req), online }));
}
