/**
 * Operations: liveness, readiness (database + payment provider, Redis reported) and Prometheus metrics.
 * Readiness shares the general rate limit (each call may reach the database and, now and then, the provider).
 */
import { Router } from 'express';
import type { AppContext } from '../../../context';
import { getHealth } from './get-health';
import { getMetrics } from './get-metrics';
import { getReady } from './get-ready';

export function createOperationsRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/api/health', getHealth);
  router.get('/api/ready', ctx.rateLimiters.general, getReady);
  router.get('/metrics', getMetrics);
  return router;
}
