/** /api/admin/experts (admin): every expert; activate/deactivate and change offered tiers. */
import { ZAdminUpdateExpertRequest, ZObjectId } from '@lumira/shared';
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../../context';
import { requireAuth } from '../../auth';
import { validate } from '../../validate';
import { getAdminExperts } from './get-admin-experts';
import { patchExpert } from './patch-expert';

export const ZExpertParams = z.strictObject({ id: ZObjectId });

export function createAdminExpertsRouter(_ctx: AppContext): Router {
  const router = Router();
  router.use(requireAuth('admin'));
  router.get('/', getAdminExperts);
  router.patch('/:id', validate(ZExpertParams, 'params'), validate(ZAdminUpdateExpertRequest), patchExpert);
  return router;
}
