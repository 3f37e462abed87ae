/** The contract's view of one refund. */
import type { RefundView } from '@lumira/shared';
import type { Refund } from './order';
export declare function toRefundView(refund: Refund): RefundView;
