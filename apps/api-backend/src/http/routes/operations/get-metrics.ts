import { timingSafeEqual } from 'node:crypto';
import { AppError } from '@lumira/shared';
import type { Request, Response } from 'express';

function hasToken(req: Request, expected: string): boolean {
  const given = Buffer.from(req.get('authorization') ?? '');
  const wanted = Buffer.from(`Bearer ${expected}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/**
 * Prometheus metrics; behind `Authorization: Bearer <METRICS_TOKEN>` when METRICS_TOKEN is set. In
 * production without METRICS_TOKEN the route is off (404): the business figures are never public.
 */
export async function getMetrics(req: Request, res: Response): Promise<void> {
  const { metricsToken, isProduction } = req.ctx.config;
  if (!metricsToken && isProduction) throw new AppError('NOT_FOUND', 'Not found');
  if (metricsToken && !hasToken(req, metricsToken)) {
    throw new AppError('UNAUTHENTICATED', 'Metrics require the metrics token');
  }
  const { registry } = req.ctx.metrics;
  res.setHeader('Content-Type', registry.contentType);
  res.send(await registry.metrics());
}
