/**
 * What the HTTP layer adds to Express requests.
 */

import type { Role } from '@lumira/shared';
import type { AppContext } from '../context';

export type AuthInfo = { userId: string; role: Role; expertId?: string };

declare global {
  namespace Express {
    interface Request {
      /** The API instance's context (set first thing by the app). */
      ctx: AppContext;
      /** The request id (incoming X-Request-Id when well-formed, else generated); echoed in X-Request-Id. */
      requestId: string;
      /** Set by `optionalAuth` / `requireAuth` from a valid JWT. */
      auth?: AuthInfo;
      /** Parsed, validated inputs (set by `validate`). */
      valid: { body?: unknown; query?: unknown; params?: unknown };
    }
  }
}
