import type { ApiRoute } from '../http/api-route';
import type { ParamSpec } from '../http/param-spec';
import { createCustomer, deleteCustomer, getCustomer, updateCustomer } from '../payments/customers';
import { render } from '../payments/render';
import { ADDRESS_PARAM_SPEC, SHIPPING_SPEC } from '../payments/shipping';
import { listRoute, searchRoute } from './list-route';

const CUSTOMER_PARAMS: ParamSpec = {
  expand: 'string_list',
  email: 'string',
  name: 'string',
  phone: 'string',
  description: 'string',
  metadata: 'metadata',
  preferred_locales: 'string_list',
  address: ADDRESS_PARAM_SPEC,
  shipping: SHIPPING_SPEC,
  invoice_settings: {
    object: {
      custom_fields: { list_of: { name: 'string', value: 'string' } },
      default_payment_method: 'string',
      footer: 'string',
    },
  },
};

export const customerRoutes: ApiRoute[] = [
  {
    method: 'POST',
    path: '/v1/customers',
    keys: 'secret',
    params: CUSTOMER_PARAMS,
    handle: (ctx) => createCustomer(ctx.sandbox, ctx.params, ctx.request, ctx.expand),
  },
  searchRoute('customers', (s) => s.store.customers.values()),
  listRoute('/v1/customers', ['email'], (s) => s.store.customers.values()),
  {
    method: 'GET',
    path: '/v1/customers/:id',
    keys: 'secret',
    params: { expand: 'string_list' },
    handle: (ctx) => render(ctx.sandbox, getCustomer(ctx.sandbox, ctx.path.id!), ctx.expand),
  },
  {
    method: 'POST',
    path: '/v1/customers/:id',
    keys: 'secret',
    params: CUSTOMER_PARAMS,
    handle: (ctx) => updateCustomer(ctx.sandbox, ctx.path.id!, ctx.params, ctx.request, ctx.expand),
  },
  {
    method: 'DELETE',
    path: '/v1/customers/:id',
    keys: 'secret',
    params: {},
    handle: (ctx) => deleteCustomer(ctx.sandbox, ctx.path.id!, ctx.request),
  },
];
