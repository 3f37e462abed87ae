import { AppError, type AuthResponse, type LoginRequest } from '@lumira/shared';
import type { AppContext } from '../../context';
import { findUserByEmail, withoutPassword } from '../../data/users-repository';
import { authResponseFor } from './auth-response';
import { dummyPasswordHash, verifyPassword } from './password';

/** Checks email + password; the same error (and about the same time) whether the email exists or not. */
export async function logIn(
  ctx: Pick<AppContext, 'db' | 'config'>,
  input: LoginRequest,
): Promise<AuthResponse> {
  const user = await findUserByEmail(ctx.db, input.email);
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !ok) throw new AppError('INVALID_CREDENTIALS', 'Wrong email or password');
  return authResponseFor(ctx.config, withoutPassword(user));
}
