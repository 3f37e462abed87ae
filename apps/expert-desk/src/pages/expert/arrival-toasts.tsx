import { formatMoney } from '@lumira/shared';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { firstName } from '../../lib/format';
import { useExpertLive } from './expert-live-context';

const TOAST_MS = 15_000;

/** "Nouvelle commande payée" notices, announced to screen readers, closing by themselves. */
export function ArrivalToasts() {
  const live = useExpertLive();
  const { arrivals, dismissArrival } = live;

  useEffect(() => {
    if (arrivals.length === 0) return;
    const timers = arrivals.map((a) => setTimeout(() => dismissArrival(a.id), TOAST_MS));
    return () => timers.forEach(clearTimeout);
  }, [arrivals, dismissArrival]);

  return (
    <div className="toasts" aria-live="polite" aria-atomic="false">
      {arrivals.map(({ id, order }) => (
        <div key={id} className="toast" role="status" data-testid="arrival-toast">
          <span className="toast-icon" aria-hidden="true">
            ✦
          </span>
          <div>
            <strong>Nouvelle commande payée</strong>
            <p>
              {order.tier.name} · {firstName(order.customerName)} ·{' '}
              {formatMoney({ amount: order.amount, currency: order.currency })}
            </p>
            <Link to={`/commandes/${order.id}`} onClick={() => dismissArrival(id)}>
              Ouvrir la commande
            </Link>
          </div>
          <button
            type="button"
            className="toast-close"
            aria-label="Fermer la notification"
            onClick={() => dismissArrival(id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
