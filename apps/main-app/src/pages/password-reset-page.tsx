/** /mot-de-passe/nouveau?token=…: chooses a new password with the single-use link from the e-mail. */
import { useAction, useDocumentTitle } from '@lumira/web-kit';
import { type FormEvent, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorNotice } from '../components/error-notice';
import { config } from '../config';
import { api } from '../services/api';

export default function PasswordResetPage() {
  useDocumentTitle('Nouveau mot de passe', config.appName);
  const id = useId();
  const [search] = useSearchParams();
  const token = search.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const { busy: isBusy, error, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if ((await run(() => api.confirmPasswordReset({ token, password }))) !== undefined) setDone(true);
  };

  return (
    <section className="container narrow page-section">
      <h1>Choisir un nouveau mot de passe</h1>
      {done ? (
        <div role="status" className="notice notice-success" data-testid="password-reset-done">
          <p>Votre mot de passe est changé. Connectez-vous avec le nouveau.</p>
          <p>
            <Link className="button button-primary" to="/compte">
              Se connecter
            </Link>
          </p>
        </div>
      ) : !token ? (
        <p>
          Ce lien est incomplet. <Link to="/mot-de-passe/oublie">Demandez un nouveau lien</Link>.
        </p>
      ) : (
        <form className="card form" onSubmit={(e) => void submit(e)} noValidate>
          <div className="field">
            <label htmlFor={`${id}-password`}>Nouveau mot de passe</label>
            <input
              id={`${id}-password`}
              type="password"
              autoComplete="new-password"
              required
              minLength={8}
              aria-describedby={`${id}-hint`}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <p className="field-hint" id={`${id}-hint`}>
              8 caractères minimum.
            </p>
          </div>
          {error ? <ErrorNotice error={error} /> : null}
          <button
            type="submit"
            className="button button-primary button-block"
            disabled={isBusy}
            aria-busy={isBusy}
          >
            {isBusy ? 'Un instant…' : 'Enregistrer le mot de passe'}
          </button>
          <p>
            Lien expiré ou déjà utilisé ? <Link to="/mot-de-passe/oublie">Demandez-en un nouveau</Link>.
          </p>
        </form>
      )}
    </section>
  );
}
