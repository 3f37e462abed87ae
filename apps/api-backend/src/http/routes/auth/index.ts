/**
 * /api/auth: register, login, me, e-mail verification, password reset. Register and login share the
 * strict "auth" rate limit; the e-mail link endpoints share "account-links".
 */
import {
  ZLoginRequest,
  ZPasswordResetConfirm,
  ZPasswordResetRequest,
  ZRegisterRequest,
  ZVerifyEmailRequest,
} from '@lumira/shared';
import { Router } from 'express';
import type { AppContext } from '../../../context';
import { requireAuth } from '../../auth';
import { validate } from '../../validate';
import { getMe } from './get-me';
import { postLogin } from './post-login';
import { postPasswordResetConfirm } from './post-password-reset-confirm';
import { postPasswordResetRequest } from './post-password-reset-request';
import { postRegister } from './post-register';
import { postVerifyEmail } from './post-verify-email';

export function createAuthRouter(ctx: AppContext): Router {
  const router = Router();
  const strict = ctx.rateLimiters.strict('auth');
  router.post('/register', strict, validate(ZRegisterRequest), postRegister);
  router.post('/login', strict, validate(ZLoginRequest), postLogin);
  router.get('/me', requireAuth(), getMe);
  // E-mail links: verification, "mot de passe oublié" (rate-limited like login).
  const links = ctx.rateLimiters.strict('account-links');
  router.post('/verify-email', links, validate(ZVerifyEmailRequest), postVerifyEmail);
  router.post('/password-reset/request', links, validate(ZPasswordResetRequest), postPasswordResetRequest);
  router.post('/password-reset/confirm', links, validate(ZPasswordResetConfirm), postPasswordResetConfirm);
  return router;
}
