import { AppError } from '@lumira/shared';
import type { Request } from 'express';

/** The signed-in expert's id (requireAuth('expert') ran before). */
export function expertIdOf(req: Request): string {
  const expertId = req.auth?.expertId;
  if (!expertId) throw new AppError('FORBIDDEN', 'This account is not linked to an expert');
  return expertId;
}
