import { describe, expect, it } from 'vitest';
import type { StripeError } from '../http/stripe-error';
import { createdMatches, paginate } from './list-page';

// Oldest first, as the store keeps them; lists show newest first.
const items = Array.from({ length: 7 }, (_, i) => ({ id: `obj_${i}`, created: 1000 + i }));
const ids = (page: { data: { id: string }[] }) => page.data.map((d) => d.id);

describe('paginate', () => {
  it('lists newest first with has_more', () => {
    const page = paginate(items, { limit: 3 }, '/v1/x');
    expect(ids(page)).toEqual(['obj_6', 'obj_5', 'obj_4']);
    expect(page).toMatchObject({ object: 'list', has_more: true, url: '/v1/x' });
    expect(paginate(items, {}, '/v1/x').has_more).toBe(false);
  });

  it('pages forward with starting_after and backward with ending_before', () => {
    const next = paginate(items, { limit: 3, starting_after: 'obj_4' }, '/v1/x');
    expect(ids(next)).toEqual(['obj_3', 'obj_2', 'obj_1']);
    expect(next.has_more).toBe(true);
    const last = paginate(items, { limit: 3, starting_after: 'obj_1' }, '/v1/x');
    expect(ids(last)).toEqual(['obj_0']);
    expect(last.has_more).toBe(false);
    const back = paginate(items, { limit: 2, ending_before: 'obj_3' }, '/v1/x');
    expect(ids(back)).toEqual(['obj_5', 'obj_4']);
    expect(back.has_more).toBe(true);
  });

  it('filters before paging', () => {
    const even = paginate(items, { limit: 2 }, '/v1/x', (i) => i.created % 2 === 0);
    expect(ids(even)).toEqual(['obj_6', 'obj_4']);
  });

  it.each([
    [{ limit: 0 }, 'limit'],
    [{ limit: 101 }, 'limit'],
    [{ starting_after: 'nope' }, 'starting_after'],
    [{ starting_after: 'obj_1', ending_before: 'obj_2' }, 'ending_before'],
  ])('rejects %o', (params, param) => {
    try {
      paginate(items, params, '/v1/x');
      expect.unreachable();
    } catch (e) {
      expect((e as StripeError).fields.param).toBe(param);
    }
  });
});

describe('createdMatches', () => {
  it.each([
    [undefined, 1000, true],
    [1000, 1000, true],
    [999, 1000, false],
    [{ gt: 999 }, 1000, true],
    [{ gt: 1000 }, 1000, false],
    [{ gte: 1000, lte: 1000 }, 1000, true],
    [{ lt: 1000 }, 1000, false],
    [{ gte: 900, lt: 1001 }, 1000, true],
  ])('%o matches %i: %s', (filter, created, expected) => {
    expect(createdMatches(created, filter as never)).toBe(expected);
  });
});
