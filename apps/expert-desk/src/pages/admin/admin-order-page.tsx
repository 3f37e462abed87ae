import type { AdminOrderView } from '@lumira/shared';
import { formatMoney } from '@lumira/shared';
import {
  formatDateTimeShort,
  formatDuration,
  OrderStatusBadge,
  REFUND_FAILURE_LABELS,
  REFUND_STATUS_COPY,
  RoomPanel,
  subscribeOrderEvents,
  useAction,
} from '@lumira/web-kit';
import '@lumira/web-kit/room.css';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { ErrorBanner } from '../../components/error-banner';
import { OrderHistory } from '../../components/order-history';
import { OrderLoadState } from '../../components/order-load-state';
import { REFUND_REASON_LABELS } from '../../lib/refund-proposal';
import { useOrderPage } from '../../lib/use-order';
import type { ApiClient } from '../../services/api';
import { AdminOrderDocuments } from './admin-order-documents';
import { RefundForm } from './refund-form';

const loadAdminOrder = (api: ApiClient, orderId: string) => api.adminOrder(orderId);

/** Everything about one order: history, PaymentIntent, refunds (retry a failed one), refund form. */
export function AdminOrderPage() {
  const { orderId, api, state, reload, replace } = useOrderPage(loadAdminOrder);
  const retry = useAction();

  // Live: refunds settle through the provider's webhook; the admin stream pushes the new state.
  useEffect(() => {
    const url = api.eventsUrl('/api/admin/events');
    if (!url || typeof EventSource === 'undefined') return;
    return subscribeOrderEvents(url, {
      onOrder: (order) => {
        if (order.id === orderId) replace(order as AdminOrderView);
      },
      onOpen: () => void reload(),
    });
  }, [api, orderId, replace, reload]);

  if (state.status !== 'ready') {
    return (
      <OrderLoadState
        state={state}
        backTo="/admin/commandes"
        backLabel="Toutes les commandes"
        onRetry={() => void reload()}
      />
    );
  }
  const order = state.order;
  const eur = (amount: number) => formatMoney({ amount, currency: order.currency });
  const paidStatuses = [
    'completed',
    'interrupted',
    'no_show_customer',
    'no_show_expert',
    'cancelled',
    'paid',
    'partially_refunded',
  ];
  const canRefund = order.paidAt !== null && paidStatuses.includes(order.status);

  return (
    <article className="order-page" aria-labelledby="order-title">
      <Link to="/admin/commandes" className="back-link">
        ← Toutes les commandes
      </Link>
      <div className="page-head">
        <h1 id="order-title">
          Commande <code className="order-id">{order.id}</code>
        </h1>
        <OrderStatusBadge status={order.status} audience="staff" />
      </div>
      <div className="grid-two">
        <section className="panel" aria-label="Détails">
          <dl className="facts">
            <dt>Client</dt>
            <dd>
              {order.customerName ?? '—'}
              <br />
              <span className="muted">{order.customerEmail}</span>
            </dd>
            <dt>Expert</dt>
            <dd>{order.expert.name}</dd>
            <dt>Consultation</dt>
            <dd>
              {order.tier.name} · {formatDuration(order.tier.durationMinutes)}
            </dd>
            <dt>Montant payé</dt>
            <dd className="amount">{eur(order.amount)}</dd>
            <dt>Remboursé</dt>
            <dd data-testid="refunded-amount">{eur(order.refundedAmount)}</dd>
            <dt>PaymentIntent</dt>
            <dd>
              <code data-testid="payment-intent-id">{order.paymentIntentId ?? '—'}</code>
            </dd>
            <dt>Créée le</dt>
            <dd>{formatDateTimeShort(order.createdAt)}</dd>
            <dt>Payée le</dt>
            <dd>{formatDateTimeShort(order.paidAt)}</dd>
            <dt>Séance</dt>
            <dd>
              {order.sessionStartedAt
                ? `${formatDateTimeShort(order.sessionStartedAt)} → ${formatDateTimeShort(order.sessionEndedAt)}`
                : '—'}
            </dd>
            {order.notes && (
              <>
                <dt>Notes de l’expert</dt>
                <dd className="notes">{order.notes}</dd>
              </>
            )}
            {order.refundPolicyVersion && (
              <>
                <dt>Politique</dt>
                <dd>
                  <code>{order.refundPolicyVersion}</code>
                </dd>
              </>
            )}
          </dl>
        </section>
        <section className="panel" aria-labelledby="refunds-title">
          <h2 id="refunds-title">Remboursements</h2>
          <ErrorBanner message={retry.error} />
          {order.refunds.length === 0 ? (
            <p className="muted">Aucun remboursement.</p>
          ) : (
            <ul className="refunds" data-testid="refunds">
              {order.refunds.map((r) => (
                <li key={r.id} className={`refund refund-${r.status}`} data-refund-status={r.status}>
                  <span className="amount">{eur(r.amount)}</span>
                  <span
                    className={`badge badge-${r.status === 'failed' ? 'danger' : r.status === 'pending' ? 'warning' : 'success'}`}
                  >
                    {REFUND_STATUS_COPY[r.status].staff}
                  </span>
                  <span className="refund-reason">
                    {REFUND_REASON_LABELS[r.reason as keyof typeof REFUND_REASON_LABELS] ?? r.reason}
                  </span>
                  <time className="muted" dateTime={r.createdAt}>
                    {formatDateTimeShort(r.createdAt)}
                  </time>
                  {r.failureReason && (
                    <span className="refund-failure">
                      Motif de l’échec : {REFUND_FAILURE_LABELS[r.failureReason] ?? r.failureReason}
                    </span>
                  )}
                  {r.status === 'failed' && r.retryable === false && (
                    <span className="muted">Déjà relancé</span>
                  )}
                  {r.status === 'failed' && r.retryable !== false && (
                    <button
                      type="button"
                      className="button button-small"
                      disabled={retry.busy}
                      onClick={async () => {
                        if ((await retry.run(() => api.retryRefund(r.id))) !== undefined) await reload();
                      }}
                      data-testid="refund-retry"
                    >
                      Relancer
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {canRefund ? (
            <RefundForm order={order} onDone={() => void reload()} />
          ) : (
            order.status === 'in_session' && (
              <p className="muted">La séance est en cours : remboursement possible après la fin.</p>
            )
          )}
        </section>
      </div>
      <AdminOrderDocuments orderId={order.id} />
      {order.sessionStartedAt ? (
        <section className="panel" aria-labelledby="room-title">
          <h2 id="room-title">Salle de consultation (lecture seule)</h2>
          <RoomPanel api={api.room} orderId={order.id} />
        </section>
      ) : null}
      <section className="panel" aria-labelledby="history-title">
        <h2 id="history-title">Historique complet</h2>
        <OrderHistory order={order} />
      </section>
    </article>
  );
}
