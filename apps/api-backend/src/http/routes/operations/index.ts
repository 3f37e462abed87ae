/** Operations: liveness, readiness (database + payment provider) and Prometheus metrics. Not rate limited. */
import { Router } from 'express';
import type { AppContext } from '../../../context';
import { getHealth } from './get-health';
import { getMetrics } from './get-metrics';
import { getReady } from './get-ready';

export function createOperationsRouter(_ctx: AppContext): Router {
  const router = Router();
  router.get('/api/health', getHealth);
  router.get('/api/ready', getReady);
  router.get('/metrics', getMetrics);
  return router;
}
