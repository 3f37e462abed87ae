import type { OrderView } from '@lumira/shared';
import { CAUSE_LABELS, formatDateTimeShort, statusLabel } from '@lumira/web-kit';

/** The order's append-only history, oldest first. */
export function OrderHistory(props: { history: OrderView['history']; showNotes?: boolean }) {
  if (props.history.length === 0) return <p className="muted">Aucun événement.</p>;
  return (
    <ol className="timeline" aria-label="Historique de la commande">
      {props.history.map((entry) => (
        <li key={`${entry.at}-${entry.from}-${entry.to}`} className="timeline-item">
          <time dateTime={entry.at}>{formatDateTimeShort(entry.at)}</time>
          <span>
            {entry.from ? `${statusLabel(entry.from, 'staff').label} → ` : ''}
            <strong>{statusLabel(entry.to, 'staff').label}</strong>
            <span className="muted"> · {CAUSE_LABELS[entry.cause] ?? entry.cause}</span>
          </span>
          {props.showNotes !== false && entry.note && <p className="timeline-note">{entry.note}</p>}
        </li>
      ))}
    </ol>
  );
}
