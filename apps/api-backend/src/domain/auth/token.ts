/**
 * Session tokens: JWT signed with HS256 and JWT_SECRET, valid for JWT_EXPIRES_IN. Verification accepts
 * ONLY HS256 with our key, issuer and audience: `alg: none`, other algorithms, other keys, expired or
 * malformed tokens are all rejected (UNAUTHENTICATED).
 */
import { AppError, ROLES, type Role } from '@lumira/shared';
import { jwtVerify, SignJWT } from 'jose';

export const JWT_ISSUER = 'lumira-api';
export const JWT_AUDIENCE = 'lumira';

export type TokenClaims = { userId: string; role: Role; expertId?: string };
export type JwtSettings = { secret: string; expiresInSeconds: number };

const keyCache = new Map<string, Uint8Array>();
function keyOf(secret: string): Uint8Array {
  let key = keyCache.get(secret);
  if (!key) {
    key = new TextEncoder().encode(secret);
    keyCache.set(secret, key);
  }
  return key;
}

export async function issueToken(
  settings: JwtSettings,
  claims: TokenClaims,
  now = new Date(),
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ role: claims.role, ...(claims.expertId ? { expertId: claims.expertId } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(JWT_ISSUER)
    .setAudience(JWT_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + settings.expiresInSeconds)
    .sign(keyOf(settings.secret));
}

/** The claims of a valid token, or throws AppError(UNAUTHENTICATED). */
export async function verifyToken(secret: string, token: string): Promise<TokenClaims> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      algorithms: ['HS256'],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      requiredClaims: ['sub', 'exp'],
    });
    const role = payload.role;
    if (typeof payload.sub !== 'string' || !(ROLES as readonly unknown[]).includes(role)) {
      throw new Error('bad claims');
    }
    const expertId = typeof payload.expertId === 'string' ? payload.expertId : undefined;
    return { userId: payload.sub, role: role as Role, ...(expertId ? { expertId } : {}) };
  } catch {
    throw new AppError('UNAUTHENTICATED', 'Invalid or expired session token');
  }
}
