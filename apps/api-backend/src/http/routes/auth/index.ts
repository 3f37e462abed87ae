/** /api/auth: register, login, me. Register and login share the strict "auth" rate limit. */
import { ZLoginRequest, ZRegisterRequest } from '@lumira/shared';
import { Router } from 'express';
import type { AppContext } from '../../../context';
import { requireAuth } from '../../auth';
import { validate } from '../../validate';
import { getMe } from './get-me';
import { postLogin } from './post-login';
import { postRegister } from './post-register';

export function createAuthRouter(ctx: AppContext): Router {
  const router = Router();
  const strict = ctx.rateLimiters.strict('auth');
  router.post('/register', strict, validate(ZRegisterRequest), postRegister);
  router.post('/login', strict, validate(ZLoginRequest), postLogin);
  router.get('/me', requireAuth(), getMe);
  return router;
}
