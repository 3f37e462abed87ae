import type { ApiRoute } from '../http/api-route';
import { invalidRequest, resourceMissing } from '../http/stripe-error';
import { CREATED_FILTER, createdMatches, LIST_PARAMS, paginate } from '../payments/list-page';

/** `type` may end with `.*` (`payment_intent.*`), as Stripe allows. */
function typeMatcher(pattern: string): (type: string) => boolean {
  if (pattern.endsWith('.*')) {
    const prefix = pattern.slice(0, -1);
    return (t) => t.startsWith(prefix);
  }
  return (t) => t === pattern;
}

export const eventRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/v1/events',
    keys: 'secret',
    params: {
      ...LIST_PARAMS,
      ...CREATED_FILTER,
      type: 'string',
      types: 'string_list',
      delivery_success: 'boolean',
    },
    handle: (ctx) => {
      const {
        type,
        types,
        delivery_success: delivered,
      } = ctx.params as {
        type?: string;
        types?: string[];
        delivery_success?: boolean;
      };
      if (type !== undefined && types !== undefined) {
        throw invalidRequest('You may only specify one of these parameters: type, types.', 'types');
      }
      if (types !== undefined && types.length > 20)
        throw invalidRequest('types can have at most 20 entries.', 'types');
      const matchers = (types ?? (type !== undefined ? [type] : [])).map(typeMatcher);
      return paginate(
        [...ctx.sandbox.store.events.values()],
        ctx.params,
        '/v1/events',
        (e) =>
          (matchers.length === 0 || matchers.some((m) => m(e.type))) &&
          (delivered === undefined || delivered === (e.pending_webhooks === 0)) &&
          createdMatches(e.created, ctx.params.created),
      );
    },
  },
  {
    method: 'GET',
    path: '/v1/events/:id',
    keys: 'secret',
    params: { expand: 'string_list' },
    handle: (ctx) => {
      const event = ctx.sandbox.store.events.get(ctx.path.id!);
      if (!event) throw resourceMissing('id', ctx.path.id!, 'event');
      return event;
    },
  },
];
