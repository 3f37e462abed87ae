import { AppError, type RegisterRequest, TIER_IDS, type TierId, ZRegisterRequest } from '@lumira/shared';
import type { Db } from '../../data/db';
import { insertExpert } from '../../data/experts-repository';
import { newId } from '../../data/ids';
import { insertUser, type User } from '../../data/users-repository';
import { hashPassword } from './password';

export type CreateStaffAccountOptions = RegisterRequest &
  ({ role: 'admin' } | { role: 'expert'; tiers?: TierId[]; bio?: string });

/**
 * Creates an admin, or an expert with its public expert profile, in one transaction. This is how a
 * production deployment (no demo data) gets its first admin and its experts; self-registration only
 * ever creates customers.
 */
export async function createStaffAccount(db: Db, options: CreateStaffAccountOptions): Promise<User> {
  const parsed = ZRegisterRequest.safeParse({
    email: options.email,
    password: options.password,
    name: options.name,
  });
  if (!parsed.success) {
    throw new AppError(
      'VALIDATION_FAILED',
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  }
  const passwordHash = await hashPassword(parsed.data.password);
  return db.transaction().execute(async (trx) => {
    let expertId: string | null = null;
    if (options.role === 'expert') {
      const tiers = options.tiers ?? [...TIER_IDS];
      const expert = await insertExpert(trx, {
        id: newId(),
        name: parsed.data.name,
        bio: options.bio ?? '',
        tiers,
        active: true,
      });
      expertId = expert.id;
    }
    const user = await insertUser(trx, {
      email: parsed.data.email,
      name: parsed.data.name,
      role: options.role,
      passwordHash,
      expertId,
    });
    if (!user) throw new AppError('EMAIL_TAKEN', 'An account already exists with this email');
    return user;
  });
}
