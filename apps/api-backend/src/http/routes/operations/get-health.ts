import type { Request, Response } from 'express';

/** Liveness: the process answers HTTP. Says nothing about dependencies (that is /api/ready). */
export function getHealth(_req: Request, res: Response): void {
  res.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
}
