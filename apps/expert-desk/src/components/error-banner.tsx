export function ErrorBanner(props: { message: string | null | undefined; onRetry?: () => void }) {
  if (!props.message) return null;
  return (
    <div className="banner banner-error" role="alert">
      <span>{props.message}</span>
      {props.onRetry && (
        <button type="button" className="button button-small button-ghost" onClick={props.onRetry}>
          Réessayer
        </button>
      )}
    </div>
  );
}
