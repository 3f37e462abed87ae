import { describe, expect, it } from 'vitest';
import { latestOnly } from './latest-only';

describe('latestOnly', () => {
  it('lets only the newest call apply its answer', () => {
    const guard = latestOnly();
    const first = guard.begin();
    const second = guard.begin();
    expect(first()).toBe(false);
    expect(second()).toBe(true);
  });

  it('makes every call stale on cancel', () => {
    const guard = latestOnly();
    const call = guard.begin();
    guard.cancel();
    expect(call()).toBe(false);
    expect(guard.begin()()).toBe(true);
  });
});
