/** /api/legal: the seller details the legal pages are filled with (public). */
import { type Request, type Response, Router } from 'express';
import type { AppContext } from '../../../context';
import { getLegalInfo } from '../../../domain/legal/get-legal-info';

function getLegal(req: Request, res: Response): void {
  res.set('Cache-Control', 'public, max-age=300');
  res.json(getLegalInfo(req.ctx.config));
}

export function createLegalRouter(_ctx: AppContext): Router {
  const router = Router();
  router.get('/', getLegal);
  return router;
}
