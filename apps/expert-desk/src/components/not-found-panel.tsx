import { Link } from 'react-router-dom';

export function NotFoundPanel(props: { backTo: string; backLabel: string }) {
  return (
    <div className="panel not-found" data-testid="not-found" role="alert">
      <h1>Commande introuvable</h1>
      <p>Cette commande n’existe pas ou ne vous est pas attribuée.</p>
      <Link to={props.backTo} className="button">
        {props.backLabel}
      </Link>
    </div>
  );
}
