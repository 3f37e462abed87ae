import type { ApiContext, ApiRoute } from '../http/api-route';
import type { ParamSpec } from '../http/param-spec';
import { cancelPaymentIntent } from '../payments/cancel-payment-intent';
import { capturePaymentIntent } from '../payments/capture-payment-intent';
import { confirmPaymentIntent } from '../payments/confirm-payment-intent';
import {
  assertClientSecret,
  createPaymentIntent,
  getPaymentIntent,
  updatePaymentIntent,
} from '../payments/payment-intents';
import { PAYMENT_METHOD_DATA_SPEC } from '../payments/payment-methods';
import { SHIPPING_SPEC } from '../payments/shipping';
import { intentRoutes } from './intent-routes';
import { listRoute, searchRoute } from './list-route';

const CAPTURE_METHOD = { enum: ['automatic', 'automatic_async', 'manual'] } as const;
const SETUP_FUTURE_USAGE = { enum: ['', 'off_session', 'on_session'] } as const;

const PAYMENT_METHOD_OPTIONS = {
  object: {
    card: {
      object: {
        request_three_d_secure: { enum: ['automatic', 'any', 'challenge'] },
        capture_method: { enum: ['', 'manual'] },
        setup_future_usage: { enum: ['', 'none', 'off_session', 'on_session'] },
      },
    },
  },
} as const;

const SHARED: ParamSpec = {
  expand: 'string_list',
  metadata: 'metadata',
  description: 'string',
  receipt_email: 'string',
  customer: 'string',
  payment_method: 'string',
  payment_method_types: 'string_list',
  payment_method_options: PAYMENT_METHOD_OPTIONS,
  capture_method: CAPTURE_METHOD,
  setup_future_usage: SETUP_FUTURE_USAGE,
  statement_descriptor: 'string',
  statement_descriptor_suffix: 'string',
  shipping: SHIPPING_SPEC,
};

const CONFIRM_PARAMS: ParamSpec = {
  expand: 'string_list',
  client_secret: 'string',
  payment_method: 'string',
  payment_method_data: PAYMENT_METHOD_DATA_SPEC,
  payment_method_options: PAYMENT_METHOD_OPTIONS,
  payment_method_types: 'string_list',
  return_url: 'string',
  receipt_email: 'string',
  capture_method: CAPTURE_METHOD,
  setup_future_usage: SETUP_FUTURE_USAGE,
  off_session: 'boolean',
  error_on_requires_action: 'boolean',
  mandate_data: 'any_object',
  use_stripe_sdk: 'boolean',
  expected_payment_method_type: 'string',
  shipping: SHIPPING_SPEC,
};

/** Publishable keys may only use the confirm parameters a browser sends. */
const BROWSER_CONFIRM = new Set([
  'expand',
  'client_secret',
  'payment_method',
  'payment_method_data',
  'payment_method_options',
  'return_url',
  'receipt_email',
  'setup_future_usage',
  'use_stripe_sdk',
  'expected_payment_method_type',
  'mandate_data',
  'shipping',
]);

function intentFor(ctx: ApiContext) {
  const pi = getPaymentIntent(ctx.sandbox, ctx.path.id!);
  const secret = ctx.params.client_secret as string | undefined;
  if (ctx.keyMode === 'publishable' || secret !== undefined) assertClientSecret(pi, secret);
  return pi;
}

export const paymentIntentRoutes: ApiRoute[] = [
  {
    method: 'POST',
    path: '/v1/payment_intents',
    keys: 'secret',
    params: {
      ...SHARED,
      amount: 'integer',
      currency: 'string',
      automatic_payment_methods: {
        object: { enabled: 'boolean', allow_redirects: { enum: ['always', 'never'] } },
      },
      confirm: 'boolean',
      confirmation_method: { enum: ['automatic', 'manual'] },
      payment_method_data: PAYMENT_METHOD_DATA_SPEC,
      return_url: 'string',
      off_session: 'boolean',
      error_on_requires_action: 'boolean',
      use_stripe_sdk: 'boolean',
      mandate_data: 'any_object',
    },
    handle: (ctx) => createPaymentIntent(ctx.sandbox, ctx.params, ctx.request, ctx.expand),
  },
  searchRoute('payment_intents', (s) => s.store.paymentIntents.values()),
  listRoute('/v1/payment_intents', ['customer'], (s) => s.store.paymentIntents.values()),
  ...intentRoutes({
    base: '/v1/payment_intents',
    forClient: intentFor,
    byId: (ctx) => getPaymentIntent(ctx.sandbox, ctx.path.id!),
    updateParams: { ...SHARED, amount: 'integer', currency: 'string' },
    update: (ctx, pi) => updatePaymentIntent(ctx.sandbox, pi, ctx.params, ctx.expand),
    confirmParams: CONFIRM_PARAMS,
    browserConfirm: BROWSER_CONFIRM,
    confirm: (ctx, pi) => confirmPaymentIntent(ctx.sandbox, pi, ctx.params, ctx.request, ctx.expand),
    cancellationReasons: ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'],
    cancel: (ctx, pi) => cancelPaymentIntent(ctx.sandbox, pi, ctx.params, ctx.request, ctx.expand),
  }),
  {
    method: 'POST',
    path: '/v1/payment_intents/:id/capture',
    keys: 'secret',
    params: {
      expand: 'string_list',
      amount_to_capture: 'integer',
      metadata: 'metadata',
      final_capture: 'boolean',
    },
    handle: (ctx) =>
      capturePaymentIntent(
        ctx.sandbox,
        getPaymentIntent(ctx.sandbox, ctx.path.id!),
        ctx.params,
        ctx.request,
        ctx.expand,
      ),
  },
];
