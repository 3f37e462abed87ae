import { historyLineFr, type OrderView } from '@lumira/shared';
import { formatDateTimeShort, statusLabel } from '@lumira/web-kit';

/**
 * The order's append-only history, oldest first: one French line per event with its amount in euros
 * (`historyLineFr`, the same wording everywhere), and the status it led to when the line does not already name it.
 */
export function OrderHistory(props: { order: Pick<OrderView, 'history' | 'amount' | 'currency'> }) {
  const { history } = props.order;
  if (history.length === 0) return <p className="muted">Aucun événement.</p>;
  return (
    <ol className="timeline" aria-label="Historique de la commande">
      {history.map((entry) => {
        const line = historyLineFr(entry, props.order);
        const status = statusLabel(entry.to, 'staff').label;
        // the status it led to, unless the line already says it
        const showStatus = !line.toLowerCase().startsWith(status.toLowerCase());
        return (
          <li
            key={`${entry.at}-${entry.from}-${entry.to}`}
            className="timeline-item"
            data-testid="history-line"
          >
            <time dateTime={entry.at}>{formatDateTimeShort(entry.at)}</time>
            <span>
              <strong>{line}</strong>
              {showStatus ? <span className="muted"> · {status}</span> : null}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
