import type { AuthResponse, AuthUser } from '@lumira/shared';
import type { Config } from '../../config';
import type { User } from '../../data/users-repository';
import { issueToken } from './token';

export function toAuthUser(user: User): AuthUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    ...(user.expertId ? { expertId: user.expertId } : {}),
  };
}

export async function authResponseFor(config: Config, user: User): Promise<AuthResponse> {
  const token = await issueToken(config.jwt, {
    userId: user.id,
    role: user.role,
    ...(user.expertId ? { expertId: user.expertId } : {}),
  });
  return { token, user: toAuthUser(user) };
}
