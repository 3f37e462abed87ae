/**
 * Authentication middleware: `Authorization: Bearer <JWT>`.
 * - `optionalAuth`: sets `req.auth` when a valid token is present; no token, or an invalid/expired one,
 *   -> anonymous (never more rights than a guest), with a `WWW-Authenticate: Bearer error="invalid_token"`
 *   hint so the client can drop its stale token. A guest checkout or an order read with its access
 *   token must not fail because an old session token lingers in the browser.
 * - `requireAuth(...roles)`: 401 without a valid token; 403 when the role is not one of `roles` (any
 *   role when none given).
 */
import { AppError, type Role } from '@lumira/shared';
import type { Request, RequestHandler } from 'express';
import { type TokenClaims, verifyToken } from '../domain/auth/token';

function bearerToken(req: Request): string | null {
  const header = req.get('authorization');
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new AppError('UNAUTHENTICATED', 'Authorization header must be "Bearer <token>"');
  return match[1]!;
}

async function authenticate(req: Request): Promise<void> {
  const token = bearerToken(req);
  if (token === null) return;
  req.auth = await verifySession(req, token);
}

/**
 * The claims of a valid session token. A staff token (admin, expert) is also checked against the account
 * on every request: the user must still exist with the same role (and expert), and an expert's profile
 * must still be active, so deactivating or demoting a staff member ends their sessions at once.
 */
export async function verifySession(req: Request, token: string): Promise<TokenClaims> {
  const claims = await verifyToken(req.ctx.config.jwt.secret, token);
  if (claims.role === 'customer') return claims;
  const account = await req.ctx.db
    .selectFrom('users')
    .leftJoin('experts', 'experts.id', 'users.expert_id')
    .select(['users.role', 'users.expert_id', 'experts.active'])
    .where('users.id', '=', claims.userId)
    .executeTakeFirst();
  const valid =
    account !== undefined &&
    account.role === claims.role &&
    (claims.role !== 'expert' ||
      (account.expert_id === (claims.expertId ?? null) && account.active === true));
  if (!valid) throw new AppError('UNAUTHENTICATED', 'This session is no longer valid');
  return claims;
}

export const optionalAuth: RequestHandler = async (req, res, next) => {
  try {
    await authenticate(req);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'UNAUTHENTICATED') throw error;
    req.auth = undefined;
    res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
    req.log?.debug({ requestId: req.requestId }, 'invalid session token ignored (anonymous request)');
  }
  next();
};

export function requireAuth(...roles: Role[]): RequestHandler {
  return async (req, res, next) => {
    try {
      await authenticate(req);
    } catch (error) {
      res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw error;
    }
    if (!req.auth) throw new AppError('UNAUTHENTICATED', 'Authentication required');
    if (roles.length > 0 && !roles.includes(req.auth.role)) {
      throw new AppError('FORBIDDEN', 'Your role does not allow this action');
    }
    next();
  };
}
