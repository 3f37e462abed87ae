import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
let pool = randomBytes(8192);
let offset = 0;

/** Random alphanumeric string (Stripe-like ids); uses a pooled CSPRNG buffer for speed. */
export function randomString(length: number): string {
  if (offset + length > pool.length) {
    pool = randomBytes(8192);
    offset = 0;
  }
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET[pool[offset + i]! % 62];
  offset += length;
  return s;
}

/** `pi_3Q...` style ids: prefix + 24 characters. */
export function newId(prefix: string): string {
  return `${prefix}_${randomString(24)}`;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
