import type { ApiRoute } from '../http/api-route';
import { getCharge } from '../payments/charges';
import { render } from '../payments/render';
import { listRoute, searchRoute } from './list-route';

export const chargeRoutes: ApiRoute[] = [
  searchRoute('charges', (s) => s.store.charges.values()),
  listRoute('/v1/charges', ['payment_intent', 'customer'], (s) => s.store.charges.values()),
  {
    method: 'GET',
    path: '/v1/charges/:id',
    keys: 'secret',
    params: { expand: 'string_list' },
    handle: (ctx) => render(ctx.sandbox, getCharge(ctx.sandbox, ctx.path.id!, 'charge'), ctx.expand),
  },
];
