/**
 * Self-registration of a customer, without user enumeration: the caller answers the same thing
 * whether the address was free or already had an account (see docs/decisions/0040).
 *
 * The outcome is returned to the caller so that the e-mail path can act on it: `created` is where an
 * address-verification e-mail belongs, `email_taken` where the "someone tried to register with your
 * address" e-mail to the existing account belongs. Both paths hash the password first, so they take
 * the same time.
 */
import type { RegisterRequest } from '@lumira/shared';
import type { AppContext } from '../../context';
import { enqueueMail } from '../../data/mail-outbox-repository';
import { findUserByEmail, insertUser, type User } from '../../data/users-repository';
import { hashPassword } from './password';
import { assertPasswordAllowed } from './password-policy';

export type RegistrationOutcome =
  | { kind: 'created'; user: User }
  | { kind: 'email_taken'; existingUserId: string; email: string };

/** Creates a customer account (self-registration never grants another role). */
export async function registerCustomer(
  ctx: Pick<AppContext, 'db'>,
  input: RegisterRequest,
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
    return { kind: 'email_taken', existingUserId: existing?.id ?? '', email: input.email };
  });
}
