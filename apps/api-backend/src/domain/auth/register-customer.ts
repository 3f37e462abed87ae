/**
 * Self-registration of a customer, without user enumeration: the caller answers the same thing
 * whether the address was free or already had an account (see docs/decisions/0040).
 *
 * `created` queues the address-verification e-mail; `email_taken` queues, for the existing account,
 * "someone tried to create an account with your address" (with the links to log in and to reset the
 * password), at most one per address per REGISTRATION_NOTICE_WINDOW_MS whatever the number of attempts
 * (its idempotency key names the window), so the form cannot be used to flood an inbox. Both paths hash
 * the password first and write one outbox row, so they take the same time.
 */
import type { RegisterRequest } from '@lumira/shared';
import type { AppContext } from '../../context';
import { enqueueMail } from '../../data/mail-outbox-repository';
import { findUserByEmail, insertUser, type User } from '../../data/users-repository';
import { hashPassword } from './password';
import { assertPasswordAllowed } from './password-policy';

/** At most one "someone tried to register with your address" e-mail per address in this window. */
export const REGISTRATION_NOTICE_WINDOW_MS = 6 * 3600_000;

export type RegistrationOutcome =
  | { kind: 'created'; user: User }
  | { kind: 'email_taken'; existingUserId: string; email: string };

/** Creates a customer account (self-registration never grants another role). */
export async function registerCustomer(
  ctx: Pick<AppContext, 'db'>,
  input: RegisterRequest,
  now: Date = new Date(),
): Promise<RegistrationOutcome> {
  assertPasswordAllowed(input.password);
  const passwordHash = await hashPassword(input.password);
  // The account and its verification e-mail are written together (or neither is).
  return ctx.db.transaction().execute(async (trx): Promise<RegistrationOutcome> => {
    const user = await insertUser(trx, {
      email: input.email,
      name: input.name,
      role: 'customer',
      passwordHash,
    });
    if (user) {
      await enqueueMail(trx, {
        idempotencyKey: `user:${user.id}:email_verification`,
        kind: 'email_verification',
        recipient: user.email,
        userId: user.id,
      });
      return { kind: 'created', user };
    }
    const existing = await findUserByEmail(trx, input.email);
    if (existing) {
      const window = Math.floor(now.getTime() / REGISTRATION_NOTICE_WINDOW_MS);
      await enqueueMail(trx, {
        idempotencyKey: `user:${existing.id}:registration_attempt:${window}`,
        kind: 'registration_attempt',
        recipient: existing.email,
        userId: existing.id,
      });
    }
    return { kind: 'email_taken', existingUserId: existing?.id ?? '', email: input.email };
  });
}
