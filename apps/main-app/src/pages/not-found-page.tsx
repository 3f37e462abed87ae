import { Link } from 'react-router-dom';
import { usePageTitle } from '../lib/use-page-title';

export default function NotFoundPage() {
  usePageTitle('Page introuvable');
  return (
    <section className="container narrow page-section">
      <h1>Page introuvable</h1>
      <p>Cette page n'existe pas ou a été déplacée.</p>
      <p>
        <Link className="button button-primary" to="/">
          Voir les consultations
        </Link>
      </p>
    </section>
  );
}
