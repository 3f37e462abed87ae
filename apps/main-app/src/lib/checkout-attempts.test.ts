import { describe, expect, it } from 'vitest';
import { createCheckoutAttempts } from './checkout-attempts';

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

const request = { level: 'premium', service: 'premium', customerEmail: 'a@b.fr' } as const;

describe('checkout attempts', () => {
  it('reuses the same idempotency key for the same request (retry, reload) until the payment is done', () => {
    const storage = memoryStorage();
    const attempts = createCheckoutAttempts(storage);
    let n = 0;
    const newKey = () => `key-${++n}`;
    const first = attempts.attemptFor(request, newKey);
    attempts.remember(first, 'order-1');
    expect(createCheckoutAttempts(storage).attemptFor({ ...request }, newKey).idempotencyKey).toBe('key-1');
    expect(attempts.forOrder('order-1')).toMatchObject({
      idempotencyKey: 'key-1',
      request,
      orderId: 'order-1',
    });
    attempts.finish();
    expect(attempts.attemptFor(request, newKey).idempotencyKey).toBe('key-2');
    // the order's own attempt stays available for "back to pay" links
    expect(attempts.forOrder('order-1')?.idempotencyKey).toBe('key-1');
  });

  it('starts a new attempt when the customer changes anything', () => {
    const attempts = createCheckoutAttempts(memoryStorage());
    const first = attempts.attemptFor(request, () => 'key-1');
    attempts.remember(first, 'order-1');
    expect(attempts.attemptFor({ ...request, customerEmail: 'c@d.fr' }, () => 'key-2').idempotencyKey).toBe(
      'key-2',
    );
    expect(
      attempts.attemptFor({ ...request, expertId: '674123456789abcdef012345' }, () => 'key-3').idempotencyKey,
    ).toBe('key-3');
  });

  it('works without storage and never stores a client secret', () => {
    const storage = memoryStorage();
    const attempts = createCheckoutAttempts(storage);
    attempts.remember(
      attempts.attemptFor(request, () => 'k'),
      'order-1',
    );
    expect([...storage.map.values()].join()).not.toMatch(/secret/);
    const none = createCheckoutAttempts(null);
    none.remember(
      none.attemptFor(request, () => 'k'),
      'o',
    );
    expect(none.forOrder('o')).toBeNull();
  });
});
