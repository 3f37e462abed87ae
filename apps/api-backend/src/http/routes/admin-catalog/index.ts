/** /api/admin/catalog (admin): the full catalog and tier changes (new prices apply to new orders only). */
import { ZText, ZUpdateTierRequest } from '@lumira/shared';
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../../context';
import { requireAuth } from '../../auth';
import { validate } from '../../validate';
import { getAdminCatalog } from './get-admin-catalog';
import { putTier } from './put-tier';

export const ZTierParams = z.strictObject({ tier: ZText({ min: 1, max: 32 }) });

export function createAdminCatalogRouter(_ctx: AppContext): Router {
  const router = Router();
  router.use(requireAuth('admin'));
  router.get('/', getAdminCatalog);
  router.put('/:tier', validate(ZTierParams, 'params'), validate(ZUpdateTierRequest), putTier);
  router.patch('/:tier', validate(ZTierParams, 'params'), validate(ZUpdateTierRequest), putTier);
  return router;
}
