import { orderReference } from '@lumira/shared';

/** The order's reference as a fact of a `<dl>` (the same full id on every page and in the e-mails). */
export function OrderReferenceFact({ orderId }: { orderId: string }) {
  return (
    <div>
      <dt>Référence</dt>
      <dd className="mono" data-testid="order-reference">
        {orderReference(orderId)}
      </dd>
    </div>
  );
}
