/** Fault modes for testing clients and webhook receivers (set through /_sandbox/faults or the handle). */
export interface Faults {
  /** Deliver every webhook event this many times in total to each endpoint (2 = one duplicate). */
  duplicate?: number;
  /** Deliver events in a shuffled order (events are gathered for `shuffleWindowMs`, 100 ms by default). */
  shuffle?: boolean;
  shuffleWindowMs?: number;
  /** Drop the first attempt of every delivery (recorded as `dropped`); the retry schedule then delivers it. */
  dropFirst?: boolean;
  /** Never deliver webhooks (recorded as `dropped`, not retried): for reconciliation tests. */
  dropAll?: boolean;
  /**
   * Answer the next matching API request(s) with an error. phase 'before' (default): nothing is executed;
   * phase 'after': the request is executed and its result stored under its idempotency key, but the
   * client receives the error (a lost response), so a retry with the same key gets the replay.
   */
  failNext?: FailNextFault | null;
  /** Delay every API request by this many ms after it has claimed its idempotency key. */
  latencyMs?: number;
}

export interface FailNextFault {
  method?: string;
  /** Path prefix, e.g. `/v1/payment_intents`. */
  path?: string;
  status?: number;
  phase?: 'before' | 'after';
  /** How many requests to fail (default 1). */
  count?: number;
}

const KEYS = new Set([
  'duplicate',
  'shuffle',
  'shuffleWindowMs',
  'dropFirst',
  'dropAll',
  'failNext',
  'latencyMs',
]);
const FAIL_KEYS = new Set(['method', 'path', 'status', 'phase', 'count']);

/** Validates a faults document (JSON from the control API); returns an error message or the faults. */
export function parseFaults(input: unknown): Faults | string {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return 'faults must be a JSON object';
  const f = input as Record<string, unknown>;
  for (const k of Object.keys(f)) if (!KEYS.has(k)) return `unknown fault: ${k}`;
  const out: Faults = {};
  const nonNegInt = (k: string) => {
    const v = f[k];
    if (v === undefined) return true;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 600_000) return false;
    (out as Record<string, unknown>)[k] = v;
    return true;
  };
  const bool = (k: string) => {
    const v = f[k];
    if (v === undefined) return true;
    if (typeof v !== 'boolean') return false;
    (out as Record<string, unknown>)[k] = v;
    return true;
  };
  for (const k of ['duplicate', 'shuffleWindowMs', 'latencyMs'])
    if (!nonNegInt(k)) return `${k} must be an integer >= 0`;
  for (const k of ['shuffle', 'dropFirst', 'dropAll']) if (!bool(k)) return `${k} must be a boolean`;
  if (out.duplicate !== undefined && out.duplicate > 10) return 'duplicate must be at most 10';
  if (f.failNext !== undefined && f.failNext !== null) {
    const n = f.failNext as Record<string, unknown>;
    if (typeof n !== 'object' || Array.isArray(n)) return 'failNext must be an object';
    for (const k of Object.keys(n)) if (!FAIL_KEYS.has(k)) return `unknown failNext field: ${k}`;
    const fail: FailNextFault = {};
    if (n.method !== undefined) {
      if (typeof n.method !== 'string') return 'failNext.method must be a string';
      fail.method = n.method.toUpperCase();
    }
    if (n.path !== undefined) {
      if (typeof n.path !== 'string') return 'failNext.path must be a string';
      fail.path = n.path;
    }
    if (n.status !== undefined) {
      if (typeof n.status !== 'number' || !Number.isInteger(n.status) || n.status < 400 || n.status > 599) {
        return 'failNext.status must be an HTTP error status';
      }
      fail.status = n.status;
    }
    if (n.phase !== undefined) {
      if (n.phase !== 'before' && n.phase !== 'after') return "failNext.phase must be 'before' or 'after'";
      fail.phase = n.phase;
    }
    if (n.count !== undefined) {
      if (typeof n.count !== 'number' || !Number.isInteger(n.count) || n.count < 1) {
        return 'failNext.count must be a positive integer';
      }
      fail.count = n.count;
    }
    out.failNext = fail;
  }
  return out;
}
