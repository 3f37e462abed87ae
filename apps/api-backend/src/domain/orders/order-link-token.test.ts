import { describe, expect, it } from 'vitest';
import { createOrderLinkToken, isOrderLinkToken, verifyOrderLinkToken } from './order-link-token';

const SECRET = 'a-test-secret-of-some-length-0123456789';
const ORDER = '65a1b2c3d4e5f60718293a4b';
const later = new Date(Date.now() + 3600_000);

describe('order link tokens', () => {
  it('opens its order until it expires', () => {
    const token = createOrderLinkToken(SECRET, ORDER, later);
    expect(isOrderLinkToken(token)).toBe(true);
    expect(verifyOrderLinkToken(SECRET, token)).toBe(ORDER);
    expect(verifyOrderLinkToken(SECRET, token, new Date(later.getTime() + 1000))).toBeNull();
  });

  it('refuses another secret, a changed order id, expiry or signature', () => {
    const token = createOrderLinkToken(SECRET, ORDER, later);
    const [p, , e, mac] = token.split('.');
    expect(verifyOrderLinkToken(`${SECRET}x`, token)).toBeNull();
    expect(verifyOrderLinkToken(SECRET, `${p}.65a1b2c3d4e5f60718293a4c.${e}.${mac}`)).toBeNull();
    expect(verifyOrderLinkToken(SECRET, `${p}.${ORDER}.zzzzzz.${mac}`)).toBeNull();
    expect(verifyOrderLinkToken(SECRET, `${p}.${ORDER}.${e}.${mac?.slice(0, -2)}AA`)).toBeNull();
    expect(verifyOrderLinkToken(SECRET, 'ol1.x')).toBeNull();
    expect(verifyOrderLinkToken(SECRET, `${token}.extra`)).toBeNull();
  });
});
