/**
 * The service catalog (tiers and their current prices). Orders copy a tier's price, duration and name
 * when they are created (a priced snapshot), so changing a price here never changes an existing order.
 */
import { isTierId, type ServiceTier, type TierId } from '@lumira/shared';
import type { Db } from './db';
import type { ServiceTierRow } from './schema';

export function toTier(row: ServiceTierRow): ServiceTier {
  if (!isTierId(row.id)) throw new Error(`Unknown tier id in the catalog: ${row.id}`);
  return {
    id: row.id,
    name: row.name,
    price: { amount: row.price_amount, currency: row.currency },
    durationMinutes: row.duration_minutes,
    features: Array.isArray(row.features) ? row.features.map(String) : [],
    active: row.active,
  };
}

export async function listTiers(db: Db, options: { activeOnly?: boolean } = {}): Promise<ServiceTier[]> {
  let query = db.selectFrom('service_tiers').selectAll();
  if (options.activeOnly) query = query.where('active', '=', true);
  const rows = await query.orderBy('sort_order').orderBy('id').execute();
  return rows.map(toTier);
}

export type TierPatch = Partial<
  Pick<ServiceTier, 'name' | 'price' | 'durationMinutes' | 'features' | 'active'>
>;

export async function updateTier(db: Db, id: TierId, patch: TierPatch): Promise<ServiceTier | null> {
  const row = await db
    .updateTable('service_tiers')
    .set({
      ...(patch.name === undefined ? {} : { name: patch.name }),
      ...(patch.price === undefined
        ? {}
        : { price_amount: patch.price.amount, currency: patch.price.currency }),
      ...(patch.durationMinutes === undefined ? {} : { duration_minutes: patch.durationMinutes }),
      ...(patch.features === undefined ? {} : { features: JSON.stringify(patch.features) }),
      ...(patch.active === undefined ? {} : { active: patch.active }),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? toTier(row) : null;
}

/** Inserts the tiers that are missing (existing tiers, possibly edited by an admin, are left alone). */
export async function seedTiers(db: Db, tiers: readonly ServiceTier[]): Promise<number> {
  if (tiers.length === 0) return 0;
  const inserted = await db
    .insertInto('service_tiers')
    .values(
      tiers.map((tier, index) => ({
        id: tier.id,
        name: tier.name,
        price_amount: tier.price.amount,
        currency: tier.price.currency,
        duration_minutes: tier.durationMinutes,
        features: JSON.stringify(tier.features),
        active: tier.active,
        sort_order: index,
      })),
    )
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}
