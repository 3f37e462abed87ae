/**
 * /confirmation?order_id=...&token=...: follows the order live (SSE, polling as fallback).
 * After a 3-D Secure redirect Stripe adds `payment_intent` (and `redirect_status`): the API is asked to
 * re-read that PaymentIntent first, then the query is cleaned so a reload just shows the order.
 */
import {
  firstNameOf,
  formatMoney,
  type OrderView,
  refundExplanationFr,
  tierNameInSentence,
} from '@lumira/shared';
import {
  formatDateTimeLong,
  formatDuration,
  isNotFound,
  OrderStatusBadge,
  statusCopy,
  useDocumentTitle,
} from '@lumira/web-kit';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth/auth-context';
import { ErrorNotice } from '../components/error-notice';
import { OrderCancelPanel } from '../components/order-cancel-panel';
import { OrderDocuments } from '../components/order-documents';
import { OrderReferenceFact } from '../components/order-reference';
import { OrderRefunds } from '../components/order-refunds';
import { PageLoading } from '../components/page-loading';
import { config } from '../config';
import { createCheckoutAttempts } from '../lib/checkout-attempts';
import { retryPaymentPath } from '../lib/confirmation-url';
import { useOrderLive } from '../lib/use-order-live';
import { api } from '../services/api';

/** PaymentIntents already reported to the API by this page (StrictMode runs effects twice). */
const reported = new Set<string>();

export default function ConfirmationPage() {
  const [search, setSearch] = useSearchParams();
  const { user } = useAuth();
  const orderId = search.get('order_id');
  const token = search.get('token');
  const paymentIntentId = search.get('payment_intent');
  const [isReporting, setIsReporting] = useState(Boolean(paymentIntentId));

  useEffect(() => {
    if (!paymentIntentId) return;
    const clean = () => {
      setIsReporting(false);
      setSearch(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const key of ['payment_intent', 'payment_intent_client_secret', 'redirect_status'])
            next.delete(key);
          return next;
        },
        { replace: true },
      );
    };
    if (reported.has(paymentIntentId)) {
      clean();
      return;
    }
    reported.add(paymentIntentId);
    // The webhook settles the order anyway; this only makes the return path as fast as possible.
    api
      .confirmPayment(paymentIntentId)
      .catch(() => undefined)
      .finally(clean);
  }, [paymentIntentId, setSearch]);

  useDocumentTitle('Confirmation', config.appName);
  const live = useOrderLive(orderId, token, !isReporting && Boolean(orderId && (token || user)));

  if (!orderId || (!token && !user)) {
    return (
      <section className="container narrow page-section">
        <h1>Lien de confirmation incomplet</h1>
        <p>
          Ce lien ne permet pas d’afficher une commande. Utilisez le lien reçu après votre paiement, ou
          connectez-vous pour retrouver vos commandes.
        </p>
        <WhereToFindOrders />
      </section>
    );
  }

  return (
    <section className="container narrow page-section confirmation">
      {live.order ? (
        <OrderConfirmation
          order={live.order}
          token={token}
          transport={live.transport}
          onChange={(next) => live.replace(next)}
        />
      ) : live.error && isNotFound(live.error) ? (
        <>
          <h1>Commande introuvable</h1>
          <p data-testid="order-not-found">
            Ce lien ne correspond à aucune commande : il est peut-être incomplet ou a expiré. Ouvrez le lien «
            Suivre ma commande » de votre e-mail de confirmation, ou connectez-vous pour retrouver vos
            commandes.
          </p>
          <WhereToFindOrders />
        </>
      ) : live.error ? (
        <>
          <h1>Votre commande ne peut pas être affichée</h1>
          <ErrorNotice error={live.error} />
          <p>
            <Link to="/">Retour aux consultations</Link>
          </p>
        </>
      ) : (
        <>
          <h1>Paiement en cours</h1>
          <PageLoading label="Vérification de votre paiement…" />
        </>
      )}
    </section>
  );
}

function OrderConfirmation({
  order,
  token,
  transport,
  onChange,
}: {
  order: OrderView;
  token: string | null;
  transport: string;
  onChange(order: OrderView): void;
}) {
  const copy = statusCopy(order.status);
  const money = formatMoney({ amount: order.amount, currency: order.currency });
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Once paid, the checkout attempt is over: a new order on /commande starts a new one.
  useEffect(() => {
    if (copy.phase === 'paid') createCheckoutAttempts(sessionStorage).finish();
  }, [copy.phase]);

  const title = copy.heading;

  return (
    <>
      <div
        className={`status-hero status-${copy.phase}`}
        role="status"
        aria-live="polite"
        data-testid="order-status"
        data-live={transport}
      >
        <span className="status-icon" aria-hidden="true">
          {copy.phase === 'pending' ? <span className="spinner" /> : statusIcon(order.status)}
        </span>
        <h1 ref={headingRef} tabIndex={-1}>
          {title}
        </h1>
        <p className="status-lead">{statusLead(order)}</p>
        {order.status === 'in_session' ? (
          <Link
            className="button button-primary button-large"
            to={seancePath(order.id, token)}
            data-testid="join-session"
          >
            Rejoindre la séance
          </Link>
        ) : null}
        {copy.phase === 'failed' && token ? (
          <Link
            className="button button-primary"
            to={retryPaymentPath(order.id, token)}
            data-testid="retry-payment"
          >
            Revenir au paiement
          </Link>
        ) : null}
      </div>

      <div className="card order-card">
        <div className="order-card-head">
          <h2>Votre commande</h2>
          <OrderStatusBadge status={order.status} audience="customer" />
        </div>
        <dl className="summary-list">
          <div>
            <dt>Consultation</dt>
            <dd>
              {order.tier.name} · {formatDuration(order.tier.durationMinutes)}
            </dd>
          </div>
          <div>
            <dt>Expert</dt>
            <dd data-testid="order-expert">{order.expert.name}</dd>
          </div>
          <div>
            <dt>Montant</dt>
            <dd data-testid="order-amount">{money}</dd>
          </div>
          {order.paidAt ? (
            <div>
              <dt>Payée le</dt>
              <dd>{formatDateTimeLong(order.paidAt)}</dd>
            </div>
          ) : null}
          <OrderReferenceFact orderId={order.id} />
        </dl>
        <OrderRefunds order={order} />
        <RefundReason order={order} />
        <OrderCancelPanel order={order} accessToken={token} onCancelled={onChange} />
        {order.paidAt ? <OrderDocuments orderId={order.id} accessToken={token} /> : null}
      </div>

      {order.status === 'paid' ? (
        <div className="card next-steps">
          <h2>Et maintenant ?</h2>
          <ol>
            <li>
              Votre expert, <strong>{order.expert.name}</strong>, a reçu votre réservation.
            </li>
            <li>
              Il ou elle ouvre la séance en direct ({formatDuration(order.tier.durationMinutes)}) : cette page
              affiche alors « Rejoindre la séance ». Vous pouvez aussi attendre directement dans{' '}
              <Link to={seancePath(order.id, token)}>la salle de consultation</Link>, qui s’ouvrira
              d’elle-même.
            </li>
            <li>
              Votre commande est enregistrée au nom de <strong>{order.customerEmail}</strong>. Gardez
              l’adresse de cette page : elle vous permet de suivre votre commande.
            </li>
            {order.cancellation.allowed ? (
              <li>Un empêchement ? Vous pouvez annuler gratuitement tant que la séance n’a pas commencé.</li>
            ) : null}
          </ol>
        </div>
      ) : null}

      {order.sessionStartedAt && order.status !== 'in_session' ? (
        <p className="button-row">
          <Link
            className="button button-ghost"
            to={seancePath(order.id, token)}
            data-testid="transcript-link"
          >
            Relire la conversation de la séance
          </Link>
        </p>
      ) : null}
      <p className="button-row">
        <Link className="button button-ghost" to="/">
          Retour aux consultations
        </Link>
        <Link className="button button-ghost" to="/compte">
          Mes commandes
        </Link>
      </p>
    </>
  );
}

/** When this page cannot show an order: where the customer finds it. */
function WhereToFindOrders() {
  return (
    <p className="button-row">
      <Link className="button button-primary" to="/compte">
        Mes commandes
      </Link>
      <Link className="button button-ghost" to="/">
        Voir les consultations
      </Link>
    </p>
  );
}

/** The room of this order (the access token when the page has one, else the signed-in owner's account). */
function seancePath(orderId: string, token: string | null): string {
  return token ? `/seance/${orderId}?${new URLSearchParams({ token }).toString()}` : `/seance/${orderId}`;
}

/** Why the money came back and when it arrives; after an expert no-show, a way to book again. */
function RefundReason({ order }: { order: OrderView }) {
  const explanation = refundExplanationFr(order);
  if (!explanation) return null;
  return (
    <div className={`refund-reason refund-reason-${explanation.cause}`} data-testid="refund-reason">
      <p>{explanation.reason}</p>
      <p className="muted">{explanation.delay}</p>
      {explanation.offerRebooking ? (
        <p>
          <Link
            className="button button-primary"
            to={`/commande?${new URLSearchParams({ level: order.tier.id, service: order.tier.id }).toString()}`}
            data-testid="rebook"
          >
            Réserver une nouvelle séance
          </Link>
        </p>
      ) : null}
    </div>
  );
}

/** The sentence under the confirmation page's title. */
export function statusLead(order: OrderView): string {
  switch (order.status) {
    case 'pending_payment':
    case 'requires_action':
      return 'Nous attendons la confirmation de votre banque. Cette page se met à jour automatiquement.';
    case 'payment_failed':
      return 'Votre carte n’a pas été débitée. Vous pouvez réessayer avec la même carte ou une autre.';
    case 'paid': {
      const firstName = firstNameOf(order.customerName);
      return `Merci${firstName ? ` ${firstName}` : ''} ! Votre ${tierNameInSentence(order.tier.name)} avec ${order.expert.name} est réservée.`;
    }
    case 'in_session':
      return `${order.expert.name} a ouvert votre séance : rejoignez la salle de consultation.`;
    case 'completed':
      return `Votre séance avec ${order.expert.name} est terminée. Merci de votre confiance.`;
    case 'interrupted':
      return 'Votre séance a été interrompue avant son terme : les minutes non utilisées vous sont remboursées après vérification par notre équipe.';
    case 'no_show_customer':
      return 'La séance n’a pas pu avoir lieu : vous n’étiez pas présent(e).';
    case 'no_show_expert':
      return 'Votre expert n’a pas pu assurer la séance : elle vous est remboursée intégralement.';
    case 'cancelled':
      return 'Cette commande a été annulée.';
    case 'expired':
      return 'Cette commande a expiré sans avoir été payée. Aucun montant n’a été débité.';
    case 'partially_refunded':
      return 'Une partie du montant de cette commande vous a été remboursée.';
    case 'refunded':
      return 'Le montant de cette commande vous a été remboursé.';
    default:
      return '';
  }
}

function statusIcon(status: OrderView['status']): string {
  if (status === 'payment_failed') return '✕';
  if (status === 'refunded' || status === 'partially_refunded') return '↩';
  return statusCopy(status).phase === 'paid' ? '✓' : '–';
}
