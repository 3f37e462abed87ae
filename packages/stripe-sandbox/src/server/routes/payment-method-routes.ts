import type { ApiRoute } from '../http/api-route';
import type { Params } from '../http/param-spec';
import { resourceMissing } from '../http/stripe-error';
import { getCustomer } from '../payments/customers';
import {
  BILLING_DETAILS_SPEC,
  CARD_DATA_SPEC,
  createCardPaymentMethod,
  getPaymentMethod,
} from '../payments/payment-methods';
import { render } from '../payments/render';
import {
  attachPaymentMethod,
  detachPaymentMethod,
  updatePaymentMethod,
} from '../payments/saved-payment-methods';
import { listRoute } from './list-route';

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
  listRoute('/v1/payment_methods', ['customer', 'type'], (s) => s.store.paymentMethods.values()),
  {
    method: 'GET',
    path: '/v1/payment_methods/:id',
    keys: 'secret',
    params: { expand: 'string_list' },
    handle: (ctx) => render(ctx.sandbox, getPaymentMethod(ctx.sandbox, ctx.path.id!), ctx.expand),
  },
  {
    method: 'POST',
    path: '/v1/payment_methods/:id',
    keys: 'secret',
    params: {
      expand: 'string_list',
      billing_details: BILLING_DETAILS_SPEC,
      card: { object: { exp_month: 'integer', exp_year: 'integer' } },
      metadata: 'metadata',
      allow_redisplay: { enum: ['always', 'limited', 'unspecified'] },
    },
    handle: (ctx) =>
      render(
        ctx.sandbox,
        updatePaymentMethod(
          ctx.sandbox,
          getPaymentMethod(ctx.sandbox, ctx.path.id!),
          ctx.params,
          ctx.request,
        ),
        ctx.expand,
      ),
  },
  {
    method: 'POST',
    path: '/v1/payment_methods/:id/attach',
    keys: 'secret',
    params: { expand: 'string_list', customer: 'string' },
    handle: (ctx) =>
      render(
        ctx.sandbox,
        attachPaymentMethod(
          ctx.sandbox,
          getPaymentMethod(ctx.sandbox, ctx.path.id!),
          ctx.params.customer as string | undefined,
          ctx.request,
        ),
        ctx.expand,
      ),
  },
  {
    method: 'POST',
    path: '/v1/payment_methods/:id/detach',
    keys: 'secret',
    params: { expand: 'string_list' },
    handle: (ctx) =>
      render(
        ctx.sandbox,
        detachPaymentMethod(ctx.sandbox, getPaymentMethod(ctx.sandbox, ctx.path.id!), ctx.request),
        ctx.expand,
      ),
  },
  listRoute('/v1/customers/:customer/payment_methods', ['type'], (s, path) => {
    const customer = getCustomer(s, path.customer!).id;
    return [...s.store.paymentMethods.values()].filter((pm) => pm.customer === customer);
  }),
  {
    method: 'GET',
    path: '/v1/customers/:customer/payment_methods/:id',
    keys: 'secret',
    params: { expand: 'string_list' },
    handle: (ctx) => {
      const customer = getCustomer(ctx.sandbox, ctx.path.customer!);
      const pm = ctx.sandbox.store.paymentMethods.get(ctx.path.id!);
      if (pm?.customer !== customer.id)
        throw resourceMissing('payment_method', ctx.path.id!, 'PaymentMethod');
      return render(ctx.sandbox, pm, ctx.expand);
    },
  },
];
