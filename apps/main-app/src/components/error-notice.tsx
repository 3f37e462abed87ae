import { errorMessage } from '@lumira/web-kit';

/** An error announced to assistive technology, with an optional retry. */
export function ErrorNotice({ error, onRetry, id }: { error: unknown; onRetry?: () => void; id?: string }) {
  return (
    <div className="notice notice-error" role="alert" id={id}>
      <p>{typeof error === 'string' ? error : errorMessage(error)}</p>
      {onRetry ? (
        <button type="button" className="button button-ghost" onClick={onRetry}>
          Réessayer
        </button>
      ) : null}
    </div>
  );
}
