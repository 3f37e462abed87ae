/**
 * /api/admin/payment-anomalies: PaymentIntents that named one of our orders but could not pay it (wrong
 * amount or currency, or not the order's own), newest first, with what was done (the automatic refund).
 * Admin JWT.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../../context';
import { listRecentPaymentAnomalies } from '../../../data/payment-anomalies-repository';
import { requireAuth } from '../../auth';
import { validate } from '../../validate';

const ZAnomaliesQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).optional() });

export function createAdminAnomaliesRouter(_ctx: AppContext): Router {
  const router = Router();
  router.get('/', requireAuth('admin'), validate(ZAnomaliesQuery, 'query'), async (req, res) => {
    const { limit } = req.valid.query as { limit?: number };
    res.json({ anomalies: await listRecentPaymentAnomalies(req.ctx.db, limit ?? 200) });
  });
  return router;
}
