import type { ApiRoute } from '../http/api-route';
import type { ParamSpec, Params } from '../http/param-spec';
import { CREATED_FILTER, createdMatches, LIST_PARAMS, paginate } from '../payments/list-page';
import { render } from '../payments/render';
import { type SEARCH_FIELDS, search } from '../payments/search';
import type { Sandbox } from '../sandbox';

interface Listed {
  id: string;
  created: number;
}

/**
 * A `GET` list endpoint: `limit`, cursors, `created[...]`, `expand[]`, and equality filters on fields of the same
 * name (`?customer=cus_...` keeps the objects whose `customer` is that id). `more` adds other parameters and
 * a predicate for them.
 */
export function listRoute<T extends Listed>(
  path: string,
  equalityFilters: readonly string[],
  items: (sandbox: Sandbox, pathParams: Record<string, string>) => Iterable<T>,
  more: { params?: ParamSpec; matches?: (item: T, params: Params) => boolean } = {},
): ApiRoute {
  const params: ParamSpec = { ...LIST_PARAMS, ...CREATED_FILTER, ...more.params };
  for (const f of equalityFilters) params[f] = 'string';
  return {
    method: 'GET',
    path,
    keys: 'secret',
    params,
    handle: (ctx) => {
      const given = equalityFilters.filter((f) => ctx.params[f] !== undefined);
      const url = path.replace(/:(\w+)/g, (_, name: string) => ctx.path[name] ?? '');
      const page = paginate(
        [...items(ctx.sandbox, ctx.path)],
        ctx.params,
        url,
        (item) =>
          given.every((f) => (item as unknown as Record<string, unknown>)[f] === ctx.params[f]) &&
          createdMatches(item.created, ctx.params.created) &&
          (more.matches?.(item, ctx.params) ?? true),
      );
      return render(ctx.sandbox, page, ctx.expand);
    },
  };
}

/** `GET /v1/<resource>/search`: Stripe's query language (payments/search.ts), `limit`, `page`, `expand[]`. */
export function searchRoute<T extends Listed>(
  resource: keyof typeof SEARCH_FIELDS,
  items: (sandbox: Sandbox) => Iterable<T>,
): ApiRoute {
  return {
    method: 'GET',
    path: `/v1/${resource}/search`,
    keys: 'secret',
    params: { query: 'string', limit: 'integer', page: 'string', expand: 'string_list' },
    handle: (ctx) => render(ctx.sandbox, search(resource, [...items(ctx.sandbox)], ctx.params), ctx.expand),
  };
}
