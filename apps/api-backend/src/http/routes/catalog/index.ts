/** /api/catalog (public). */
import { Router } from 'express';
import type { AppContext } from '../../../context';
import { getCatalog } from './get-catalog';

export function createCatalogRouter(_ctx: AppContext): Router {
  const router = Router();
  router.get('/', getCatalog);
  return router;
}
