import type { OrderStatus } from '@lumira/shared';
import { statusCopy } from '../lib/order-status-copy';

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const copy = statusCopy(status);
  return (
    <span className={`badge badge-${copy.tone}`} data-status={status}>
      {copy.label}
    </span>
  );
}
