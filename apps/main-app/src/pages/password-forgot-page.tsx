/** /mot-de-passe/oublie: asks for a reset link; the answer is the same for every address. */
import { useAction, useDocumentTitle } from '@lumira/web-kit';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorNotice } from '../components/error-notice';
import { config } from '../config';
import { api } from '../services/api';

export default function PasswordForgotPage() {
  useDocumentTitle('Mot de passe oublié', config.appName);
  const id = useId();
  const [email, setEmail] = useState('');
  const [done, setDone] = useState(false);
  const { busy: isBusy, error, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if ((await run(() => api.requestPasswordReset(email.trim()))) !== undefined) setDone(true);
  };

  return (
    <section className="container narrow page-section">
      <h1>Mot de passe oublié</h1>
      {done ? (
        <div role="status" className="notice notice-success" data-testid="reset-requested">
          <p>
            Si un compte utilise cette adresse, un e-mail avec un lien pour choisir un nouveau mot de passe
            vient de lui être envoyé. Le lien fonctionne une fois, pendant une heure.
          </p>
        </div>
      ) : (
        <form className="card form" onSubmit={(e) => void submit(e)} noValidate>
          <p>
            Indiquez l’adresse e-mail de votre compte : nous vous enverrons un lien pour choisir un nouveau
            mot de passe.
          </p>
          <div className="field">
            <label htmlFor={`${id}-email`}>Adresse e-mail</label>
            <input
              id={`${id}-email`}
              type="email"
              autoComplete="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          {error ? <ErrorNotice error={error} /> : null}
          <button
            type="submit"
            className="button button-primary button-block"
            disabled={isBusy}
            aria-busy={isBusy}
          >
            {isBusy ? 'Un instant…' : 'Recevoir le lien'}
          </button>
        </form>
      )}
      <p>
        <Link to="/compte">Retour à la connexion</Link>
      </p>
    </section>
  );
}
