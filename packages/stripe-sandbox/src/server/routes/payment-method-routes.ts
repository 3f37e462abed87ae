import type { ApiRoute } from '../http/api-route';
import type { Params } from '../http/param-spec';
import {
  BILLING_DETAILS_SPEC,
  CARD_DATA_SPEC,
  createCardPaymentMethod,
  getPaymentMethod,
} from '../payments/payment-methods';
import { render } from '../payments/render';

export const paymentMethodRoutes: ApiRoute[] = [
  {
    method: 'POST',
    path: '/v1/payment_methods',
    keys: 'publishable',
    params: {
      expand: 'string_list',
      type: 'string',
      card: CARD_DATA_SPEC,
      billing_details: BILLING_DETAILS_SPEC,
      metadata: 'metadata',
      allow_redisplay: { enum: ['always', 'limited', 'unspecified'] },
      // Stripe.js sends these along; they change nothing here.
      guid: 'string',
      muid: 'string',
      sid: 'string',
      payment_user_agent: 'string',
      time_on_page: 'string',
    },
    handle: (ctx) =>
      render(
        ctx.sandbox,
        createCardPaymentMethod(
          ctx.sandbox,
          ctx.params.type as string | undefined,
          ctx.params.card as Params | undefined,
          ctx.params.billing_details as Params | undefined,
          (ctx.params.metadata as Record<string, string> | undefined) ?? {},
          '',
          (ctx.params.allow_redisplay as string | undefined) ?? 'unspecified',
        ),
        ctx.expand,
      ),
  },
  {
    method: 'GET',
    path: '/v1/payment_methods/:id',
    keys: 'secret',
    params: { expand: 'string_list' },
    handle: (ctx) => render(ctx.sandbox, getPaymentMethod(ctx.sandbox, ctx.path.id!), ctx.expand),
  },
];
