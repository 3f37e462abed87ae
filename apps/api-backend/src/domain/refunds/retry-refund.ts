/**
 * POST /api/admin/refunds/:refundId/retry: a FAILED refund is retried as a NEW refund (new id, so a new
 * idempotency key `refund:<newId>`: the provider would replay the failed one for the old key), linked by
 * `retry_of`. Only once per failed refund (checked under the order lock, and by a unique index).
 */
import { AppError } from '@lumira/shared';
import { findRefundById, hasRetry } from '../../data/refunds-repository';
import type { PaymentsContext } from '../payments/payments-context';
import { type IssueRefundResult, issueRefund } from './issue-refund';

export async function retryRefund(
  ctx: PaymentsContext,
  input: { refundId: string; adminUserId: string },
): Promise<IssueRefundResult> {
  const failed = await findRefundById(ctx.db, input.refundId);
  if (!failed) throw new AppError('NOT_FOUND', 'Refund not found');
  return issueRefund(ctx, {
    orderId: failed.orderId,
    cause: 'admin',
    requestedBy: input.adminUserId,
    retryOf: failed.id,
    guard: async (_order, trx) => {
      const current = await findRefundById(trx, failed.id);
      if (current?.status !== 'failed') throw new AppError('CONFLICT', 'Only a failed refund can be retried');
      if (await hasRetry(trx, failed.id)) throw new AppError('CONFLICT', 'This refund was already retried');
    },
    decide: () => ({ amount: failed.amount.amount, reason: failed.reason }),
  });
}
