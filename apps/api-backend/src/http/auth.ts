/**
 * Authentication middleware: `Authorization: Bearer <JWT>`.
 * - `optionalAuth`: sets `req.auth` when a valid token is present; no token -> anonymous; an INVALID
 *   token -> 401 (a client that sends a bad token should know, rather than silently act as a guest).
 * - `requireAuth(...roles)`: 401 without a valid token; 403 when the role is not one of `roles` (any
 *   role when none given).
 */
import { AppError, type Role } from '@lumira/shared';
import type { Request, RequestHandler } from 'express';
import { verifyToken } from '../domain/auth/token';

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
  req.auth = await verifyToken(req.ctx.config.jwt.secret, token);
}

export const optionalAuth: RequestHandler = async (req, _res, next) => {
  await authenticate(req);
  next();
};

export function requireAuth(...roles: Role[]): RequestHandler {
  return async (req, _res, next) => {
    await authenticate(req);
    if (!req.auth) throw new AppError('UNAUTHENTICATED', 'Authentication required');
    if (roles.length > 0 && !roles.includes(req.auth.role)) {
      throw new AppError('FORBIDDEN', 'Your role does not allow this action');
    }
    next();
  };
}
