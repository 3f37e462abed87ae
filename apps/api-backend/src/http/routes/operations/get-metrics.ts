import type { Request, Response } from 'express';

export async function getMetrics(req: Request, res: Response): Promise<void> {
  const { registry } = req.ctx.metrics;
  res.setHeader('Content-Type', registry.contentType);
  res.send(await registry.metrics());
}
