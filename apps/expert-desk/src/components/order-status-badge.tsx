import type { OrderStatus } from '@lumira/shared';
import { ORDER_STATUS_LABELS, statusTone } from '../lib/order-status-labels';

export function OrderStatusBadge(props: { status: OrderStatus }) {
  return (
    <span className={`badge badge-${statusTone(props.status)}`} data-status={props.status}>
      {ORDER_STATUS_LABELS[props.status] ?? props.status}
    </span>
  );
}
