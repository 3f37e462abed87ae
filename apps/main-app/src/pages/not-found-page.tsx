import { useDocumentTitle } from '@lumira/web-kit';
import { Link } from 'react-router-dom';
import { config } from '../config';

export default function NotFoundPage() {
  useDocumentTitle('Page introuvable', config.appName);
  return (
    <section className="container narrow page-section">
      <h1>Page introuvable</h1>
      <p>Cette page n’existe pas ou a été déplacée.</p>
      <p>
        <Link className="button button-primary" to="/">
          Voir les consultations
        </Link>
      </p>
    </section>
  );
}
