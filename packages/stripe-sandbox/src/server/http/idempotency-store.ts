import { idempotencyError } from './stripe-error';

export interface StoredResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
  requestId: string;
}

interface Entry {
  method: string;
  path: string;
  fingerprint: string;
  createdAt: number;
  response: StoredResponse | null; // null while the first request is running
}

export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
export const MAX_KEY_LENGTH = 255;

/**
 * Stripe's idempotency (stripe-behaviour.md section 5): the first request's status and body are kept for
 * 24 h and replayed for the same key; another path or other parameters -> 400 idempotency_error; a key
 * whose first request is still running -> 409. Only requests that passed validation are claimed.
 */
export class IdempotencyStore {
  private entries = new Map<string, Entry>();
  private lastSweep = Date.now();

  /**
   * Returns the stored response to replay, or null after claiming the key for a new execution.
   * Throws the 400/409 idempotency errors.
   */
  claim(
    key: string,
    method: string,
    path: string,
    fingerprint: string,
    now = Date.now(),
  ): StoredResponse | null {
    this.sweep(now);
    const existing = this.entries.get(key);
    if (existing && now - existing.createdAt < IDEMPOTENCY_RETENTION_MS) {
      if (existing.method !== method || existing.path !== path) {
        throw idempotencyError(
          400,
          `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${existing.method} ${existing.path}' vs '${method} ${path}'). Try using a key other than '${key}' if you meant to execute a different request.`,
        );
      }
      if (existing.fingerprint !== fingerprint) {
        throw idempotencyError(
          400,
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        );
      }
      if (existing.response === null) {
        throw idempotencyError(
          409,
          'There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ' +
            `${key}. Please try again later.`,
        );
      }
      return existing.response;
    }
    if (existing) this.entries.delete(key); // keep the map in age order for the sweep
    this.entries.set(key, { method, path, fingerprint, createdAt: now, response: null });
    return null;
  }

  complete(key: string, response: StoredResponse): void {
    const e = this.entries.get(key);
    if (e) e.response = response;
  }

  /** Forget a claimed key (used when nothing was executed). */
  release(key: string): void {
    const e = this.entries.get(key);
    if (e && e.response === null) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [k, e] of this.entries) {
      if (now - e.createdAt >= IDEMPOTENCY_RETENTION_MS) this.entries.delete(k);
      else break; // insertion order == age order
    }
  }
}

/** Order-independent fingerprint of decoded parameters. */
export function fingerprintOf(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = canonical((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}
