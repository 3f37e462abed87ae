/** /compte/verification?token=…: confirms the address from the e-mail link; guest orders join the account. */
import { useDocumentTitle } from '@lumira/web-kit';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorNotice } from '../components/error-notice';
import { PageLoading } from '../components/page-loading';
import { config } from '../config';
import { api } from '../services/api';

/** Tokens already sent by this page (StrictMode runs effects twice; a token works once). */
const sent = new Map<string, Promise<{ attachedOrders: number }>>();

export default function VerifyEmailPage() {
  useDocumentTitle('Confirmation de votre adresse', config.appName);
  const [search] = useSearchParams();
  const token = search.get('token') ?? '';
  const [state, setState] = useState<{ attachedOrders: number } | { error: unknown } | null>(null);

  useEffect(() => {
    if (!token) return;
    let promise = sent.get(token);
    if (!promise) {
      promise = api.verifyEmail(token);
      sent.set(token, promise);
    }
    promise.then(
      (result) => setState({ attachedOrders: result.attachedOrders }),
      (error: unknown) => setState({ error }),
    );
  }, [token]);

  return (
    <section className="container narrow page-section">
      <h1>Confirmation de votre adresse e-mail</h1>
      {!token ? <p>Ce lien est incomplet. Utilisez le lien reçu par e-mail.</p> : null}
      {token && !state ? <PageLoading label="Confirmation en cours…" /> : null}
      {state && 'error' in state ? <ErrorNotice error={state.error} /> : null}
      {state && 'attachedOrders' in state ? (
        <div role="status" className="notice notice-success" data-testid="email-verified">
          <p>Votre adresse e-mail est confirmée.</p>
          {state.attachedOrders > 0 ? (
            <p>
              {state.attachedOrders === 1
                ? 'Une commande passée sans compte avec cette adresse a été ajoutée à « Mes commandes ».'
                : `${state.attachedOrders} commandes passées sans compte avec cette adresse ont été ajoutées à « Mes commandes ».`}
            </p>
          ) : null}
        </div>
      ) : null}
      <p>
        <Link className="button button-primary" to="/compte">
          Mes commandes
        </Link>
      </p>
    </section>
  );
}
