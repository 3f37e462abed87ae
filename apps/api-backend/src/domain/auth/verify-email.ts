/**
 * POST /api/auth/verify-email {token}: the owner of the address followed the link we sent. The address
 * is marked verified and the orders placed without an account with that address join the account
 * ("Mes commandes" shows them), in one transaction. A used, expired or unknown token: 400.
 */
import { AppError, type VerifyEmailResponse } from '@lumira/shared';
import type { AppContext } from '../../context';
import { consumeAccountToken } from '../../data/account-tokens-repository';
import { attachGuestOrders, markEmailVerified } from '../../data/users-repository';

export async function verifyEmail(ctx: Pick<AppContext, 'db'>, token: string): Promise<VerifyEmailResponse> {
  return ctx.db.transaction().execute(async (trx) => {
    const owner = await consumeAccountToken(trx, token, 'verify_email');
    if (!owner || !(await markEmailVerified(trx, owner.userId, owner.email))) {
      throw new AppError('LINK_INVALID_OR_EXPIRED', 'This link is not valid any more');
    }
    const attachedOrders = await attachGuestOrders(trx, owner.userId, owner.email);
    return { verified: true as const, attachedOrders };
  });
}
