/**
 * /commande: the order page (the original design's "CommandeTemple").
 * Step 1: what, with whom, for whom (email, name) -> the API creates the order and its PaymentIntent.
 * Step 2: the card form; a refused card is retried on the SAME order and PaymentIntent.
 */
import {
  type CreatePaymentIntentRequest,
  type CreatePaymentIntentResponse,
  type ExpertPublic,
  formatMoney,
  type OrderStatus,
  type OrderView,
  orderReference,
  type ServiceTier,
  type TierId,
  tierNameInSentence,
} from '@lumira/shared';
import {
  ApiError,
  cssTokens,
  formatDuration,
  newIdempotencyKey,
  useDocumentTitle,
  useLoad,
} from '@lumira/web-kit';
import { Elements } from '@stripe/react-stripe-js';
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth/auth-context';
import { CheckoutPaymentForm } from '../components/checkout-payment-form';
import { CheckoutSummary } from '../components/checkout-summary';
import { ErrorNotice } from '../components/error-notice';
import { PageLoading } from '../components/page-loading';
import { config } from '../config';
import { createCheckoutAttempts } from '../lib/checkout-attempts';
import { findExpert, parseCommandeParams } from '../lib/commande-params';
import { confirmationPath } from '../lib/confirmation-url';
import { api } from '../services/api';
import { getStripe } from '../services/stripe-loader';

const attempts = createCheckoutAttempts(typeof sessionStorage === 'undefined' ? null : sessionStorage);
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const AUTO_EXPERT = '';
/** An unpaid order in these states can still be paid on this page; any other is closed. */
const PAYABLE: readonly OrderStatus[] = ['pending_payment', 'requires_action', 'payment_failed'];

type Checkout = { response: CreatePaymentIntentResponse; request: CreatePaymentIntentRequest };

export default function CommandeTemple() {
  useDocumentTitle('Commande', config.appName);
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseCommandeParams(search), [search]);
  const navigate = useNavigate();
  const { user } = useAuth();
  const catalog = useLoad(() => api.getCatalog(), []);
  const experts = useLoad(() => api.getExperts(), []);

  const tiers = useMemo(() => catalog.data?.tiers.filter((t) => t.active) ?? [], [catalog.data]);
  const expertList = useMemo(() => experts.data?.experts.filter((e) => e.active) ?? [], [experts.data]);
  const linkedExpert = useMemo(
    () => (params.expert && experts.data ? findExpert(params.expert, experts.data.experts) : null),
    [params.expert, experts.data],
  );

  const [tierId, setTierId] = useState<TierId | undefined>(params.tierId);
  const [expertId, setExpertId] = useState<string>(AUTO_EXPERT);
  const [email, setEmail] = useState(user?.email ?? '');
  const [name, setName] = useState(user?.name ?? '');
  const [checkout, setCheckout] = useState<Checkout | null>(null);
  const [resumeProblem, setResumeProblem] = useState<unknown>(null);
  const [isResuming, setIsResuming] = useState(Boolean(params.resume));
  const [alreadyPaid, setAlreadyPaid] = useState<{ order: OrderView; token: string } | null>(null);

  // Another order link opened while this page is shown: follow its tier.
  useEffect(() => {
    if (params.tierId) setTierId(params.tierId);
  }, [params.tierId]);

  // The link's expert becomes the selection once the expert list has arrived.
  useEffect(() => {
    if (linkedExpert) setExpertId(linkedExpert.id);
    else if (params.expert?.kind === 'id' && experts.status === 'error') setExpertId(params.expert.id);
  }, [linkedExpert, params.expert, experts.status]);

  // Logged in after the page opened: prefill what is still empty.
  useEffect(() => {
    if (!user) return;
    setEmail((v) => v || user.email);
    setName((v) => v || user.name);
  }, [user]);

  // The payment step has its own address (`?order_id=&token=`): a reload or the back button comes back
  // to this order, never to an empty form.
  const shownOrderId = useRef<string | null>(null);
  const showCheckout = (next: Checkout) => {
    shownOrderId.current = next.response.orderId;
    setCheckout(next);
    setTierId(next.request.level);
    setExpertId(next.request.expertId ?? next.response.expert.id);
    setEmail(next.request.customerEmail);
    setName(next.request.customerName ?? '');
    if (params.resume?.orderId !== next.response.orderId)
      setSearch(
        new URLSearchParams({ order_id: next.response.orderId, token: next.response.orderAccessToken }),
        {
          replace: true,
        },
      );
  };

  const showCheckoutRef = useRef(showCheckout);
  showCheckoutRef.current = showCheckout;

  // Coming back to an order created earlier (reload, back button, "Revenir au paiement"): already paid,
  // it says so; otherwise its attempt is replayed in this tab (same key, same order), or its choices prefill
  // a new one when it was created in another browser.
  const resume = params.resume;
  useEffect(() => {
    if (!resume || shownOrderId.current === resume.orderId) {
      setIsResuming(false);
      return;
    }
    let current = true;
    setIsResuming(true);
    (async () => {
      const order = await api.getOrder(resume.orderId, resume.token);
      if (!current) return;
      if (order.paidAt) {
        setAlreadyPaid({ order, token: resume.token });
        return;
      }
      if (!PAYABLE.includes(order.status)) {
        // expired or cancelled before payment: its page says so
        navigate(confirmationPath(order.id, resume.token), { replace: true });
        return;
      }
      const attempt = attempts.forOrder(resume.orderId);
      if (attempt) {
        const response = await api.createPaymentIntent(attempt.request, attempt.idempotencyKey);
        if (current) showCheckoutRef.current({ response, request: attempt.request });
        return;
      }
      setTierId(order.tier.id);
      setExpertId(order.expert.id);
      setEmail(order.customerEmail ?? '');
      setName(order.customerName ?? '');
    })()
      .catch((error: unknown) => current && setResumeProblem(error))
      .finally(() => current && setIsResuming(false));
    return () => {
      current = false;
    };
  }, [resume, navigate]);

  const tier = tiers.find((t) => t.id === tierId);
  const selectedExpert = expertList.find((e) => e.id === expertId);

  function handlePaid(paymentIntentId: string) {
    if (!checkout) return;
    attempts.finish();
    const { orderId, orderAccessToken } = checkout.response;
    navigate(confirmationPath(orderId, orderAccessToken, paymentIntentId));
  }

  // "Modifier": back to the details; a changed request makes a new order, so the address forgets this one
  function editOrder() {
    shownOrderId.current = null;
    setCheckout(null);
    const back = new URLSearchParams();
    if (tierId) {
      back.set('level', tierId);
      back.set('service', tierId);
    }
    if (expertId) back.set('expert', expertId);
    setSearch(back, { replace: true });
  }

  const paidOrder = alreadyPaid?.order;
  const summary = paidOrder
    ? {
        tierName: paidOrder.tier.name,
        durationMinutes: paidOrder.tier.durationMinutes,
        price: { amount: paidOrder.amount, currency: paidOrder.currency },
        expertName: paidOrder.expert.name,
        isPriced: true,
      }
    : checkout
      ? {
          tierName: checkout.response.tier.name,
          durationMinutes: checkout.response.tier.durationMinutes,
          price: { amount: checkout.response.amount, currency: checkout.response.currency },
          expertName: checkout.response.expert.name,
          isPriced: true,
        }
      : {
          tierName: tier?.name,
          durationMinutes: tier?.durationMinutes,
          price: tier?.price,
          expertName: selectedExpert?.name,
        };

  return (
    <div className="container page-section checkout">
      <p className="breadcrumb">
        <Link to="/">Consultations</Link> <span aria-hidden="true">›</span> Commande
      </p>
      <h1>Finaliser votre consultation</h1>
      {isResuming ? <PageLoading label="Reprise de votre commande…" /> : null}
      {resumeProblem ? <ErrorNotice error={resumeProblem} /> : null}

      <div className="checkout-grid">
        <div className="checkout-main">
          {catalog.status === 'loading' ? <PageLoading label="Chargement du catalogue…" /> : null}
          {catalog.status === 'error' ? <ErrorNotice error={catalog.error} onRetry={catalog.reload} /> : null}

          {alreadyPaid ? (
            <AlreadyPaid order={alreadyPaid.order} token={alreadyPaid.token} />
          ) : checkout ? (
            <PaymentStep checkout={checkout} onEdit={editOrder} onPaid={handlePaid} />
          ) : catalog.status === 'ok' && !isResuming ? (
            <DetailsStep
              tiers={tiers}
              experts={expertList}
              tierId={tierId}
              onTierChange={setTierId}
              tierProblem={tierId === params.tierId ? params.tierProblem : undefined}
              expertId={expertId}
              onExpertChange={setExpertId}
              missingExpert={
                params.expert && experts.status === 'ok' && !linkedExpert ? params.expert : undefined
              }
              email={email}
              onEmailChange={setEmail}
              name={name}
              onNameChange={setName}
              onCreated={showCheckout}
            />
          ) : null}
        </div>
        <CheckoutSummary {...summary} />
      </div>
    </div>
  );
}

type DetailsStepProps = {
  tiers: ServiceTier[];
  experts: ExpertPublic[];
  tierId?: TierId;
  onTierChange(id: TierId): void;
  tierProblem?: string;
  expertId: string;
  onExpertChange(id: string): void;
  missingExpert?: { kind: 'id'; id: string } | { kind: 'name'; name: string };
  email: string;
  onEmailChange(v: string): void;
  name: string;
  onNameChange(v: string): void;
  onCreated(checkout: Checkout): void;
};

function DetailsStep(props: DetailsStepProps) {
  const { tiers, experts, tierId, expertId, email, name } = props;
  const ids = useId();
  const [emailError, setEmailError] = useState<string | null>(null);
  const [tierError, setTierError] = useState<string | null>(null);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const inFlight = useRef(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const tierRef = useRef<HTMLFieldSetElement>(null);

  const eligibleExperts = experts.filter((e) => !tierId || e.tiers.includes(tierId));
  const chosenExpert = experts.find((e) => e.id === expertId);
  const expertMismatch = chosenExpert && tierId && !chosenExpert.tiers.includes(tierId);
  // A live consultation needs an expert who is there now: an offline one cannot be booked.
  const expertOffline = Boolean(chosenExpert && !chosenExpert.online);
  const chooseFirstAvailable = () => {
    setSubmitError(null);
    props.onExpertChange(AUTO_EXPERT);
  };

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (inFlight.current) return;
    const trimmedEmail = email.trim();
    const nextTierError = tierId ? null : 'Choisissez une consultation.';
    const nextEmailError = !trimmedEmail
      ? 'Indiquez votre adresse e-mail.'
      : EMAIL_PATTERN.test(trimmedEmail)
        ? null
        : 'Cette adresse e-mail semble invalide (exemple : prenom@exemple.fr).';
    setTierError(nextTierError);
    setEmailError(nextEmailError);
    if (nextTierError || !tierId) {
      tierRef.current?.querySelector('input')?.focus();
      return;
    }
    if (nextEmailError) {
      emailRef.current?.focus();
      return;
    }
    if (expertOffline) return;
    const request: CreatePaymentIntentRequest = {
      level: tierId,
      service: tierId,
      customerEmail: trimmedEmail,
      ...(expertId ? { expertId } : {}),
      ...(name.trim() ? { customerName: name.trim() } : {}),
    };
    inFlight.current = true;
    setIsSubmitting(true);
    setSubmitError(null);
    try {
      const attempt = attempts.attemptFor(request, newIdempotencyKey);
      const response = await api.createPaymentIntent(request, attempt.idempotencyKey);
      attempts.remember(attempt, response.orderId);
      props.onCreated({ response, request });
    } catch (error) {
      setSubmitError(error);
    } finally {
      inFlight.current = false;
      setIsSubmitting(false);
    }
  }

  return (
    <form className="card checkout-form" onSubmit={handleSubmit} noValidate aria-labelledby={`${ids}-title`}>
      <h2 className="step-title" id={`${ids}-title`}>
        <span className="step-number" aria-hidden="true">
          1
        </span>
        Votre consultation
      </h2>

      <fieldset
        className="tier-choice"
        ref={tierRef}
        aria-describedby={tierError ? `${ids}-tier-error` : undefined}
      >
        <legend>Consultation</legend>
        {props.tierProblem ? (
          <p className="notice notice-warning" role="status">
            {props.tierProblem}
          </p>
        ) : null}
        <div className="tier-options">
          {tiers.map((t) => (
            <label key={t.id} className={t.id === tierId ? 'tier-option is-selected' : 'tier-option'}>
              <input
                type="radio"
                name="tier"
                value={t.id}
                checked={t.id === tierId}
                onChange={() => props.onTierChange(t.id)}
              />
              <span className="tier-option-name">{t.name}</span>
              <span className="tier-option-meta">
                {formatMoney(t.price)} · {formatDuration(t.durationMinutes)}
              </span>
            </label>
          ))}
        </div>
        {tierError ? (
          <p className="field-error" id={`${ids}-tier-error`} role="alert">
            {tierError}
          </p>
        ) : null}
      </fieldset>

      <div className="field">
        <label htmlFor={`${ids}-expert`}>Expert</label>
        {props.missingExpert ? (
          <p className="notice notice-warning" role="status">
            Nous ne trouvons pas l’expert «{' '}
            {props.missingExpert.kind === 'name' ? props.missingExpert.name : props.missingExpert.id} ».
            Choisissez un expert ci-dessous ou laissez-nous vous attribuer le premier disponible.
          </p>
        ) : null}
        <select
          id={`${ids}-expert`}
          value={expertId}
          onChange={(e) => props.onExpertChange(e.target.value)}
          aria-describedby={expertMismatch ? `${ids}-expert-hint` : undefined}
        >
          <option value={AUTO_EXPERT}>Premier expert disponible</option>
          {(chosenExpert && !eligibleExperts.includes(chosenExpert)
            ? [chosenExpert, ...eligibleExperts]
            : eligibleExperts
          ).map((e) => (
            <option key={e.id} value={e.id} disabled={!e.online && e.id !== expertId}>
              {e.name}
              {e.online ? ' (en ligne)' : ' (hors ligne)'}
            </option>
          ))}
        </select>
        {chosenExpert && !expertOffline ? (
          <p className="field-hint" data-testid="expert-status">
            <span className="online-dot" aria-hidden="true" /> {chosenExpert.name} est en ligne.
          </p>
        ) : null}
        {chosenExpert && expertOffline ? (
          <div className="notice notice-warning" role="status" data-testid="expert-status">
            <p>
              {chosenExpert.name} est hors ligne : une consultation en direct ne peut pas être réservée avec
              lui ou elle pour le moment.
            </p>
            <button
              type="button"
              className="button button-primary"
              onClick={chooseFirstAvailable}
              data-testid="choose-first-available"
            >
              Choisir le premier expert disponible
            </button>
          </div>
        ) : null}
        {expertMismatch ? (
          <p className="field-hint warning" id={`${ids}-expert-hint`}>
            {chosenExpert.name} ne propose pas cette consultation : choisissez un autre expert ou une autre
            consultation.
          </p>
        ) : null}
      </div>

      <div className="field">
        <label htmlFor={`${ids}-email`}>
          Adresse e-mail <span className="required">(obligatoire)</span>
        </label>
        <input
          ref={emailRef}
          id={`${ids}-email`}
          type="email"
          name="email"
          autoComplete="email"
          inputMode="email"
          required
          value={email}
          onChange={(e) => props.onEmailChange(e.target.value)}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={`${ids}-email-hint${emailError ? ` ${ids}-email-error` : ''}`}
        />
        <p className="field-hint" id={`${ids}-email-hint`}>
          Votre confirmation et le lien de votre séance y seront envoyés.
        </p>
        {emailError ? (
          <p className="field-error" id={`${ids}-email-error`} role="alert">
            {emailError}
          </p>
        ) : null}
      </div>

      <div className="field">
        <label htmlFor={`${ids}-name`}>
          Nom <span className="optional">(facultatif)</span>
        </label>
        <input
          id={`${ids}-name`}
          type="text"
          name="name"
          autoComplete="name"
          maxLength={100}
          value={name}
          onChange={(e) => props.onNameChange(e.target.value)}
        />
      </div>

      {submitError ? <ErrorNotice error={submitError} /> : null}
      {submitError instanceof ApiError &&
      submitError.code === 'EXPERT_OFFLINE' &&
      expertId !== AUTO_EXPERT ? (
        <button type="button" className="button button-primary" onClick={chooseFirstAvailable}>
          Choisir le premier expert disponible
        </button>
      ) : null}

      <button
        type="submit"
        className="button button-primary button-block"
        disabled={isSubmitting || expertOffline}
        aria-busy={isSubmitting}
        data-testid="continue-button"
      >
        {isSubmitting ? (
          <>
            <span className="spinner spinner-small" aria-hidden="true" /> Préparation du paiement…
          </>
        ) : (
          'Continuer vers le paiement'
        )}
      </button>
    </form>
  );
}

function PaymentStep({
  checkout,
  onEdit,
  onPaid,
}: {
  checkout: Checkout;
  onEdit(): void;
  onPaid(id: string): void;
}) {
  const { response, request } = checkout;
  const stripePromise = useMemo(() => getStripe(), []);
  const stripe = useLoad(() => stripePromise, [stripePromise]);
  const amountLabel = formatMoney({ amount: response.amount, currency: response.currency });
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  return (
    <section className="card checkout-form" aria-labelledby="payment-step-title">
      <h2 className="step-title step-done" id="payment-step-title" ref={headingRef} tabIndex={-1}>
        <span className="step-number" aria-hidden="true">
          ✓
        </span>
        Commande prête
      </h2>
      <p className="checkout-recap">
        {response.tier.name} avec <strong>{response.expert.name}</strong> pour {request.customerEmail}.{' '}
        <button type="button" className="link-button" onClick={onEdit}>
          Modifier
        </button>
      </p>
      {stripe.status === 'loading' ? <PageLoading label="Chargement du paiement sécurisé…" /> : null}
      {stripe.status !== 'loading' && !stripe.data ? (
        <ErrorNotice error="Le module de paiement n’a pas pu être chargé. Vérifiez votre connexion puis rechargez la page." />
      ) : null}
      {stripe.data ? (
        <Elements
          stripe={stripe.data}
          options={{
            clientSecret: response.clientSecret,
            locale: 'fr',
            appearance: {
              theme: 'night',
              variables: cssTokens({
                colorPrimary: '--gold',
                colorBackground: '--night-800',
                colorText: '--ink',
                colorDanger: '--danger',
                borderRadius: '--radius-sm',
                fontFamily: '--sans',
              }),
            },
          }}
        >
          <CheckoutPaymentForm
            orderId={response.orderId}
            accessToken={response.orderAccessToken}
            amountLabel={amountLabel}
            onPaid={onPaid}
          />
        </Elements>
      ) : null}
      <p className="muted small">
        Référence de la commande :{' '}
        <span className="mono" data-testid="order-id">
          {orderReference(response.orderId)}
        </span>
      </p>
    </section>
  );
}

/** Back on the order page of an order already paid (the back button after paying): nothing to pay again. */
function AlreadyPaid({ order, token }: { order: OrderView; token: string }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="card checkout-form" aria-labelledby="already-paid-title" data-testid="already-paid">
      <h2 className="step-title step-done" id="already-paid-title" ref={headingRef} tabIndex={-1}>
        <span className="step-number" aria-hidden="true">
          ✓
        </span>
        Vous avez déjà payé cette commande
      </h2>
      <p>
        Votre {tierNameInSentence(order.tier.name)} avec <strong>{order.expert.name}</strong> (
        {formatMoney({ amount: order.amount, currency: order.currency })}) est réglée : rien ne vous sera
        débité une seconde fois.
      </p>
      <p className="button-row">
        <Link className="button button-primary" to={confirmationPath(order.id, token)}>
          Suivre ma commande
        </Link>
        <Link className="button button-ghost" to="/">
          Réserver une autre consultation
        </Link>
      </p>
    </section>
  );
}
