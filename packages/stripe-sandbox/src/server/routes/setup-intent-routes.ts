import type { ApiContext, ApiRoute } from '../http/api-route';
import type { ParamSpec } from '../http/param-spec';
import { assertClientSecret } from '../payments/payment-intents';
import { PAYMENT_METHOD_DATA_SPEC } from '../payments/payment-methods';
import {
  cancelSetupIntent,
  confirmSetupIntent,
  createSetupIntent,
  getSetupIntent,
  updateSetupIntent,
} from '../payments/setup-intents';
import { intentRoutes } from './intent-routes';
import { listRoute } from './list-route';

const PAYMENT_METHOD_OPTIONS = {
  object: { card: { object: { request_three_d_secure: { enum: ['automatic', 'any', 'challenge'] } } } },
} as const;

const CONFIRM_PARAMS: ParamSpec = {
  expand: 'string_list',
  client_secret: 'string',
  payment_method: 'string',
  payment_method_data: PAYMENT_METHOD_DATA_SPEC,
  payment_method_options: PAYMENT_METHOD_OPTIONS,
  return_url: 'string',
  mandate_data: 'any_object',
  use_stripe_sdk: 'boolean',
  expected_payment_method_type: 'string',
};

/** The confirm parameters a browser (publishable key) may send. */
const BROWSER_CONFIRM = new Set(Object.keys(CONFIRM_PARAMS));

function intentFor(ctx: ApiContext) {
  const si = getSetupIntent(ctx.sandbox, ctx.path.id!);
  const secret = ctx.params.client_secret as string | undefined;
  if (ctx.keyMode === 'publishable' || secret !== undefined) assertClientSecret(si, secret, 'SetupIntent');
  return si;
}

const SHARED: ParamSpec = {
  expand: 'string_list',
  customer: 'string',
  description: 'string',
  metadata: 'metadata',
  payment_method: 'string',
  payment_method_types: 'string_list',
  payment_method_options: PAYMENT_METHOD_OPTIONS,
};

export const setupIntentRoutes: ApiRoute[] = [
  {
    method: 'POST',
    path: '/v1/setup_intents',
    keys: 'secret',
    params: {
      ...SHARED,
      automatic_payment_methods: {
        object: { enabled: 'boolean', allow_redirects: { enum: ['always', 'never'] } },
      },
      confirm: 'boolean',
      payment_method_data: PAYMENT_METHOD_DATA_SPEC,
      return_url: 'string',
      usage: { enum: ['off_session', 'on_session'] },
      use_stripe_sdk: 'boolean',
      mandate_data: 'any_object',
    },
    handle: (ctx) => createSetupIntent(ctx.sandbox, ctx.params, ctx.request, ctx.expand),
  },
  listRoute('/v1/setup_intents', ['customer', 'payment_method'], (s) => s.store.setupIntents.values()),
  ...intentRoutes({
    base: '/v1/setup_intents',
    forClient: intentFor,
    byId: (ctx) => getSetupIntent(ctx.sandbox, ctx.path.id!),
    updateParams: SHARED,
    update: (ctx, si) => updateSetupIntent(ctx.sandbox, si, ctx.params, ctx.expand),
    confirmParams: CONFIRM_PARAMS,
    browserConfirm: BROWSER_CONFIRM,
    confirm: (ctx, si) => confirmSetupIntent(ctx.sandbox, si, ctx.params, ctx.request, ctx.expand),
    cancellationReasons: ['abandoned', 'duplicate', 'requested_by_customer'],
    cancel: (ctx, si) => cancelSetupIntent(ctx.sandbox, si, ctx.params, ctx.request, ctx.expand),
  }),
];
