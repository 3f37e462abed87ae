import { type AdminUpdateExpertRequest, AppError, type ExpertPublic } from '@lumira/shared';
import type { AppContext } from '../../context';
import { updateExpert as updateExpertRow } from '../../data/experts-repository';
import { toExpertPublic } from './to-expert-public';

/** Activates/deactivates an expert or changes the tiers they offer (admin). Existing orders keep their expert. */
export async function updateExpert(
  ctx: Pick<AppContext, 'db' | 'logger'>,
  expertId: string,
  patch: AdminUpdateExpertRequest,
  actorUserId: string,
): Promise<ExpertPublic> {
  const expert = await updateExpertRow(ctx.db, expertId, patch);
  if (!expert) throw new AppError('EXPERT_NOT_FOUND', `No expert ${expertId}`);
  ctx.logger.info({ expertId, fields: Object.keys(patch), actorUserId }, 'expert updated');
  return toExpertPublic(expert);
}
