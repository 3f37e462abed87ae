import type { Request, Response } from 'express';
import { getPaymentsOverview as getOverview } from '../../../domain/payments/get-payments-overview';

export async function getPaymentsOverview(req: Request, res: Response): Promise<void> {
  res.json(await getOverview(req.ctx, req.valid.query as { days?: number }));
}
