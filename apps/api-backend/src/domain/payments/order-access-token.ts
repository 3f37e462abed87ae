/**
 * Order access tokens: let a guest (no account) read, follow and cancel the order they paid for.
 *
 * - 32 random bytes (base64url), returned ONCE by create-payment-intent, stored only as a SHA-256 hash.
 * - A client retry carrying the same `Idempotency-Key` must get the same token back, yet we never store
 *   it in clear: the replay copy is sealed with AES-256-GCM under a key derived from the client's
 *   Idempotency-Key (which only that client knows) and the request hash. See docs/decisions/0012.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function generateOrderAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashOrderAccessToken(token: string): string {
  return createHash('sha256').update(`lumira-order-token:${token}`).digest('hex');
}

export function isOrderAccessTokenValid(
  token: string | undefined | null,
  storedHash: string | null,
): boolean {
  if (!token || !storedHash || token.length > 200) return false;
  const a = Buffer.from(hashOrderAccessToken(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

function sealKey(idempotencyKey: string, requestHash: string): Buffer {
  return createHash('sha256').update(`lumira-idem-seal:${idempotencyKey}:${requestHash}`).digest();
}

/** Seals the token for an idempotent replay. Output: base64url(iv | tag | ciphertext). */
export function sealTokenForReplay(token: string, idempotencyKey: string, requestHash: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(idempotencyKey, requestHash), iv);
  const ciphertext = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
}

/** Opens a sealed token; null when the key or hash do not match (tampered or other client). */
export function openSealedToken(sealed: string, idempotencyKey: string, requestHash: string): string | null {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv(
      'aes-256-gcm',
      sealKey(idempotencyKey, requestHash),
      raw.subarray(0, 12),
    );
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** Stable hash of a request body (+ caller) for Idempotency-Key conflict detection. */
export function hashRequest(scope: string, body: unknown): string {
  return createHash('sha256')
    .update(`${scope}\n${canonicalJson(body)}`)
    .digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
