import { formatMoney, orderReference } from '@lumira/shared';
import { formatDateTimeShort, formatDuration, OrderStatusBadge, useDocumentTitle } from '@lumira/web-kit';
import { Link } from 'react-router-dom';
import { ErrorBanner } from '../../components/error-banner';
import { firstName } from '../../lib/format';
import { useExpertLive } from './expert-live-context';

const CONNECTION_LABELS = {
  connecting: 'Connexion au direct…',
  live: 'En direct',
  reconnecting: 'Reconnexion…',
} as const;

/** "Ma file": paid orders assigned to me, the running session first, then oldest first. */
export function QueuePage() {
  useDocumentTitle('Ma file');
  const live = useExpertLive();
  return (
    <section aria-labelledby="queue-title">
      <div className="page-head">
        <h1 id="queue-title">Ma file</h1>
        <span className={`live-indicator live-${live.connection}`} data-testid="live-indicator">
          <span className="live-dot" aria-hidden="true" />
          {CONNECTION_LABELS[live.connection]}
        </span>
      </div>
      <p className="lead">
        Les commandes payées qui vous sont attribuées, la plus ancienne en premier. La liste se met à jour
        toute seule.
      </p>
      <ErrorBanner message={live.error} onRetry={() => void live.refresh()} />
      {live.loading ? (
        <p aria-busy="true">Chargement de la file…</p>
      ) : live.queue.length === 0 ? (
        <div className="empty-state">
          <p>Aucune commande en attente.</p>
          <p className="muted">Restez en ligne : les nouvelles commandes apparaîtront ici.</p>
        </div>
      ) : (
        <ul className="queue" data-testid="queue">
          {live.queue.map((order, index) => (
            <li key={order.id} className={`queue-card ${order.status === 'in_session' ? 'is-running' : ''}`}>
              <Link
                to={`/commandes/${order.id}`}
                className="queue-link"
                data-testid="queue-item"
                data-order-id={order.id}
              >
                <span className="queue-rank" aria-hidden="true">
                  {order.status === 'in_session' ? '▶' : index + 1}
                </span>
                <span className="queue-main">
                  <span className="queue-title">
                    {firstName(order.customerName)} · {order.tier.name}
                  </span>
                  <span className="muted">
                    {formatDuration(order.tier.durationMinutes)} · payée le{' '}
                    {formatDateTimeShort(order.paidAt)} · {orderReference(order.id)}
                  </span>
                </span>
                <span className="queue-side">
                  <span className="amount">
                    {formatMoney({ amount: order.amount, currency: order.currency })}
                  </span>
                  <OrderStatusBadge status={order.status} audience="staff" />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {!live.loading && live.hasOlder && (
        <p className="queue-more">
          <button type="button" className="button button-ghost" onClick={() => void live.loadOlder()}>
            Afficher les commandes payées plus anciennes
          </button>
        </p>
      )}
    </section>
  );
}
