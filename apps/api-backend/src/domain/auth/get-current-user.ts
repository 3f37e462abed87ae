import { AppError, type AuthUser } from '@lumira/shared';
import type { AppContext } from '../../context';
import { findUserById } from '../../data/users-repository';
import { toAuthUser } from './auth-response';
import type { TokenClaims } from './token';

/** The signed-in user as stored now (a token for a deleted account is no longer a session). */
export async function getCurrentUser(
  ctx: Pick<AppContext, 'db'>,
  auth: Pick<TokenClaims, 'userId'>,
): Promise<AuthUser> {
  const user = await findUserById(ctx.db, auth.userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 'This account no longer exists');
  return toAuthUser(user);
}
