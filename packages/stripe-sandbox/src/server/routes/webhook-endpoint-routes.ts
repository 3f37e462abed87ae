import type { ApiRoute } from '../http/api-route';
import { invalidRequest, missingParameter, resourceMissing } from '../http/stripe-error';
import { LIST_PARAMS, paginate } from '../payments/list-page';
import { mergeMetadata } from '../payments/merge-metadata';
import type { Sandbox } from '../sandbox';
import { newId, nowSeconds } from '../state/ids';
import type { WebhookEndpoint } from '../state/objects';
import { newWebhookSecret } from '../webhooks/signature';

function getEndpoint(sandbox: Sandbox, id: string): WebhookEndpoint {
  const we = sandbox.store.webhookEndpoints.get(id);
  if (!we) throw resourceMissing('webhook_endpoint', id, 'webhook endpoint');
  return we;
}

function assertUrl(url: string): void {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw invalidRequest(`Invalid URL: ${url}. URLs must be valid http(s) URLs.`, 'url', 'url_invalid');
  }
}

const EVENT_TYPE = /^(\*|[a-z_]+(\.[a-z_]+)+)$/;

/** Event types are `resource.action` (any Stripe type is accepted, even those the sandbox never sends) or `*`. */
function assertEventTypes(types: string[]): void {
  const bad = types.find((t) => !EVENT_TYPE.test(t));
  if (bad !== undefined) {
    throw invalidRequest(`Invalid enabled_events: '${bad}' is not an event type.`, 'enabled_events');
  }
}

/** The API never shows the secret again after creation. */
function withoutSecret(we: WebhookEndpoint): Omit<WebhookEndpoint, 'secret'> {
  const { secret: _secret, ...rest } = we;
  return rest;
}

export const webhookEndpointRoutes: ApiRoute[] = [
  {
    method: 'POST',
    path: '/v1/webhook_endpoints',
    keys: 'secret',
    params: {
      expand: 'string_list',
      url: 'string',
      enabled_events: 'string_list',
      description: 'string',
      metadata: 'metadata',
      api_version: 'string',
    },
    handle: (ctx) => {
      const { url, enabled_events: events } = ctx.params as { url?: string; enabled_events?: string[] };
      if (!url) throw missingParameter('url');
      if (!events || events.length === 0) throw missingParameter('enabled_events');
      assertEventTypes(events);
      assertUrl(url);
      const we: WebhookEndpoint = {
        id: newId('we'),
        object: 'webhook_endpoint',
        api_version: (ctx.params.api_version as string | undefined) ?? null,
        application: null,
        created: nowSeconds(),
        description: (ctx.params.description as string | undefined) || null,
        enabled_events: events,
        livemode: false,
        metadata: (ctx.params.metadata as Record<string, string> | undefined) ?? {},
        secret: newWebhookSecret(),
        status: 'enabled',
        url,
      };
      ctx.sandbox.store.webhookEndpoints.set(we.id, we);
      ctx.sandbox.store.changed();
      return we;
    },
  },
  {
    method: 'GET',
    path: '/v1/webhook_endpoints',
    keys: 'secret',
    params: LIST_PARAMS,
    handle: (ctx) => {
      const page = paginate(
        [...ctx.sandbox.store.webhookEndpoints.values()],
        ctx.params,
        '/v1/webhook_endpoints',
      );
      return { ...page, data: page.data.map(withoutSecret) };
    },
  },
  {
    method: 'GET',
    path: '/v1/webhook_endpoints/:id',
    keys: 'secret',
    params: { expand: 'string_list' },
    handle: (ctx) => withoutSecret(getEndpoint(ctx.sandbox, ctx.path.id!)),
  },
  {
    method: 'POST',
    path: '/v1/webhook_endpoints/:id',
    keys: 'secret',
    params: {
      expand: 'string_list',
      url: 'string',
      enabled_events: 'string_list',
      description: 'string',
      metadata: 'metadata',
      disabled: 'boolean',
    },
    handle: (ctx) => {
      const we = getEndpoint(ctx.sandbox, ctx.path.id!);
      const p = ctx.params as {
        url?: string;
        enabled_events?: string[];
        description?: string;
        disabled?: boolean;
      };
      if (p.url !== undefined) {
        assertUrl(p.url);
        we.url = p.url;
      }
      if (p.enabled_events !== undefined) {
        assertEventTypes(p.enabled_events);
        we.enabled_events = p.enabled_events;
      }
      if (p.description !== undefined) we.description = p.description || null;
      if (p.disabled !== undefined) we.status = p.disabled ? 'disabled' : 'enabled';
      if (ctx.params.metadata !== undefined) {
        we.metadata = mergeMetadata(we.metadata, ctx.params.metadata as Record<string, string>);
      }
      ctx.sandbox.store.changed();
      return withoutSecret(we);
    },
  },
  {
    method: 'DELETE',
    path: '/v1/webhook_endpoints/:id',
    keys: 'secret',
    params: {},
    handle: (ctx) => {
      const we = getEndpoint(ctx.sandbox, ctx.path.id!);
      ctx.sandbox.store.webhookEndpoints.delete(we.id);
      ctx.sandbox.store.changed();
      return { id: we.id, object: 'webhook_endpoint', deleted: true };
    },
  },
];
