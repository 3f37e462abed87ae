/**
 * Order links sent by e-mail carry a scoped, expiring token instead of the order access token (which
 * is never stored in clear, so it cannot be e-mailed later anyway):
 *   `ol1.<orderId>.<expiry, base 36 seconds>.<HMAC-SHA256, base64url>`
 * It opens exactly one order, as its customer, until it expires. The key is derived from the JWT secret
 * (rotating that secret revokes every link). Verification is constant-time.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'ol1';
const ORDER_ID = /^[0-9a-f]{24}$/;

function keyOf(secret: string): Buffer {
  return createHash('sha256').update(`lumira-order-link:${secret}`).digest();
}

function signature(secret: string, orderId: string, expiry: string): Buffer {
  return createHmac('sha256', keyOf(secret)).update(`${PREFIX}.${orderId}.${expiry}`).digest();
}

export function isOrderLinkToken(token: string): boolean {
  return token.startsWith(`${PREFIX}.`);
}

export function createOrderLinkToken(secret: string, orderId: string, expiresAt: Date): string {
  const expiry = Math.floor(expiresAt.getTime() / 1000).toString(36);
  return `${PREFIX}.${orderId}.${expiry}.${signature(secret, orderId, expiry).toString('base64url')}`;
}

/** The order the token opens, or null (malformed, forged or expired). */
export function verifyOrderLinkToken(secret: string, token: string, now: Date = new Date()): string | null {
  if (token.length > 200) return null;
  const [prefix, orderId, expiry, mac, ...rest] = token.split('.');
  if (prefix !== PREFIX || !orderId || !expiry || !mac || rest.length > 0) return null;
  if (!ORDER_ID.test(orderId) || !/^[0-9a-z]{1,12}$/.test(expiry)) return null;
  const expected = signature(secret, orderId, expiry);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (Number.parseInt(expiry, 36) * 1000 <= now.getTime()) return null;
  return orderId;
}
