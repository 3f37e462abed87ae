import type { ReactNode } from 'react';
import { NavLink } from 'react-router-dom';
import { useAuth } from '../auth/auth-context';

export type NavItem = { to: string; label: string; badge?: number };

/** Header (brand, navigation, user), then the page. Shared by the expert and admin areas. */
export function AppLayout(props: { nav: NavItem[]; tools?: ReactNode; children: ReactNode; area: string }) {
  const auth = useAuth();
  return (
    <div className="shell">
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ☾
          </span>
          <span className="brand-name">
            Lumira <span className="brand-gold">Oracle</span>
          </span>
          <span className="brand-area">{props.area}</span>
        </div>
        <nav className="nav" aria-label="Navigation principale">
          {props.nav.map((item) => (
            <NavLink
              key={item.to}
              to={item.to}
              className={({ isActive }) => (isActive ? 'nav-link active' : 'nav-link')}
            >
              {item.label}
              {item.badge ? (
                <span className="nav-badge">
                  {item.badge}
                  <span className="sr-only"> en attente</span>
                </span>
              ) : null}
            </NavLink>
          ))}
        </nav>
        <div className="topbar-tools">
          {props.tools}
          <span className="user-name" title={auth.user?.email}>
            {auth.user?.name}
          </span>
          <button type="button" className="button button-ghost button-small" onClick={auth.logout}>
            Se déconnecter
          </button>
        </div>
      </header>
      <main id="contenu" className="content" tabIndex={-1}>
        {props.children}
      </main>
    </div>
  );
}
