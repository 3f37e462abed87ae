import type { ApiContext, ApiRoute } from '../http/api-route';
import type { ParamSpec } from '../http/param-spec';
import { confirmAs, publishableView } from '../payments/publishable-view';
import { render } from '../payments/render';

/** What PaymentIntents and SetupIntents each give to the routes they share. */
export interface IntentRouteSpec<T extends object> {
  /** `/v1/payment_intents` or `/v1/setup_intents`. */
  base: string;
  /** The intent named by the path, its client secret checked when a publishable key (or a secret) is sent. */
  forClient: (ctx: ApiContext) => T;
  /** The intent named by the path (secret-key routes). */
  byId: (ctx: ApiContext) => T;
  updateParams: ParamSpec;
  update: (ctx: ApiContext, intent: T) => object;
  confirmParams: ParamSpec;
  /** The confirm parameters a browser (publishable key) may send. */
  browserConfirm: ReadonlySet<string>;
  confirm: (ctx: ApiContext, intent: T) => object;
  cancellationReasons: readonly string[];
  cancel: (ctx: ApiContext, intent: T) => object;
}

/** Retrieve (publishable keys with the client secret too), update, confirm and cancel of an intent. */
export function intentRoutes<T extends object>(spec: IntentRouteSpec<T>): ApiRoute[] {
  return [
    {
      method: 'GET',
      path: `${spec.base}/:id`,
      keys: 'publishable',
      params: { expand: 'string_list', client_secret: 'string' },
      handle: (ctx) => {
        const view = render(ctx.sandbox, spec.forClient(ctx), ctx.expand);
        return ctx.keyMode === 'publishable' ? publishableView(view) : view;
      },
    },
    {
      method: 'POST',
      path: `${spec.base}/:id`,
      keys: 'secret',
      params: spec.updateParams,
      handle: (ctx) => spec.update(ctx, spec.byId(ctx)),
    },
    {
      method: 'POST',
      path: `${spec.base}/:id/confirm`,
      keys: 'publishable',
      params: spec.confirmParams,
      handle: (ctx) =>
        confirmAs(ctx.keyMode, ctx.params, spec.browserConfirm, () => spec.confirm(ctx, spec.forClient(ctx))),
    },
    {
      method: 'POST',
      path: `${spec.base}/:id/cancel`,
      keys: 'secret',
      params: { expand: 'string_list', cancellation_reason: { enum: spec.cancellationReasons } },
      handle: (ctx) => spec.cancel(ctx, spec.byId(ctx)),
    },
  ];
}
