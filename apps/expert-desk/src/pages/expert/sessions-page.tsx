import { type EarningsResponse, formatMoney, type OrderView, orderReference } from '@lumira/shared';
import {
  errorMessage,
  formatDateTimeShort,
  formatMonth,
  OrderStatusBadge,
  useDocumentTitle,
} from '@lumira/web-kit';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useApi } from '../../auth/auth-context';
import { ErrorBanner } from '../../components/error-banner';
import { earningsByMonth } from '../../lib/earnings-by-month';
import { firstName } from '../../lib/format';
import { isInQueue } from '../../lib/order-queue';
import { type SessionFigures, sessionFigures } from '../../lib/session-figures';

/** The largest page the desk list accepts: the figures read every page of the expert's orders. */
const SESSIONS_PAGE_SIZE = 100;

/** Orders that were paid and left the queue: the sessions to list. */
function pastSessions(list: OrderView[]): OrderView[] {
  return list.filter((o) => !isInQueue(o) && o.paidAt !== null);
}

/**
 * "Mes séances": past sessions (newest first) and earnings by month. The figures count every order of
 * the expert, so every page of the keyset-paginated list is read before they are shown.
 */
export function SessionsPage() {
  useDocumentTitle('Mes séances');
  const api = useApi();
  const [orders, setOrders] = useState<OrderView[] | null>(null);
  const [figures, setFigures] = useState<SessionFigures | null>(null);
  const [earnings, setEarnings] = useState<EarningsResponse | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const allOrders = async (): Promise<OrderView[]> => {
      const all: OrderView[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.deskOrders({ pageSize: SESSIONS_PAGE_SIZE, ...(cursor ? { cursor } : {}) });
        all.push(...page.orders);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && !cancelled);
      return all;
    };
    Promise.all([allOrders(), api.earnings()])
      .then(([list, money]) => {
        if (cancelled) return;
        setOrders(pastSessions(list));
        setFigures(sessionFigures(list));
        setEarnings(money);
      })
      .catch((err) => !cancelled && setError(errorMessage(err)));
    return () => {
      cancelled = true;
    };
  }, [api]);

  const eur = (amount: number) => formatMoney({ amount, currency: earnings?.currency ?? 'EUR' });
  // The API's months reach back 24 months; its days only the last 31.
  const months = earnings ? (earnings.byMonth?.slice().reverse() ?? earningsByMonth(earnings.byDay)) : [];

  return (
    <section aria-labelledby="sessions-title">
      <h1 id="sessions-title">Mes séances</h1>
      <ErrorBanner message={error} />
      {!error && !earnings && <p aria-busy="true">Chargement…</p>}
      {figures && (
        <div className="stats" data-testid="earnings">
          <div className="stat stat-gold" data-testid="sessions-held">
            <span className="stat-label">Séances tenues</span>
            <span className="stat-value">{figures.held.count}</span>
            <span className="stat-note">{eur(figures.held.net)} gagnés (net des remboursements)</span>
          </div>
          <div className="stat" data-testid="sessions-waiting">
            <span className="stat-label">Payées, séance à venir</span>
            <span className="stat-value">{figures.waiting.count}</span>
            <span className="stat-note">{eur(figures.waiting.amount)} en attente de séance</span>
          </div>
          {figures.running.count > 0 && (
            <div className="stat">
              <span className="stat-label">En cours</span>
              <span className="stat-value">{figures.running.count}</span>
            </div>
          )}
          <div className="stat">
            <span className="stat-label">Clients absents</span>
            <span className="stat-value">{figures.customerAbsent.count}</span>
            <span className="stat-note">{eur(figures.customerAbsent.net)} conservés</span>
          </div>
          <div className="stat">
            <span className="stat-label">Sans séance (remboursées)</span>
            <span className="stat-value">{figures.withoutSession.count}</span>
          </div>
        </div>
      )}
      {earnings && (
        <section className="panel" aria-labelledby="months-title">
          <h2 id="months-title">Paiements reçus par mois (net des remboursements)</h2>
          {months.length === 0 ? (
            <p className="muted">Pas encore de revenus.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Mois</th>
                  <th scope="col" className="num">
                    Commandes payées
                  </th>
                  <th scope="col" className="num">
                    Net
                  </th>
                </tr>
              </thead>
              <tbody>
                {months.map((m) => (
                  <tr key={m.month}>
                    <td>{formatMonth(m.month)}</td>
                    <td className="num">{m.orderCount}</td>
                    <td className="num">{eur(m.netAmount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
      {orders && (
        <section className="panel" aria-labelledby="history-list-title">
          <h2 id="history-list-title">Historique des séances</h2>
          {orders.length === 0 ? (
            <p className="muted">Aucune séance passée.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Client</th>
                  <th scope="col">Consultation</th>
                  <th scope="col">Statut</th>
                  <th scope="col" className="num">
                    Montant
                  </th>
                </tr>
              </thead>
              <tbody>
                {orders.map((o) => (
                  <tr key={o.id}>
                    <td>{formatDateTimeShort(o.sessionStartedAt ?? o.paidAt)}</td>
                    <td>
                      <Link to={`/commandes/${o.id}`}>
                        {firstName(o.customerName)} <span className="muted">{orderReference(o.id)}</span>
                      </Link>
                    </td>
                    <td>{o.tier.name}</td>
                    <td>
                      <OrderStatusBadge status={o.status} audience="staff" />
                    </td>
                    <td className="num">
                      {formatMoney({ amount: o.amount - o.refundedAmount, currency: o.currency })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </section>
  );
}
