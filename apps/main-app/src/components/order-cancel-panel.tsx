import { formatMoney, type OrderView, type RefundView } from '@lumira/shared';
import { useId, useRef, useState } from 'react';
import { api } from '../services/api';
import { ErrorNotice } from './error-notice';

export type OrderCancelPanelProps = {
  order: OrderView;
  /** the order's access token (guest); the customer's JWT is used otherwise */
  accessToken?: string | null;
  onCancelled(order: OrderView, refund: RefundView | null): void;
};

/** Cancel an order before its session starts, after showing the refund the policy gives. */
export function OrderCancelPanel({ order, accessToken, onCancelled }: OrderCancelPanelProps) {
  const ids = useId();
  const [step, setStep] = useState<'idle' | 'confirming' | 'cancelling'>('idle');
  const [error, setError] = useState<unknown>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  if (!order.cancellation.allowed) return null;

  const refund = { amount: order.cancellation.refundAmount, currency: order.currency };
  const isFull = order.cancellation.refundAmount >= order.amount - order.refundedAmount;
  const refundText =
    order.cancellation.refundAmount === 0
      ? 'Aucun remboursement ne sera effectué.'
      : `Vous serez remboursé de ${formatMoney(refund)}${isFull ? ' (remboursement intégral)' : ''} sur votre carte.`;

  async function cancel() {
    setStep('cancelling');
    setError(null);
    try {
      const result = await api.cancelOrder(order.id, accessToken);
      onCancelled(result.order, result.refund);
      setStep('idle');
    } catch (e) {
      setError(e);
      setStep('confirming');
    }
  }

  if (step === 'idle') {
    return (
      <div className="cancel-panel">
        <button
          type="button"
          ref={openRef}
          className="button button-ghost"
          onClick={() => {
            setStep('confirming');
            window.setTimeout(() => confirmRef.current?.focus(), 0);
          }}
          data-testid={`cancel-order-${order.id}`}
        >
          Annuler la commande
        </button>
      </div>
    );
  }

  return (
    <section className="cancel-panel cancel-confirm" aria-labelledby={`${ids}-title`}>
      <p className="cancel-title" id={`${ids}-title`}>
        Annuler cette commande ?
      </p>
      <p data-testid="cancel-refund-preview">{refundText}</p>
      {error ? <ErrorNotice error={error} /> : null}
      <div className="button-row">
        <button
          type="button"
          ref={confirmRef}
          className="button button-danger"
          onClick={cancel}
          disabled={step === 'cancelling'}
          aria-busy={step === 'cancelling'}
          data-testid="confirm-cancel"
        >
          {step === 'cancelling' ? 'Annulation…' : 'Confirmer l’annulation'}
        </button>
        <button
          type="button"
          className="button button-ghost"
          onClick={() => {
            setStep('idle');
            window.setTimeout(() => openRef.current?.focus(), 0);
          }}
          disabled={step === 'cancelling'}
        >
          Garder ma commande
        </button>
      </div>
    </section>
  );
}
