import type { ServiceTier } from '@lumira/shared';
import type { AppContext } from '../../context';
import { listTiers } from '../../data/service-tiers-repository';

/** The public catalog: active tiers with their current prices. */
export function listCatalog(ctx: Pick<AppContext, 'db'>): Promise<ServiceTier[]> {
  return listTiers(ctx.db, { activeOnly: true });
}

/** Every tier, inactive ones included (admin view). */
export function listFullCatalog(ctx: Pick<AppContext, 'db'>): Promise<ServiceTier[]> {
  return listTiers(ctx.db);
}
