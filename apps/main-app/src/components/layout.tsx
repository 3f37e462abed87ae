import { type ReactNode, useEffect, useRef } from 'react';
import { Link, NavLink, useLocation } from 'react-router-dom';
import { useAuth } from '../auth/auth-context';
import { config } from '../config';
import { BrandMark } from './brand-mark';

/** Page chrome: skip link, header with navigation, main landmark, footer. */
export function Layout({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After a client-side navigation, move focus to the new page's heading (as a full page load would).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every path change on purpose
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const timer = window.setTimeout(() => {
      const heading = mainRef.current?.querySelector<HTMLElement>('h1');
      if (heading) {
        heading.tabIndex = -1;
        heading.focus({ preventScroll: false });
      }
      window.scrollTo({ top: 0 });
    }, 0);
    return () => window.clearTimeout(timer);
  }, [location.pathname]);

  return (
    <div className="shell">
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <header className="site-header">
        <div className="container header-inner">
          <Link to="/" className="brand" aria-label={`${config.appName}, accueil`}>
            <BrandMark />
            <span className="brand-name">{config.appName}</span>
          </Link>
          <nav aria-label="Navigation principale">
            <ul className="nav-list">
              <li>
                <NavLink to="/" end>
                  Consultations
                </NavLink>
              </li>
              <li>
                <NavLink to="/compte">{user ? 'Mon compte' : 'Se connecter'}</NavLink>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="contenu" ref={mainRef} tabIndex={-1} className="site-main">
        {children}
      </main>
      <footer className="site-footer">
        <div className="container footer-inner">
          <p>
            <BrandMark small /> {config.appName} · Consultations en direct avec nos experts
          </p>
          <p className="footer-note">
            Paiement sécurisé par carte bancaire. Annulation gratuite avant la séance.
          </p>
          <nav aria-label="Informations légales">
            <ul className="footer-links">
              <li>
                <Link to="/cgv">Conditions générales de vente</Link>
              </li>
              <li>
                <Link to="/mentions-legales">Mentions légales</Link>
              </li>
              <li>
                <Link to="/confidentialite">Confidentialité</Link>
              </li>
            </ul>
          </nav>
          <p className="footer-note">Aucun cookie non essentiel : ni mesure d’audience, ni publicité.</p>
        </div>
      </footer>
    </div>
  );
}
