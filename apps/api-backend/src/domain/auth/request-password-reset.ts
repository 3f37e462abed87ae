/**
 * POST /api/auth/password-reset/request {email}: always the same 202, at once, whether the address has
 * an account or not (no enumeration in the answer or its timing): the lookup and the e-mail are queued
 * after the answer. A new link voids the older unused ones when it is sent.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context';
import { enqueueMail } from '../../data/mail-outbox-repository';
import { findUserByEmail } from '../../data/users-repository';

export function requestPasswordReset(ctx: Pick<AppContext, 'db' | 'logger'>, email: string): void {
  setImmediate(() => {
    void (async () => {
      const user = await findUserByEmail(ctx.db, email);
      if (!user) return;
      await enqueueMail(ctx.db, {
        idempotencyKey: `user:${user.id}:password_reset:${randomUUID()}`,
        kind: 'password_reset',
        recipient: user.email,
        userId: user.id,
      });
    })().catch((error: unknown) =>
      ctx.logger.error({ err: error }, 'queueing a password reset e-mail failed'),
    );
  });
}
