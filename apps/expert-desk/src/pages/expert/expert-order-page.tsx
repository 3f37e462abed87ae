import { formatMoney, type OrderView, orderReference } from '@lumira/shared';
import { formatDateTimeShort, formatDuration, OrderStatusBadge, RoomPanel } from '@lumira/web-kit';
import '@lumira/web-kit/room.css';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { OrderHistory } from '../../components/order-history';
import { OrderLoadState } from '../../components/order-load-state';
import { firstName } from '../../lib/format';
import { useOrderPage } from '../../lib/use-order';
import type { ApiClient } from '../../services/api';
import { useExpertLive } from './expert-live-context';
import { SessionControls } from './session-controls';
import { SessionTimer } from './session-timer';

const loadDeskOrder = (api: ApiClient, orderId: string) => api.deskOrder(orderId);

/** One of my orders: who, what, how much, its history, and the session controls. */
export function ExpertOrderPage() {
  const { orderId, api, state, replace } = useOrderPage(loadDeskOrder);
  const live = useExpertLive();

  useEffect(
    () =>
      live.onOrder((order) => {
        if (order.id === orderId) replace(order);
      }),
    [live.onOrder, orderId, replace],
  );

  // opening the order answers its "new order" notification
  const { arrivals, dismissArrival } = live;
  useEffect(() => {
    for (const arrival of arrivals) if (arrival.order.id === orderId) dismissArrival(arrival.id);
  }, [arrivals, dismissArrival, orderId]);

  if (state.status !== 'ready')
    return <OrderLoadState state={state} backTo="/file" backLabel="Retour à ma file" />;
  const order = state.order;

  const onChanged = (updated: OrderView) => {
    replace(updated);
    live.applyOrder(updated);
  };

  return (
    <article className="order-page" aria-labelledby="order-title">
      <Link to="/file" className="back-link">
        ← Ma file
      </Link>
      <div className="page-head">
        <h1 id="order-title">
          {firstName(order.customerName)} · {order.tier.name}
        </h1>
        <OrderStatusBadge status={order.status} audience="staff" />
      </div>
      <div className="grid-two">
        <section className="panel" aria-label="Résumé de la commande">
          <dl className="facts">
            <dt>Client</dt>
            <dd data-testid="customer-first-name">{firstName(order.customerName)}</dd>
            <dt>Consultation</dt>
            <dd>{order.tier.name}</dd>
            <dt>Durée prévue</dt>
            <dd>{formatDuration(order.tier.durationMinutes)}</dd>
            <dt>Montant payé</dt>
            <dd className="amount">{formatMoney({ amount: order.amount, currency: order.currency })}</dd>
            {order.refundedAmount > 0 && (
              <>
                <dt>Remboursé</dt>
                <dd>{formatMoney({ amount: order.refundedAmount, currency: order.currency })}</dd>
              </>
            )}
            <dt>Payée le</dt>
            <dd>{formatDateTimeShort(order.paidAt)}</dd>
            {order.sessionStartedAt && (
              <>
                <dt>Séance démarrée</dt>
                <dd>{formatDateTimeShort(order.sessionStartedAt)}</dd>
              </>
            )}
            {order.sessionEndedAt && (
              <>
                <dt>Séance terminée</dt>
                <dd>{formatDateTimeShort(order.sessionEndedAt)}</dd>
              </>
            )}
            {'notes' in order && typeof order.notes === 'string' && order.notes && (
              <>
                <dt>Mes notes</dt>
                <dd className="notes">{order.notes}</dd>
              </>
            )}
            <dt>Référence</dt>
            <dd>
              <code>{orderReference(order.id)}</code>
            </dd>
          </dl>
        </section>
        <section className="panel" aria-label="Séance">
          {order.status === 'in_session' && order.sessionStartedAt && (
            <SessionTimer startedAt={order.sessionStartedAt} durationMinutes={order.tier.durationMinutes} />
          )}
          <SessionControls order={order} onChanged={onChanged} />
        </section>
      </div>
      {order.sessionStartedAt ? (
        <section className="panel" aria-labelledby="room-title">
          <h2 id="room-title">Salle de consultation</h2>
          <RoomPanel api={api.room} orderId={order.id} />
        </section>
      ) : order.status === 'paid' ? (
        <section className="panel" aria-labelledby="room-title">
          <h2 id="room-title">Salle de consultation</h2>
          <p className="muted">
            La salle s’ouvre pour vous et le client dès que vous démarrez la séance ; le client y est invité
            depuis sa page de commande.
          </p>
        </section>
      ) : null}
      <section className="panel" aria-labelledby="history-title">
        <h2 id="history-title">Historique</h2>
        <OrderHistory order={order} />
      </section>
    </article>
  );
}
