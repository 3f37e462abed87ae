/**
 * Payment anomalies for admins: each PaymentIntent that named one of our orders but could not pay it
 * (another amount or currency, or not the order's own PaymentIntent), what the order was, and what was
 * done: the order was never marked paid and the money taken was refunded automatically.
 */
import { formatMoney, isCurrency } from '@lumira/shared';
import { formatDateTimeShort, useDocumentTitle, useLoad } from '@lumira/web-kit';
import { useCallback } from 'react';
import { Link } from 'react-router-dom';
import { useApi } from '../../auth/auth-context';
import { ErrorBanner } from '../../components/error-banner';
import type { PaymentAnomalyView } from '../../services/admin-anomalies-api';

const REASON_LABELS: Record<PaymentAnomalyView['reason'], string> = {
  amount_mismatch: 'Montant ou devise différent de la commande',
  foreign_payment_intent: 'Paiement qui n’est pas celui de la commande',
};

function actionTaken(anomaly: PaymentAnomalyView): string {
  if (anomaly.status !== 'succeeded') return 'Aucun débit : rien à rembourser';
  if (!anomaly.refundId)
    return 'Remboursement automatique pas encore confirmé (nouvel essai au prochain passage)';
  const state = anomaly.refundStatus === 'succeeded' ? 'effectué' : 'demandé';
  return `Remboursé en totalité automatiquement (${state}, ${anomaly.refundId})`;
}

export function AnomaliesPage() {
  useDocumentTitle('Anomalies de paiement');
  const api = useApi();
  const fetchData = useCallback(() => api.paymentAnomalies(), [api]);
  const { data, message, reload } = useLoad(fetchData, [fetchData]);

  return (
    <section aria-labelledby="anomalies-title">
      <h1 id="anomalies-title">Anomalies de paiement</h1>
      <p className="muted">
        Paiements qui désignaient une commande sans pouvoir la payer : la commande n’a pas été marquée payée
        et l’argent débité a été remboursé automatiquement.
      </p>
      <ErrorBanner message={message} onRetry={() => void reload()} />
      {!data && !message && <p aria-busy="true">Chargement…</p>}
      {data && data.length === 0 && <p className="muted">Aucune anomalie de paiement.</p>}
      {data && data.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="anomalies-table">
            <thead>
              <tr>
                <th scope="col">Vu le</th>
                <th scope="col">Commande</th>
                <th scope="col">Motif</th>
                <th scope="col">Paiement reçu</th>
                <th scope="col">Prix de la commande</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {data.map((anomaly) => (
                <tr key={anomaly.paymentIntentId} data-testid="anomaly-row">
                  <td>{formatDateTimeShort(anomaly.createdAt)}</td>
                  <td>
                    <Link to={`/admin/commandes/${anomaly.orderId}`}>{anomaly.orderId}</Link>
                    <br />
                    <span className="muted">{anomaly.order.customerEmail}</span>
                  </td>
                  <td>{REASON_LABELS[anomaly.reason] ?? anomaly.reason}</td>
                  <td>
                    {formatHeldAmount(anomaly.amount)}{' '}
                    <span className="muted">({anomaly.paymentIntentId})</span>
                  </td>
                  <td>{formatMoney(anomaly.order.amount)}</td>
                  <td>{actionTaken(anomaly)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** A PaymentIntent's amount: in euros when it is ours, else as the provider holds it (minor units). */
export function formatHeldAmount(held: PaymentAnomalyView['amount']): string {
  const { amount, currency } = held;
  return isCurrency(currency) ? formatMoney({ amount, currency }) : `${amount} (unités mineures) ${currency}`;
}
