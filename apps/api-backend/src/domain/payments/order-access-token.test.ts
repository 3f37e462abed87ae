import { describe, expect, it } from 'vitest';
import {
  generateOrderAccessToken,
  hashOrderAccessToken,
  hashRequest,
  isOrderAccessTokenValid,
  openSealedToken,
  sealTokenForReplay,
} from './order-access-token';

describe('order access tokens', () => {
  it('accepts the issued token and nothing else', () => {
    const token = generateOrderAccessToken();
    const hash = hashOrderAccessToken(token);
    expect(hash).not.toContain(token);
    expect(isOrderAccessTokenValid(token, hash)).toBe(true);
    expect(isOrderAccessTokenValid(generateOrderAccessToken(), hash)).toBe(false);
    expect(isOrderAccessTokenValid('', hash)).toBe(false);
    expect(isOrderAccessTokenValid(undefined, hash)).toBe(false);
    expect(isOrderAccessTokenValid(token, null)).toBe(false);
  });

  it('a sealed replay copy opens only with the same idempotency key and request hash', () => {
    const token = generateOrderAccessToken();
    const sealed = sealTokenForReplay(token, 'key-1', 'hash-1');
    expect(sealed).not.toContain(token);
    expect(openSealedToken(sealed, 'key-1', 'hash-1')).toBe(token);
    expect(openSealedToken(sealed, 'key-2', 'hash-1')).toBeNull();
    expect(openSealedToken(sealed, 'key-1', 'hash-2')).toBeNull();
    expect(openSealedToken('garbage', 'key-1', 'hash-1')).toBeNull();
  });

  it('request hashes ignore key order but not values', () => {
    expect(hashRequest('s', { a: 1, b: 'x' })).toBe(hashRequest('s', { b: 'x', a: 1 }));
    expect(hashRequest('s', { a: 1 })).not.toBe(hashRequest('s', { a: 2 }));
    expect(hashRequest('s', { a: 1 })).not.toBe(hashRequest('t', { a: 1 }));
  });
});
