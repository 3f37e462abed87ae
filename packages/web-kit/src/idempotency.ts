/**
 * A fresh key for one attempt of a call that moves money (the API derives its provider keys from it).
 * Works on plain http, where crypto.randomUUID may be missing.
 */
export function newIdempotencyKey(prefix = 'checkout'): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
