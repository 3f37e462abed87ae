import { AppError, type AuthResponse, type RegisterRequest } from '@lumira/shared';
import type { AppContext } from '../../context';
import { insertUser } from '../../data/users-repository';
import { authResponseFor } from './auth-response';
import { hashPassword } from './password';

/** Creates a customer account (self-registration never grants another role) and signs it in. */
export async function registerCustomer(
  ctx: Pick<AppContext, 'db' | 'config'>,
  input: RegisterRequest,
): Promise<AuthResponse> {
  const passwordHash = await hashPassword(input.password);
  const user = await insertUser(ctx.db, {
    email: input.email,
    name: input.name,
    role: 'customer',
    passwordHash,
  });
  if (!user) throw new AppError('EMAIL_TAKEN', 'An account already exists with this email');
  return authResponseFor(ctx.config, user);
}
