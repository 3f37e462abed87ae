import { timingSafeEqual } from 'node:crypto';
import { AppError } from '@lumira/shared';
import type { Request, Response } from 'express';

function hasToken(req: Request, expected: string): boolean {
  const given = Buffer.from(req.get('authorization') ?? '');
  const wanted = Buffer.from(`Bearer ${expected}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** Prometheus metrics; behind `Authorization: Bearer <METRICS_TOKEN>` when METRICS_TOKEN is set. */
export async function getMetrics(req: Request, res: Response): Promise<void> {
  const { metricsToken } = req.ctx.config;
  if (metricsToken && !hasToken(req, metricsToken)) {
    throw new AppError('UNAUTHENTICATED', 'Metrics require the metrics token');
  }
  const { registry } = req.ctx.metrics;
  res.setHeader('Content-Type', registry.contentType);
  res.send(await registry.metrics());
}
