import { CardElement } from './card-element';
import { ElementsGroup } from './elements-group';
import { createPaymentRequest } from './form-elements';
import { type ApiContext, apiRequest, type IntentKind, intentIdFromSecret } from './http';
import {
  IntegrationError,
  type Locale,
  localizeError,
  resolveLocale,
  type StripeJsError,
  t,
} from './messages';
import type { ScriptSource } from './script-source';
import { runChallenge } from './three-ds-modal';

type Intent = Record<string, unknown> & { id: string; status: string };
/** `{paymentIntent}` or `{setupIntent}`, or `{error}`, as Stripe.js resolves. */
type Outcome = { error?: StripeJsError; paymentIntent?: Intent; setupIntent?: Intent };
type Dict = Record<string, unknown>;

/** What differs between PaymentIntents and SetupIntents on the browser side. */
const KINDS = {
  payment_intent: {
    path: 'payment_intents',
    result: 'paymentIntent',
    lastError: 'last_payment_error',
    authFailure: 'payment_intent_authentication_failure',
    unexpected: 'payment_intent_unexpected_state',
    label: 'PaymentIntent',
  },
  setup_intent: {
    path: 'setup_intents',
    result: 'setupIntent',
    lastError: 'last_setup_error',
    authFailure: 'setup_intent_authentication_failure',
    unexpected: 'setup_intent_unexpected_state',
    label: 'SetupIntent',
  },
} as const;

function kindOfSecret(clientSecret: unknown): IntentKind {
  return typeof clientSecret === 'string' && clientSecret.startsWith('seti_')
    ? 'setup_intent'
    : 'payment_intent';
}

interface SettleContext {
  kind: IntentKind;
  clientSecret: string;
  handleActions: boolean;
  redirect: 'always' | 'if_required';
  returnUrl?: string | undefined;
  locale: Locale;
}

const never = () => new Promise<never>(() => {});

function redirectStatus(status: string): string {
  if (status === 'succeeded' || status === 'requires_capture') return 'succeeded';
  if (status === 'processing') return 'pending';
  return 'failed';
}

function unexpectedState(
  message: string,
  intent: Intent,
  kind: IntentKind = 'payment_intent',
): { error: StripeJsError } {
  return {
    error: { type: 'invalid_request_error', code: KINDS[kind].unexpected, message, [kind]: intent },
  };
}

function errorFromIntent(intent: Intent, locale: Locale, kind: IntentKind): StripeJsError {
  const last = (intent[KINDS[kind].lastError] ?? {}) as Partial<StripeJsError>;
  const code = last.code || KINDS[kind].authFailure;
  return {
    ...last,
    type: last.type || 'card_error',
    code,
    message: last.message || t(locale, code),
    [kind]: intent,
  };
}

function assertCardElement(element: unknown, method: string): CardElement {
  if (!(element instanceof CardElement)) {
    throw new IntegrationError(
      `${method}: expected a mounted card Element created by this Stripe.js instance.`,
    );
  }
  return element;
}

/** The object `Stripe(pk, options)` returns. */
export function createStripe(source: ScriptSource, key: string, stripeOptions: Dict) {
  const ctx: ApiContext = {
    apiBase: source.apiBase,
    key,
    locale: resolveLocale(stripeOptions.locale),
    stripeAccount: typeof stripeOptions.stripeAccount === 'string' ? stripeOptions.stripeAccount : undefined,
  };
  const wrappers: { name: unknown; version: unknown }[] = [];
  const appInfo: { name: unknown; version: unknown; url: unknown }[] = [];

  function challengeUrl(nextAction: Dict): string | null {
    let raw: unknown = null;
    let stripReturnUrl = false;
    if (nextAction.type === 'use_stripe_sdk')
      raw = (nextAction.use_stripe_sdk as Dict | undefined)?.stripe_js;
    else if (nextAction.type === 'redirect_to_url') {
      raw = (nextAction.redirect_to_url as Dict | undefined)?.url;
      stripReturnUrl = true;
    }
    if (typeof raw !== 'string' || !raw) return null;
    const url = new URL(raw, `${source.apiBase}/`);
    // In the dialog the page reports back with postMessage instead of leaving to return_url.
    if (stripReturnUrl) url.searchParams.delete('return_url');
    return url.href;
  }

  async function retrieve(
    clientSecret: unknown,
    kind: IntentKind = 'payment_intent',
    method = 'stripe.retrievePaymentIntent()',
  ): Promise<Outcome> {
    const id = intentIdFromSecret(clientSecret, method, kind);
    const result = await apiRequest<Intent>(ctx, 'GET', `/v1/${KINDS[kind].path}/${encodeURIComponent(id)}`, {
      client_secret: clientSecret,
    });
    return result.error ? { error: result.error } : { [KINDS[kind].result]: result.data };
  }

  /** Turns an intent's answer into Stripe.js's result, running the 3-D Secure challenge when needed. */
  async function settle(pi: Intent, sctx: SettleContext): Promise<Outcome> {
    let intent = pi;
    const kind = KINDS[sctx.kind];
    if (intent.status === 'requires_action' && sctx.handleActions) {
      const nextAction = (intent.next_action ?? {}) as Dict;
      const redirectUrl = (nextAction.redirect_to_url as Dict | undefined)?.url;
      if (
        nextAction.type === 'redirect_to_url' &&
        sctx.redirect === 'always' &&
        typeof redirectUrl === 'string'
      ) {
        window.location.assign(redirectUrl);
        return never();
      }
      const url = challengeUrl(nextAction);
      if (!url)
        return unexpectedState(
          `The sandbox's Stripe.js cannot handle next_action ${String(nextAction.type)}.`,
          intent,
          sctx.kind,
        );
      await runChallenge(url, intent.id, sctx.locale, source.apiOrigin);
      const again = await retrieve(sctx.clientSecret, sctx.kind);
      if (again.error) return again;
      intent = again[kind.result]!;
    }
    if (intent.status === 'requires_payment_method' && intent[kind.lastError]) {
      return { error: errorFromIntent(intent, sctx.locale, sctx.kind) };
    }
    if (intent.status === 'canceled') {
      return unexpectedState(`This ${kind.label} has been canceled.`, intent, sctx.kind);
    }
    const finished = ['succeeded', 'processing', 'requires_capture'].includes(intent.status);
    if (finished && sctx.redirect === 'always' && sctx.returnUrl) {
      const target = new URL(sctx.returnUrl, window.location.href);
      target.searchParams.set(sctx.kind, intent.id);
      target.searchParams.set(`${sctx.kind}_client_secret`, sctx.clientSecret);
      target.searchParams.set('redirect_status', redirectStatus(intent.status));
      window.location.assign(target.href);
      return never();
    }
    return { [kind.result]: intent };
  }

  async function confirm(
    clientSecret: string,
    params: Dict,
    sctx: Omit<SettleContext, 'clientSecret'> & { method: string },
  ): Promise<Outcome> {
    const id = intentIdFromSecret(clientSecret, sctx.method, sctx.kind);
    const result = await apiRequest<Intent>(
      ctx,
      'POST',
      `/v1/${KINDS[sctx.kind].path}/${encodeURIComponent(id)}/confirm`,
      {
        ...params,
        client_secret: clientSecret,
      },
    );
    const outcome = result.error
      ? { error: result.error }
      : await settle(result.data, { ...sctx, clientSecret });
    return outcome.error ? { error: localizeError(outcome.error, sctx.locale) } : outcome;
  }

  /** confirmPayment / confirmSetup: the Payment Element (and Address, Link Authentication) of an Elements group. */
  async function confirmWithElements(
    kind: IntentKind,
    options: Dict | undefined,
    method: string,
  ): Promise<Outcome> {
    const { elements, clientSecret: explicitSecret, confirmParams = {}, redirect = 'always' } = options ?? {};
    if (!(elements instanceof ElementsGroup)) {
      throw new IntegrationError(`${method}: the \`elements\` option is required.`);
    }
    const params = confirmParams as Dict;
    const clientSecret = (explicitSecret as string | undefined) || elements._clientSecret;
    if (!clientSecret) {
      throw new IntegrationError(
        `${method}: pass \`clientSecret\`, or create the Elements group with a clientSecret.`,
      );
    }
    if (redirect !== 'if_required' && !params.return_url) {
      throw new IntegrationError(
        `${method}: the \`confirmParams.return_url\` argument is required unless passing \`redirect: 'if_required'\``,
      );
    }
    if (!elements._clientSecret && !elements._submitted) {
      throw new IntegrationError(
        `elements.submit() must be called before ${method}. Call elements.submit() as soon as your customer presses pay, prior to any asynchronous work.`,
      );
    }
    const collected = elements._collect();
    if ('error' in collected) return { error: collected.error };
    const { payment_method_data: pmData = {}, shipping, ...rest } = params;
    const data = pmData as Dict;
    const billing = { ...collected.billingDetails, ...((data.billing_details as Dict | undefined) ?? {}) };
    const withShipping =
      kind === 'payment_intent' && (shipping || collected.shipping)
        ? { shipping: shipping ?? collected.shipping }
        : {};
    return confirm(
      clientSecret,
      {
        ...rest,
        ...withShipping,
        payment_method_data: {
          ...data,
          type: 'card',
          card: collected.card,
          ...(Object.keys(billing).length ? { billing_details: billing } : {}),
        },
      },
      {
        kind,
        method,
        handleActions: true,
        redirect: redirect === 'if_required' ? 'if_required' : 'always',
        returnUrl: params.return_url as string | undefined,
        locale: elements._locale,
      },
    );
  }

  /** confirmCardPayment / confirmCardSetup: a Card Element, card data, or a PaymentMethod id. */
  async function confirmWithCard(
    kind: IntentKind,
    clientSecret: string,
    data: Dict,
    confirmOptions: Dict,
    method: string,
  ): Promise<Outcome> {
    intentIdFromSecret(clientSecret, method, kind);
    const { payment_method: pm, ...rest } = data ?? {};
    const params: Dict = { ...rest };
    let locale = ctx.locale;
    if (typeof pm === 'string') {
      params.payment_method = pm;
    } else if (pm && typeof pm === 'object') {
      const { card, ...pmRest } = pm as Dict;
      if (card instanceof CardElement) {
        const collected = card._collect(true);
        if (collected.error) return { error: collected.error };
        locale = card._locale();
        params.payment_method_data = { ...pmRest, type: 'card', card: collected.card };
      } else if (card && typeof card === 'object') {
        params.payment_method_data = { ...pmRest, type: 'card', card };
      } else {
        assertCardElement(card, method);
      }
    }
    return confirm(clientSecret, params, {
      kind,
      method,
      handleActions: confirmOptions?.handleActions !== false,
      redirect: 'if_required',
      locale,
    });
  }

  const stripe = {
    elements(options?: unknown) {
      return new ElementsGroup(ctx.locale, options);
    },

    paymentRequest(options: unknown) {
      return createPaymentRequest(options);
    },

    async confirmPayment(options: Dict | undefined) {
      return confirmWithElements('payment_intent', options, 'stripe.confirmPayment()');
    },

    async confirmSetup(options: Dict | undefined) {
      return confirmWithElements('setup_intent', options, 'stripe.confirmSetup()');
    },

    async confirmCardPayment(clientSecret: string, data: Dict = {}, confirmOptions: Dict = {}) {
      return confirmWithCard(
        'payment_intent',
        clientSecret,
        data,
        confirmOptions,
        'stripe.confirmCardPayment()',
      );
    },

    async confirmCardSetup(clientSecret: string, data: Dict = {}, confirmOptions: Dict = {}) {
      return confirmWithCard('setup_intent', clientSecret, data, confirmOptions, 'stripe.confirmCardSetup()');
    },

    async retrievePaymentIntent(clientSecret: string) {
      return retrieve(clientSecret);
    },

    async retrieveSetupIntent(clientSecret: string) {
      return retrieve(clientSecret, 'setup_intent', 'stripe.retrieveSetupIntent()');
    },

    async handleNextAction(options: { clientSecret?: string } | undefined) {
      const clientSecret = options?.clientSecret ?? '';
      const kind = kindOfSecret(clientSecret);
      const current = await retrieve(clientSecret, kind, 'stripe.handleNextAction()');
      if (current.error) return current;
      const intent = current[KINDS[kind].result]!;
      if (intent.status !== 'requires_action') {
        return unexpectedState(
          `handleNextAction: the ${KINDS[kind].label} has status ${intent.status}, expected requires_action.`,
          intent,
          kind,
        );
      }
      const outcome = await settle(intent, {
        kind,
        clientSecret,
        handleActions: true,
        redirect: 'if_required',
        locale: ctx.locale,
      });
      return outcome.error ? { error: localizeError(outcome.error, ctx.locale) } : outcome;
    },

    async handleCardAction(clientSecret: string) {
      return stripe.handleNextAction({ clientSecret });
    },

    async handleCardSetup(clientSecret: string, data: Dict = {}, confirmOptions: Dict = {}) {
      return stripe.confirmCardSetup(clientSecret, data, confirmOptions);
    },

    async createPaymentMethod(a: unknown, b?: unknown, c?: unknown) {
      let element: unknown;
      let extra: Dict = {};
      if (typeof a === 'string') {
        if (a !== 'card')
          throw new IntegrationError(`The sandbox's Stripe.js only creates card PaymentMethods, not ${a}.`);
        element = b;
        extra = (c as Dict | undefined) ?? {};
      } else if ((a as Dict | undefined)?.elements instanceof ElementsGroup) {
        const group = (a as Dict).elements as ElementsGroup;
        if (!group._submitted && !group._clientSecret) {
          throw new IntegrationError('elements.submit() must be called before stripe.createPaymentMethod().');
        }
        element = group.getElement('payment');
        extra = ((a as Dict).params as Dict | undefined) ?? {};
      } else {
        const { type, card, ...rest } = (a as Dict | undefined) ?? {};
        if (type && type !== 'card') {
          throw new IntegrationError(
            `The sandbox's Stripe.js only creates card PaymentMethods, not ${String(type)}.`,
          );
        }
        element = card;
        extra = rest;
      }
      const cardElement = assertCardElement(element, 'stripe.createPaymentMethod()');
      const collected = cardElement._collect(true);
      if (collected.error) return { error: collected.error };
      const result = await apiRequest(ctx, 'POST', '/v1/payment_methods', {
        ...extra,
        type: 'card',
        card: collected.card,
      });
      if (result.error) return { error: localizeError(result.error, cardElement._locale()) };
      return { paymentMethod: result.data };
    },

    async createToken(element: unknown, data: Dict = {}) {
      const cardElement = assertCardElement(element, 'stripe.createToken()');
      const collected = cardElement._collect(true);
      if (collected.error) return { error: collected.error };
      const result = await apiRequest(ctx, 'POST', '/v1/tokens', { card: { ...collected.card, ...data } });
      if (result.error) return { error: localizeError(result.error, cardElement._locale()) };
      return { token: result.data };
    },

    _registerWrapper(wrapper: unknown) {
      if (wrapper && typeof wrapper === 'object') {
        const w = wrapper as Dict;
        wrappers.push({ name: w.name, version: w.version });
      }
    },

    registerAppInfo(info: unknown) {
      if (info && typeof info === 'object') {
        const i = info as Dict;
        appInfo.push({ name: i.name, version: i.version, url: i.url });
      }
    },

    get _lumiraSandbox() {
      return { apiBase: source.apiBase, wrappers: [...wrappers], appInfo: [...appInfo] };
    },
  };
  return stripe;
}
