import type { OrderView } from '@lumira/shared';
import { formatDateTime } from '../lib/format';
import { CAUSE_LABELS, ORDER_STATUS_LABELS } from '../lib/order-status-labels';

/** The order's append-only history, oldest first. */
export function OrderHistory(props: { history: OrderView['history']; showNotes?: boolean }) {
  if (props.history.length === 0) return <p className="muted">Aucun événement.</p>;
  return (
    <ol className="timeline" aria-label="Historique de la commande">
      {props.history.map((entry) => (
        <li key={`${entry.at}-${entry.from}-${entry.to}`} className="timeline-item">
          <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
          <span>
            {entry.from ? `${ORDER_STATUS_LABELS[entry.from] ?? entry.from} → ` : ''}
            <strong>{ORDER_STATUS_LABELS[entry.to] ?? entry.to}</strong>
            <span className="muted"> · {CAUSE_LABELS[entry.cause] ?? entry.cause}</span>
          </span>
          {props.showNotes !== false && entry.note && <p className="timeline-note">{entry.note}</p>}
        </li>
      ))}
    </ol>
  );
}
