import { AppError, type ServiceTier, type TierId, type UpdateTierRequest } from '@lumira/shared';
import type { AppContext } from '../../context';
import { updateTier as updateTierRow } from '../../data/service-tiers-repository';

/**
 * Changes a tier (admin). New prices apply to NEW orders only: every order stores a priced snapshot
 * (amount, currency, duration, name) taken when it was created.
 */
export async function updateTier(
  ctx: Pick<AppContext, 'db' | 'logger'>,
  tierId: TierId,
  patch: UpdateTierRequest,
  actorUserId: string,
): Promise<ServiceTier> {
  const tier = await updateTierRow(ctx.db, tierId, patch);
  if (!tier) throw new AppError('NOT_FOUND', `No tier ${tierId}`);
  ctx.logger.info({ tierId, fields: Object.keys(patch), actorUserId }, 'catalog tier updated');
  return tier;
}
