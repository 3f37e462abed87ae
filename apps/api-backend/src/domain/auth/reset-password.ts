/**
 * POST /api/auth/password-reset/confirm {token, password}: the link's single-use token sets a new
 * password (same policy as registration). Following the link proves the address, so it is marked
 * verified and guest orders with it join the account. Other unused reset links are voided.
 */
import { AppError } from '@lumira/shared';
import type { AppContext } from '../../context';
import { consumeAccountToken, revokeAccountTokens } from '../../data/account-tokens-repository';
import { attachGuestOrders, markEmailVerified, setUserPassword } from '../../data/users-repository';
import { hashPassword } from './password';
import { assertPasswordAllowed } from './password-policy';

export async function resetPassword(
  ctx: Pick<AppContext, 'db'>,
  input: { token: string; password: string },
): Promise<void> {
  assertPasswordAllowed(input.password);
  const passwordHash = await hashPassword(input.password);
  await ctx.db.transaction().execute(async (trx) => {
    const owner = await consumeAccountToken(trx, input.token, 'reset_password');
    if (!owner) throw new AppError('LINK_INVALID_OR_EXPIRED', 'This link is not valid any more');
    await setUserPassword(trx, owner.userId, passwordHash);
    await revokeAccountTokens(trx, owner.userId, 'reset_password');
    if (await markEmailVerified(trx, owner.userId, owner.email)) {
      await attachGuestOrders(trx, owner.userId, owner.email);
    }
  });
}
