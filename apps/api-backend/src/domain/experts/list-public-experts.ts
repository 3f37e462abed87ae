import type { ExpertPublic } from '@lumira/shared';
import type { AppContext } from '../../context';
import { listExperts } from '../../data/experts-repository';
import { findExpertLoginEmails } from '../../data/users-repository';
import { toExpertPublic } from './to-expert-public';

/** Bookable experts (active only), with the tiers they offer and whether they are online now. */
export async function listPublicExperts(ctx: Pick<AppContext, 'db'>): Promise<ExpertPublic[]> {
  const experts = await listExperts(ctx.db, { activeOnly: true });
  return experts.map(toExpertPublic);
}

/** Every expert, inactive ones included, with the email of their desk login when they have one (admin view). */
export async function listAllExperts(
  ctx: Pick<AppContext, 'db'>,
): Promise<(ExpertPublic & { email?: string })[]> {
  const [experts, emails] = await Promise.all([listExperts(ctx.db), findExpertLoginEmails(ctx.db)]);
  return experts.map((expert) => {
    const email = emails.get(expert.id);
    return { ...toExpertPublic(expert), ...(email ? { email } : {}) };
  });
}
