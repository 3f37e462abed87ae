import { AppError, type AuthUser } from '@lumira/shared';
import type { AppContext } from '../../context';
import { findUserById } from '../../data/users-repository';
import type { AuthInfo } from '../../http/request-context';
import { toAuthUser } from './auth-response';

/** The signed-in user as stored now (a token for a deleted account is no longer a session). */
export async function getCurrentUser(ctx: Pick<AppContext, 'db'>, auth: AuthInfo): Promise<AuthUser> {
  const user = await findUserById(ctx.db, auth.userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 'This account no longer exists');
  return toAuthUser(user);
}
