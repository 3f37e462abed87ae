/**
 * Experts: who gives the consultations, which tiers they offer, whether they are active (bookable)
 * and online (available right now, set from the desk).
 */
import { isTierId, type TierId } from '@lumira/shared';
import type { Db } from './db';
import type { ExpertRow } from './schema';

export type Expert = {
  id: string;
  name: string;
  bio: string;
  tiers: TierId[];
  active: boolean;
  online: boolean;
  createdAt: Date;
  updatedAt: Date;
};

function toExpert(row: ExpertRow): Expert {
  return {
    id: row.id,
    name: row.name,
    bio: row.bio,
    tiers: row.tiers.filter(isTierId),
    active: row.active,
    online: row.online,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listExperts(db: Db, options: { activeOnly?: boolean } = {}): Promise<Expert[]> {
  let query = db.selectFrom('experts').selectAll();
  if (options.activeOnly) query = query.where('active', '=', true);
  const rows = await query.orderBy('name').orderBy('id').execute();
  return rows.map(toExpert);
}

export async function findExpertById(db: Db, id: string): Promise<Expert | null> {
  const row = await db.selectFrom('experts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toExpert(row) : null;
}

export type NewExpert = {
  id: string;
  name: string;
  bio?: string;
  tiers: TierId[];
  active?: boolean;
  online?: boolean;
};

export async function insertExpert(db: Db, expert: NewExpert): Promise<Expert> {
  const row = await db
    .insertInto('experts')
    .values({
      id: expert.id,
      name: expert.name,
      bio: expert.bio ?? '',
      tiers: expert.tiers,
      active: expert.active ?? true,
      online: expert.online ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toExpert(row);
}

export type ExpertPatch = {
  active?: boolean;
  tiers?: TierId[];
  online?: boolean;
  name?: string;
  bio?: string;
};

/** Applies a partial update; answers the updated expert, or null when it does not exist. */
export async function updateExpert(db: Db, id: string, patch: ExpertPatch): Promise<Expert | null> {
  const row = await db
    .updateTable('experts')
    .set({
      ...(patch.active === undefined ? {} : { active: patch.active }),
      ...(patch.tiers === undefined ? {} : { tiers: [...new Set(patch.tiers)] }),
      ...(patch.online === undefined ? {} : { online: patch.online }),
      ...(patch.name === undefined ? {} : { name: patch.name }),
      ...(patch.bio === undefined ? {} : { bio: patch.bio }),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? toExpert(row) : null;
}

/** Sets the desk availability flag (POST /api/desk/availability). */
export function setExpertOnline(db: Db, id: string, online: boolean): Promise<Expert | null> {
  return updateExpert(db, id, { online });
}
