/**
 * What the HTTP layer adds to Express requests.
 */

import type { AppContext } from '../context';
import type { TokenClaims } from '../domain/auth/token';
import type { Logger } from '../observability/logger';

/** The verified JWT's claims (`domain/auth/token.ts`). */
export type AuthInfo = TokenClaims;

declare global {
  namespace Express {
    interface Request {
      /** The API instance's context (set first thing by the app). */
      ctx: AppContext;
      /** The request id (incoming X-Request-Id when well-formed, else generated); echoed in X-Request-Id. */
      requestId: string;
      /** The API's logger bound to this request: its id, method and URL on every line (http/request-log.ts). */
      log: Logger;
      /** Set by `optionalAuth` / `requireAuth` from a valid JWT. */
      auth?: AuthInfo;
      /** Parsed, validated inputs (set by `validate`). */
      valid: { body?: unknown; query?: unknown; params?: unknown };
    }
  }
}
