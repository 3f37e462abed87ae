import type { ApiRoute } from '../http/api-route';
import type { Params } from '../http/param-spec';
import { render } from '../payments/render';
import { createCardToken, getToken, TOKEN_CARD_SPEC } from '../payments/tokens';

export const tokenRoutes: ApiRoute[] = [
  {
    method: 'POST',
    path: '/v1/tokens',
    keys: 'publishable',
    params: {
      expand: 'string_list',
      card: TOKEN_CARD_SPEC,
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
        createCardToken(ctx.sandbox, ctx.params.card as Params | undefined, ctx.clientIp),
        ctx.expand,
      ),
  },
  {
    method: 'GET',
    path: '/v1/tokens/:id',
    keys: 'secret',
    params: { expand: 'string_list' },
    handle: (ctx) => render(ctx.sandbox, getToken(ctx.sandbox, ctx.path.id!), ctx.expand),
  },
];
