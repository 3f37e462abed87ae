import type { OrderStatus } from '@lumira/shared';
import { type StatusAudience, statusLabel } from './order-status-copy';

/** A status pill: the audience's wording, coloured by its tone (`.badge-<tone>`). */
export function OrderStatusBadge({ status, audience }: { status: OrderStatus; audience: StatusAudience }) {
  const { label, tone } = statusLabel(status, audience);
  return (
    <span className={`badge badge-${tone}`} data-status={status}>
      {label}
    </span>
  );
}
