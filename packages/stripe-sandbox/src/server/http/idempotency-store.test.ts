import { describe, expect, it } from 'vitest';
import { fingerprintOf, IDEMPOTENCY_RETENTION_MS, IdempotencyStore } from './idempotency-store';
import type { StripeError } from './stripe-error';

const response = { status: 200, body: '{"id":"pi_1"}', headers: {}, requestId: 'req_1' };

function statusOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (e) {
    return (e as StripeError).status;
  }
  return undefined;
}

describe('IdempotencyStore', () => {
  it('claims a new key, then replays it', () => {
    const store = new IdempotencyStore();
    expect(store.claim('k', 'POST', '/v1/x', 'a', 0)).toBeNull();
    store.complete('k', response);
    expect(store.claim('k', 'POST', '/v1/x', 'a', 1000)).toEqual(response);
  });

  it('answers 409 while running and 400 for other parameters or endpoints', () => {
    const store = new IdempotencyStore();
    store.claim('k', 'POST', '/v1/x', 'a', 0);
    expect(statusOf(() => store.claim('k', 'POST', '/v1/x', 'a', 1))).toBe(409);
    store.complete('k', response);
    expect(statusOf(() => store.claim('k', 'POST', '/v1/x', 'b', 2))).toBe(400);
    expect(statusOf(() => store.claim('k', 'POST', '/v1/y', 'a', 2))).toBe(400);
  });

  it('keeps keys for 24 hours, then forgets them', () => {
    const store = new IdempotencyStore();
    store.claim('k', 'POST', '/v1/x', 'a', 0);
    store.complete('k', response);
    expect(store.claim('k', 'POST', '/v1/x', 'a', IDEMPOTENCY_RETENTION_MS - 1)).toEqual(response);
    expect(store.claim('k', 'POST', '/v1/x', 'other', IDEMPOTENCY_RETENTION_MS)).toBeNull();
  });

  it('releases a key whose request did not run', () => {
    const store = new IdempotencyStore();
    store.claim('k', 'POST', '/v1/x', 'a', 0);
    store.release('k');
    expect(store.claim('k', 'POST', '/v1/x', 'b', 1)).toBeNull();
  });

  it('fingerprints parameters independently of their order', () => {
    expect(fingerprintOf({ a: '1', m: { x: '1', y: '2' } })).toBe(
      fingerprintOf({ m: { y: '2', x: '1' }, a: '1' }),
    );
    expect(fingerprintOf({ a: '1' })).not.toBe(fingerprintOf({ a: '2' }));
  });
});
