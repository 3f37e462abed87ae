import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useAuth } from './auth-context';

export type DeskRole = 'expert' | 'admin';

export function homePathFor(role: string): string {
  return role === 'admin' ? '/admin/commandes' : '/file';
}

/** Experts see expert pages, admins admin pages; anyone else is sent to the login page. */
export function RequireRole(props: { allow: DeskRole; children: ReactNode }) {
  const auth = useAuth();
  const location = useLocation();
  if (auth.status === 'loading') {
    return (
      <p className="page-loading" aria-busy="true">
        Chargement…
      </p>
    );
  }
  if (auth.status === 'anonymous') {
    return <Navigate to="/connexion" replace state={{ from: location.pathname + location.search }} />;
  }
  if (auth.user.role !== 'expert' && auth.user.role !== 'admin') {
    return <Navigate to="/connexion" replace state={{ refused: true }} />;
  }
  if (auth.user.role !== props.allow) return <Navigate to={homePathFor(auth.user.role)} replace />;
  return <>{props.children}</>;
}
