/** The contract's view of one refund. */
import type { RefundView } from '@lumira/shared';
import type { Refund } from './order';

export function toRefundView(refund: Refund): RefundView {
  return {
    id: refund.id,
    amount: refund.amount.amount,
    status: refund.status,
    reason: refund.reason,
    createdAt: refund.createdAt.toISOString(),
  };
}
