import type { Params } from '../http/param-spec';
import { invalidRequest } from '../http/stripe-error';

/** Parameters every list endpoint takes. */
export const LIST_PARAMS = {
  limit: 'integer',
  starting_after: 'string',
  ending_before: 'string',
  expand: 'string_list',
} as const;

export const CREATED_FILTER = {
  created: { object: { gt: 'integer', gte: 'integer', lt: 'integer', lte: 'integer' } },
} as const;

export interface ListEnvelope<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

/** `created` may be an integer or `created[gt|gte|lt|lte]`. */
export function createdMatches(created: number, filter: Params[string] | undefined): boolean {
  if (filter === undefined || filter === null) return true;
  if (typeof filter === 'number') return created === filter;
  const f = filter as Record<string, number | undefined>;
  if (f.gt !== undefined && !(created > f.gt)) return false;
  if (f.gte !== undefined && !(created >= f.gte)) return false;
  if (f.lt !== undefined && !(created < f.lt)) return false;
  if (f.lte !== undefined && !(created <= f.lte)) return false;
  return true;
}

/**
 * Stripe's cursor pagination over objects sorted newest first (`items` in creation order).
 * `starting_after` = the page after that id; `ending_before` = the page before it.
 */
export function paginate<T extends { id: string }>(
  itemsOldestFirst: readonly T[],
  params: Params,
  url: string,
  filter: (item: T) => boolean = () => true,
): ListEnvelope<T> {
  const limit = (params.limit as number | undefined) ?? 10;
  if (limit < 1 || limit > 100) {
    throw invalidRequest('Invalid limit: must be between 1 and 100', 'limit');
  }
  const newestFirst: T[] = [];
  for (let i = itemsOldestFirst.length - 1; i >= 0; i--) {
    const item = itemsOldestFirst[i]!;
    if (filter(item)) newestFirst.push(item);
  }
  const startingAfter = params.starting_after as string | undefined;
  const endingBefore = params.ending_before as string | undefined;
  if (startingAfter !== undefined && endingBefore !== undefined) {
    throw invalidRequest(
      'You may only specify one of these parameters: ending_before, starting_after.',
      'ending_before',
    );
  }
  if (startingAfter !== undefined) {
    const idx = newestFirst.findIndex((i) => i.id === startingAfter);
    if (idx === -1) throw invalidRequest(`No such object: '${startingAfter}'`, 'starting_after');
    const rest = newestFirst.slice(idx + 1);
    return { object: 'list', data: rest.slice(0, limit), has_more: rest.length > limit, url };
  }
  if (endingBefore !== undefined) {
    const idx = newestFirst.findIndex((i) => i.id === endingBefore);
    if (idx === -1) throw invalidRequest(`No such object: '${endingBefore}'`, 'ending_before');
    const before = newestFirst.slice(0, idx);
    const page = before.slice(Math.max(0, before.length - limit));
    return { object: 'list', data: page, has_more: before.length > limit, url };
  }
  return { object: 'list', data: newestFirst.slice(0, limit), has_more: newestFirst.length > limit, url };
}
