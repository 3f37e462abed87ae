import { errorMessage, useDocumentTitle } from '@lumira/web-kit';
import { type FormEvent, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/auth-context';
import { homePathFor } from '../auth/require-role';
import { ErrorBanner } from '../components/error-banner';

const REFUSED = 'Cet espace est réservé aux experts et aux administrateurs de Lumira.';

export function LoginPage() {
  useDocumentTitle('Connexion');
  const auth = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as { from?: string; refused?: boolean };
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(state.refused ? REFUSED : null);

  if (auth.status === 'authenticated' && (auth.user.role === 'expert' || auth.user.role === 'admin')) {
    return <Navigate to={homePathFor(auth.user.role)} replace />;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = await auth.login(email.trim(), password);
      if (user.role !== 'expert' && user.role !== 'admin') {
        auth.logout();
        setError(REFUSED);
        return;
      }
      const home = homePathFor(user.role);
      const from = state.from?.startsWith(user.role === 'admin' ? '/admin' : '/') ? state.from : home;
      navigate(user.role === 'expert' && from.startsWith('/admin') ? home : from, { replace: true });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login-screen" id="contenu">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            ☾
          </span>
          <span className="brand-name">
            Lumira <span className="brand-gold">Oracle</span>
          </span>
        </div>
        <h1 id="login-title">Espace experts</h1>
        <p className="muted">Connectez-vous avec votre compte expert ou administrateur.</p>
        <ErrorBanner message={error} />
        <label className="field">
          <span>Adresse e-mail</span>
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
        </label>
        <label className="field">
          <span>Mot de passe</span>
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Connexion…' : 'Se connecter'}
        </button>
      </form>
    </main>
  );
}
