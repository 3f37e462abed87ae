import { formatMoney, type Money } from '@lumira/shared';
import { formatDuration } from '@lumira/web-kit';

export type CheckoutSummaryProps = {
  tierName?: string;
  durationMinutes?: number;
  price?: Money;
  expertName?: string;
  /** true once the server has priced the order (the amount shown is the order's) */
  isPriced?: boolean;
};

/** The order summary on the order page: what is bought, with whom, for how much. */
export function CheckoutSummary({
  tierName,
  durationMinutes,
  price,
  expertName,
  isPriced,
}: CheckoutSummaryProps) {
  return (
    <aside className="card summary" aria-labelledby="summary-title">
      <h2 id="summary-title">Récapitulatif</h2>
      <dl className="summary-list">
        <div>
          <dt>Consultation</dt>
          <dd>{tierName ?? '—'}</dd>
        </div>
        <div>
          <dt>Durée</dt>
          <dd>{durationMinutes ? formatDuration(durationMinutes) : '—'}</dd>
        </div>
        <div>
          <dt>Expert</dt>
          <dd>{expertName ?? 'Premier expert disponible'}</dd>
        </div>
        <div className="summary-total">
          <dt>Total TTC</dt>
          <dd data-testid="summary-total">{price ? formatMoney(price) : '—'}</dd>
        </div>
      </dl>
      <p className="summary-note">
        {isPriced
          ? 'Montant de votre commande, fixé par notre catalogue.'
          : 'Prix du catalogue. Vous ne serez débité qu’après validation du paiement.'}
      </p>
      <ul className="reassurance">
        <li>Paiement sécurisé, vos données de carte ne transitent pas par nos serveurs.</li>
        <li>Annulation gratuite et remboursement intégral avant le début de la séance.</li>
      </ul>
    </aside>
  );
}
