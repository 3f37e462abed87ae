import { formatMoney } from '@lumira/shared';
import { formatDate, useDocumentTitle, useLoad } from '@lumira/web-kit';
import { useCallback } from 'react';
import { useApi } from '../../auth/auth-context';
import { ErrorBanner } from '../../components/error-banner';

/** Payments overview: succeeded and failed payments, refunds, totals per day. */
export function PaymentsPage() {
  useDocumentTitle('Paiements');
  const api = useApi();

  const fetchData = useCallback(() => api.paymentsOverview(), [api]);
  const { data, message: error, reload: load } = useLoad(fetchData, [fetchData]);

  const eur = (amount: number) => formatMoney({ amount, currency: data?.currency ?? 'EUR' });
  const days = data ? [...data.days].sort((a, b) => b.date.localeCompare(a.date)) : [];

  return (
    <section aria-labelledby="payments-title">
      <h1 id="payments-title">Paiements</h1>
      <ErrorBanner message={error} onRetry={() => void load()} />
      {!data && !error && <p aria-busy="true">Chargement…</p>}
      {data && (
        <>
          <div className="stats">
            <div className="stat">
              <span className="stat-label">Paiements réussis</span>
              <span className="stat-value">{data.totals.succeededCount}</span>
            </div>
            <div className="stat stat-gold">
              <span className="stat-label">Encaissé</span>
              <span className="stat-value">{eur(data.totals.succeededAmount)}</span>
            </div>
            <div className="stat">
              <span className="stat-label">Paiements échoués</span>
              <span className="stat-value">{data.totals.failedCount}</span>
            </div>
            <div className="stat">
              <span className="stat-label">Remboursements</span>
              <span className="stat-value">
                {data.totals.refundCount} · {eur(data.totals.refundedAmount)}
              </span>
            </div>
            <div className="stat">
              <span className="stat-label">Net</span>
              <span className="stat-value">
                {eur(data.totals.succeededAmount - data.totals.refundedAmount)}
              </span>
            </div>
          </div>
          <section className="panel" aria-labelledby="days-title">
            <h2 id="days-title">Par jour</h2>
            {days.length === 0 ? (
              <p className="muted">Aucun paiement pour le moment.</p>
            ) : (
              <div className="table-wrap">
                <table className="table" data-testid="payments-days">
                  <thead>
                    <tr>
                      <th scope="col">Jour (UTC)</th>
                      <th scope="col" className="num">
                        Réussis
                      </th>
                      <th scope="col" className="num">
                        Encaissé
                      </th>
                      <th scope="col" className="num">
                        Échoués
                      </th>
                      <th scope="col" className="num">
                        Remboursements
                      </th>
                      <th scope="col" className="num">
                        Remboursé
                      </th>
                      <th scope="col" className="num">
                        Net
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {days.map((d) => (
                      <tr key={d.date}>
                        <td>{formatDate(`${d.date}T12:00:00Z`)}</td>
                        <td className="num">{d.succeededCount}</td>
                        <td className="num">{eur(d.succeededAmount)}</td>
                        <td className="num">{d.failedCount}</td>
                        <td className="num">{d.refundCount}</td>
                        <td className="num">{eur(d.refundedAmount)}</td>
                        <td className="num">{eur(d.succeededAmount - d.refundedAmount)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </section>
  );
}
