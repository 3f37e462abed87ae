/** /compte: log in or create an account; then "Mes commandes" with statuses, amounts and cancellation. */
import { formatMoney, type OrderView, orderReference, type RefundView } from '@lumira/shared';
import {
  ApiError,
  formatDateTimeLong,
  formatDuration,
  OrderStatusBadge,
  useDocumentTitle,
  useLoad,
} from '@lumira/web-kit';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth/auth-context';
import { ErrorNotice } from '../components/error-notice';
import { OrderCancelPanel } from '../components/order-cancel-panel';
import { OrderDocuments } from '../components/order-documents';
import { OrderRefunds } from '../components/order-refunds';
import { PageLoading } from '../components/page-loading';
import { config } from '../config';
import { api } from '../services/api';

export default function AccountPage() {
  const { user, logout } = useAuth();
  useDocumentTitle(user ? 'Mes commandes' : 'Mon compte', config.appName);
  if (!user) return <SignInPage />;
  return (
    <section className="container page-section">
      <div className="account-head">
        <div>
          <p className="eyebrow">Mon compte</p>
          <h1>Bonjour {user.name}</h1>
          <p className="muted">{user.email}</p>
        </div>
        <button type="button" className="button button-ghost" onClick={logout}>
          Se déconnecter
        </button>
      </div>
      <MyOrders />
    </section>
  );
}

function MyOrders() {
  const [page, setPage] = useState(1);
  const orders = useLoad(() => api.listMyOrders(page), [page]);
  const [updated, setUpdated] = useState<Record<string, OrderView>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const pageCount = orders.data ? Math.max(1, Math.ceil(orders.data.total / orders.data.pageSize)) : 1;

  return (
    <section aria-labelledby="orders-title" className="orders">
      <h2 id="orders-title">Mes commandes</h2>
      <div role="status" aria-live="polite" className="sr-status">
        {notice ? <p className="notice notice-success">{notice}</p> : null}
      </div>
      {orders.status === 'loading' ? <PageLoading label="Chargement de vos commandes…" /> : null}
      {orders.status === 'error' ? <ErrorNotice error={orders.error} onRetry={orders.reload} /> : null}
      {orders.status === 'ok' && orders.data.orders.length === 0 ? (
        <div className="card empty">
          <p>Vous n’avez pas encore de commande.</p>
          <Link className="button button-primary" to="/">
            Réserver une consultation
          </Link>
        </div>
      ) : null}
      <ul className="order-list">
        {orders.data?.orders.map((original) => {
          const order = updated[original.id] ?? original;
          return (
            <li key={order.id} className="card order-item" data-testid="order-item" data-order-id={order.id}>
              <div className="order-item-head">
                <h3>{order.tier.name}</h3>
                <OrderStatusBadge status={order.status} audience="customer" />
              </div>
              <dl className="order-facts">
                <div>
                  <dt>Montant</dt>
                  <dd>{formatMoney({ amount: order.amount, currency: order.currency })}</dd>
                </div>
                <div>
                  <dt>Expert</dt>
                  <dd>{order.expert.name}</dd>
                </div>
                <div>
                  <dt>Durée</dt>
                  <dd>{formatDuration(order.tier.durationMinutes)}</dd>
                </div>
                <div>
                  <dt>Commandée le</dt>
                  <dd>{formatDateTimeLong(order.createdAt)}</dd>
                </div>
              </dl>
              <p className="muted small order-reference">
                Référence :{' '}
                <span className="mono" data-testid="order-reference">
                  {orderReference(order.id)}
                </span>
              </p>
              <OrderRefunds order={order} />
              <p className="order-link">
                <Link to={`/confirmation?${new URLSearchParams({ order_id: order.id }).toString()}`}>
                  Suivre cette commande
                </Link>
              </p>
              {order.paidAt ? <OrderDocuments orderId={order.id} /> : null}
              <OrderCancelPanel
                order={order}
                onCancelled={(next, refund) => {
                  setUpdated((prev) => ({ ...prev, [next.id]: next }));
                  setNotice(cancellationNotice(next, refund));
                }}
              />
            </li>
          );
        })}
      </ul>
      {pageCount > 1 ? (
        <nav className="pager" aria-label="Pages de commandes">
          <button
            type="button"
            className="button button-ghost"
            disabled={page <= 1}
            onClick={() => setPage(page - 1)}
          >
            Précédentes
          </button>
          <span>
            Page {page} sur {pageCount}
          </span>
          <button
            type="button"
            className="button button-ghost"
            disabled={page >= pageCount}
            onClick={() => setPage(page + 1)}
          >
            Suivantes
          </button>
        </nav>
      ) : null}
    </section>
  );
}

type AuthMode = 'login' | 'register';
/** The last failed attempt on /compte: its message shows next to the form it came from, and only there. */
type AuthFailure = { mode: AuthMode; error: unknown } | null;

function SignInPage() {
  const [failed, setFailed] = useState<AuthFailure>(null);
  return (
    <section className="container page-section">
      <h1>Mon compte</h1>
      <p className="muted">
        Connectez-vous pour retrouver vos commandes, ou créez un compte en quelques secondes.
      </p>
      <div className="card guest-orders-help" data-testid="guest-orders-help">
        <h2>Vous avez commandé sans compte ?</h2>
        <p>
          Votre commande se suit avec le lien de l’e-mail de confirmation (« Suivre ma commande »). Pour la
          retrouver ici, créez un compte avec la même adresse e-mail puis confirmez cette adresse avec le lien
          que nous vous envoyons : vos commandes passées sans compte s’ajoutent alors à « Mes commandes ».
        </p>
      </div>
      <div className="auth-grid">
        <AuthForm mode="login" failed={failed} onFailure={setFailed} />
        <AuthForm mode="register" failed={failed} onFailure={setFailed} />
      </div>
    </section>
  );
}

function AuthForm({
  mode,
  failed,
  onFailure,
}: {
  mode: AuthMode;
  failed: AuthFailure;
  onFailure(failure: AuthFailure): void;
}) {
  const { login, register } = useAuth();
  const ids = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [isBusy, setIsBusy] = useState(false);
  const isRegister = mode === 'register';
  const error = failed?.mode === mode ? failed.error : null;
  const setError = (next: unknown) => onFailure(next ? { mode, error: next } : null);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (isBusy) return;
    if (!email.trim() || !password || (isRegister && !name.trim())) {
      setError('Remplissez tous les champs.');
      return;
    }
    if (isRegister && password.length < 8) {
      setError('Le mot de passe doit contenir au moins 8 caractères.');
      return;
    }
    setIsBusy(true);
    setError(null);
    try {
      if (isRegister) await register({ email: email.trim(), password, name: name.trim() });
      else await login({ email: email.trim(), password });
    } catch (e) {
      // After a registration, a refused login means the address already had an account.
      setError(
        isRegister && e instanceof ApiError && e.code === 'INVALID_CREDENTIALS'
          ? 'Un compte existe peut-être déjà avec cette adresse. Connectez-vous avec son mot de passe.'
          : e,
      );
      setIsBusy(false);
    }
  }

  return (
    <form className="card auth-form" onSubmit={handleSubmit} noValidate aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{isRegister ? 'Créer un compte' : 'Se connecter'}</h2>
      {isRegister ? (
        <div className="field">
          <label htmlFor={`${ids}-name`}>Nom</label>
          <input
            id={`${ids}-name`}
            autoComplete="name"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${ids}-email`}>Adresse e-mail</label>
        <input
          id={`${ids}-email`}
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-password`}>Mot de passe</label>
        <input
          id={`${ids}-password`}
          type="password"
          autoComplete={isRegister ? 'new-password' : 'current-password'}
          required
          minLength={isRegister ? 8 : undefined}
          aria-describedby={isRegister ? `${ids}-password-hint` : undefined}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {isRegister ? (
          <p className="field-hint" id={`${ids}-password-hint`}>
            8 caractères minimum.
          </p>
        ) : null}
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      {isRegister ? null : (
        <p>
          <Link to="/mot-de-passe/oublie">Mot de passe oublié ?</Link>
        </p>
      )}
      <button
        type="submit"
        className="button button-primary button-block"
        disabled={isBusy}
        aria-busy={isBusy}
      >
        {isBusy ? 'Un instant…' : isRegister ? 'Créer mon compte' : 'Se connecter'}
      </button>
    </form>
  );
}

function cancellationNotice(order: OrderView, refund: RefundView | null): string {
  if (!refund) return `Commande « ${order.tier.name} » annulée.`;
  const amount = formatMoney({ amount: refund.amount, currency: order.currency });
  return refund.status === 'succeeded'
    ? `Commande annulée. Vous avez été remboursé de ${amount}.`
    : `Commande annulée. Votre remboursement de ${amount} est en cours.`;
}
