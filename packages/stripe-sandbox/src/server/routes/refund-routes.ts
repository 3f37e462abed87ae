import type { ApiRoute } from '../http/api-route';
import { mergeMetadata } from '../payments/merge-metadata';
import { cancelRefund, createRefund, getRefund } from '../payments/refunds';
import { render } from '../payments/render';
import { listRoute } from './list-route';

export const refundRoutes: ApiRoute[] = [
  {
    method: 'POST',
    path: '/v1/refunds',
    keys: 'secret',
    params: {
      expand: 'string_list',
      payment_intent: 'string',
      charge: 'string',
      amount: 'integer',
      reason: { enum: ['duplicate', 'fraudulent', 'requested_by_customer'] },
      metadata: 'metadata',
    },
    handle: (ctx) => createRefund(ctx.sandbox, ctx.params, ctx.request, ctx.expand),
  },
  listRoute('/v1/refunds', ['payment_intent', 'charge'], (s) => s.store.refunds.values()),
  {
    method: 'GET',
    path: '/v1/refunds/:id',
    keys: 'secret',
    params: { expand: 'string_list' },
    handle: (ctx) => render(ctx.sandbox, getRefund(ctx.sandbox, ctx.path.id!), ctx.expand),
  },
  {
    method: 'POST',
    path: '/v1/refunds/:id/cancel',
    keys: 'secret',
    params: { expand: 'string_list' },
    handle: (ctx) => cancelRefund(ctx.sandbox, ctx.path.id!, ctx.request, ctx.expand),
  },
  {
    method: 'POST',
    path: '/v1/refunds/:id',
    keys: 'secret',
    params: { expand: 'string_list', metadata: 'metadata' },
    handle: (ctx) => {
      const refund = getRefund(ctx.sandbox, ctx.path.id!);
      if (ctx.params.metadata !== undefined) {
        refund.metadata = mergeMetadata(refund.metadata, ctx.params.metadata as Record<string, string>);
        ctx.sandbox.store.changed();
      }
      return render(ctx.sandbox, refund, ctx.expand);
    },
  },
];
