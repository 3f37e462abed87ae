import type { Request, Response } from 'express';
import { checkReadiness } from '../../../domain/operations/check-readiness';

/** Readiness: 200 when the database and the payment provider answer, else 503 NOT_READY. */
export async function getReady(req: Request, res: Response): Promise<void> {
  res.json(await checkReadiness(req.ctx));
}
