/** /api/experts (public): active experts with their tiers and online flag. */
import { Router } from 'express';
import type { AppContext } from '../../../context';
import { getExperts } from './get-experts';

export function createExpertsRouter(_ctx: AppContext): Router {
  const router = Router();
  router.get('/', getExperts);
  return router;
}
