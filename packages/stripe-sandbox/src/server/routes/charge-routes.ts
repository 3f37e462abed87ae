import type { ApiRoute } from '../http/api-route';
import { getCharge } from '../payments/charges';
import { CREATED_FILTER, createdMatches, LIST_PARAMS, paginate } from '../payments/list-page';
import { render } from '../payments/render';

export const chargeRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/v1/charges',
    keys: 'secret',
    params: { ...LIST_PARAMS, ...CREATED_FILTER, payment_intent: 'string', customer: 'string' },
    handle: (ctx) => {
      const { payment_intent: pi, customer } = ctx.params as { payment_intent?: string; customer?: string };
      const page = paginate(
        [...ctx.sandbox.store.charges.values()],
        ctx.params,
        '/v1/charges',
        (c) =>
          (pi === undefined || c.payment_intent === pi) &&
          (customer === undefined || c.customer === customer) &&
          createdMatches(c.created, ctx.params.created),
      );
      return render(ctx.sandbox, page, ctx.expand);
    },
  },
  {
    method: 'GET',
    path: '/v1/charges/:id',
    keys: 'secret',
    params: { expand: 'string_list' },
    handle: (ctx) => render(ctx.sandbox, getCharge(ctx.sandbox, ctx.path.id!, 'charge'), ctx.expand),
  },
];
