import { CardElement } from './card-element';
import { ElementsGroup } from './elements-group';
import { createPaymentRequest } from './form-elements';
import { type ApiContext, apiRequest, intentIdFromSecret } from './http';
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
type Outcome =
  | { paymentIntent: Intent; error?: undefined }
  | { error: StripeJsError; paymentIntent?: undefined };
type Dict = Record<string, unknown>;

interface SettleContext {
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

function unexpectedState(message: string, intent: Intent): { error: StripeJsError } {
  return {
    error: {
      type: 'invalid_request_error',
      code: 'payment_intent_unexpected_state',
      message,
      payment_intent: intent,
    },
  };
}

function errorFromIntent(pi: Intent, locale: Locale): StripeJsError {
  const lpe = (pi.last_payment_error ?? {}) as Partial<StripeJsError>;
  const code = lpe.code || 'payment_intent_authentication_failure';
  return {
    ...lpe,
    type: lpe.type || 'card_error',
    code,
    message: lpe.message || t(locale, code),
    payment_intent: pi,
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

  async function retrieve(clientSecret: unknown): Promise<Outcome> {
    const id = intentIdFromSecret(clientSecret, 'stripe.retrievePaymentIntent()');
    const result = await apiRequest<Intent>(ctx, 'GET', `/v1/payment_intents/${encodeURIComponent(id)}`, {
      client_secret: clientSecret,
    });
    return result.error ? { error: result.error } : { paymentIntent: result.data };
  }

  /** Turns a PaymentIntent answer into Stripe.js's result, running the 3-D Secure challenge when needed. */
  async function settle(pi: Intent, sctx: SettleContext): Promise<Outcome> {
    let intent = pi;
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
        );
      await runChallenge(url, intent.id, sctx.locale, source.apiOrigin);
      const again = await retrieve(sctx.clientSecret);
      if (again.error) return again;
      intent = again.paymentIntent;
    }
    if (intent.status === 'requires_payment_method' && intent.last_payment_error) {
      return { error: errorFromIntent(intent, sctx.locale) };
    }
    if (intent.status === 'canceled') return unexpectedState('This PaymentIntent has been canceled.', intent);
    const finished = ['succeeded', 'processing', 'requires_capture'].includes(intent.status);
    if (finished && sctx.redirect === 'always' && sctx.returnUrl) {
      const target = new URL(sctx.returnUrl, window.location.href);
      target.searchParams.set('payment_intent', intent.id);
      target.searchParams.set('payment_intent_client_secret', sctx.clientSecret);
      target.searchParams.set('redirect_status', redirectStatus(intent.status));
      window.location.assign(target.href);
      return never();
    }
    return { paymentIntent: intent };
  }

  async function confirm(
    clientSecret: string,
    params: Dict,
    sctx: Omit<SettleContext, 'clientSecret'> & { method: string },
  ): Promise<Outcome> {
    const id = intentIdFromSecret(clientSecret, sctx.method);
    const result = await apiRequest<Intent>(
      ctx,
      'POST',
      `/v1/payment_intents/${encodeURIComponent(id)}/confirm`,
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

  const stripe = {
    elements(options?: unknown) {
      return new ElementsGroup(ctx.locale, options);
    },

    paymentRequest(options: unknown) {
      return createPaymentRequest(options);
    },

    async confirmPayment(options: Dict | undefined) {
      const {
        elements,
        clientSecret: explicitSecret,
        confirmParams = {},
        redirect = 'always',
      } = options ?? {};
      if (!(elements instanceof ElementsGroup)) {
        throw new IntegrationError('stripe.confirmPayment(): the `elements` option is required.');
      }
      const params = confirmParams as Dict;
      const clientSecret = (explicitSecret as string | undefined) || elements._clientSecret;
      if (!clientSecret) {
        throw new IntegrationError(
          'stripe.confirmPayment(): pass `clientSecret`, or create the Elements group with a clientSecret.',
        );
      }
      if (redirect !== 'if_required' && !params.return_url) {
        throw new IntegrationError(
          "stripe.confirmPayment(): the `confirmParams.return_url` argument is required unless passing `redirect: 'if_required'`",
        );
      }
      if (!elements._clientSecret && !elements._submitted) {
        throw new IntegrationError(
          'elements.submit() must be called before stripe.confirmPayment(). Call elements.submit() as soon as your customer presses pay, prior to any asynchronous work.',
        );
      }
      const collected = elements._collect();
      if ('error' in collected) return { error: collected.error };
      const { payment_method_data: pmData = {}, shipping, ...rest } = params;
      const data = pmData as Dict;
      const billing = { ...collected.billingDetails, ...((data.billing_details as Dict | undefined) ?? {}) };
      return confirm(
        clientSecret,
        {
          ...rest,
          ...(shipping || collected.shipping ? { shipping: shipping ?? collected.shipping } : {}),
          payment_method_data: {
            ...data,
            type: 'card',
            card: collected.card,
            ...(Object.keys(billing).length ? { billing_details: billing } : {}),
          },
        },
        {
          method: 'stripe.confirmPayment()',
          handleActions: true,
          redirect: redirect === 'if_required' ? 'if_required' : 'always',
          returnUrl: params.return_url as string | undefined,
          locale: elements._locale,
        },
      );
    },

    async confirmCardPayment(clientSecret: string, data: Dict = {}, confirmOptions: Dict = {}) {
      intentIdFromSecret(clientSecret, 'stripe.confirmCardPayment()');
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
          assertCardElement(card, 'stripe.confirmCardPayment()');
        }
      }
      return confirm(clientSecret, params, {
        method: 'stripe.confirmCardPayment()',
        handleActions: confirmOptions?.handleActions !== false,
        redirect: 'if_required',
        locale,
      });
    },

    async retrievePaymentIntent(clientSecret: string) {
      return retrieve(clientSecret);
    },

    async handleNextAction(options: { clientSecret?: string } | undefined) {
      const clientSecret = options?.clientSecret ?? '';
      const current = await retrieve(clientSecret);
      if (current.error) return current;
      if (current.paymentIntent.status !== 'requires_action') {
        return unexpectedState(
          `handleNextAction: the PaymentIntent has status ${current.paymentIntent.status}, expected requires_action.`,
          current.paymentIntent,
        );
      }
      const outcome = await settle(current.paymentIntent, {
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
