import type { ApiRoute } from '../http/api-route';
import { getCharge } from '../payments/charges';
import { captureLegacyCharge, createLegacyCharge } from '../payments/legacy-charges';
import { render } from '../payments/render';
import { SHIPPING_SPEC } from '../payments/shipping';
import { listRoute, searchRoute } from './list-route';

export const chargeRoutes: ApiRoute[] = [
  {
    method: 'POST',
    path: '/v1/charges',
    keys: 'secret',
    params: {
      expand: 'string_list',
      amount: 'integer',
      currency: 'string',
      source: 'string',
      customer: 'string',
      capture: 'boolean',
      description: 'string',
      metadata: 'metadata',
      receipt_email: 'string',
      shipping: SHIPPING_SPEC,
      statement_descriptor: 'string',
      statement_descriptor_suffix: 'string',
    },
    handle: (ctx) => createLegacyCharge(ctx.sandbox, ctx.params, ctx.request, ctx.expand),
  },
  {
    method: 'POST',
    path: '/v1/charges/:id/capture',
    keys: 'secret',
    params: { expand: 'string_list', amount: 'integer', receipt_email: 'string', metadata: 'metadata' },
    handle: (ctx) => captureLegacyCharge(ctx.sandbox, ctx.path.id!, ctx.params, ctx.request, ctx.expand),
  },
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
