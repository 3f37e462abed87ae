import { formatMoney, type OrderView } from '@lumira/shared';
import { REFUND_STATUS_COPY } from '@lumira/web-kit';

/** The refunds of an order: total refunded (partial or full) and each refund with its state. */
export function OrderRefunds({ order }: { order: OrderView }) {
  if (order.refunds.length === 0 && order.refundedAmount === 0) return null;
  const money = (amount: number) => formatMoney({ amount, currency: order.currency });
  const isPartial = order.refundedAmount > 0 && order.refundedAmount < order.amount;
  return (
    <section className="refunds" aria-labelledby={`refunds-${order.id}`}>
      <h3 id={`refunds-${order.id}`}>Remboursement</h3>
      {order.refundedAmount > 0 ? (
        <p data-testid="refunded-amount">
          {isPartial
            ? `Remboursement partiel : ${money(order.refundedAmount)} sur ${money(order.amount)}.`
            : `Remboursement intégral : ${money(order.refundedAmount)}.`}
        </p>
      ) : null}
      <ul className="refund-list">
        {order.refunds.map((refund) => (
          <li key={refund.id} className={`refund refund-${refund.status}`}>
            {money(refund.amount)} : remboursement {REFUND_STATUS_COPY[refund.status].customer}
          </li>
        ))}
      </ul>
    </section>
  );
}
