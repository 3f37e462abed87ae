import type { OrderState } from '../lib/use-order';
import { ErrorBanner } from './error-banner';
import { NotFoundPanel } from './not-found-panel';

/** An order page until its order is there: loading, not found (with the way back), or the error. */
export function OrderLoadState(props: {
  state: Exclude<OrderState, { status: 'ready' }>;
  backTo: string;
  backLabel: string;
  onRetry?: () => void;
}) {
  const { state } = props;
  if (state.status === 'loading') return <p aria-busy="true">Chargement de la commande…</p>;
  if (state.status === 'not_found')
    return <NotFoundPanel backTo={props.backTo} backLabel={props.backLabel} />;
  return <ErrorBanner message={state.message} onRetry={props.onRetry} />;
}
