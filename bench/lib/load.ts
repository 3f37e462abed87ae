import autocannon from 'autocannon';

export interface LoadOptions {
  title: string;
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Called before every request: return a new body/headers/path (for unique ids, fresh signatures). */
  setupRequest?: () => { body?: string; headers?: Record<string, string>; path?: string };
  /** Called with every response (status and body), e.g. to keep the ids a later scenario needs. */
  onResponse?: (status: number, body: string) => void;
  connections: number;
  durationSeconds: number;
  /** Stop after this many requests instead of after `durationSeconds` (autocannon: amount wins). */
  amount?: number;
}

export interface LoadResult {
  title: string;
  requestsPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  total: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationSeconds: number;
  connections: number;
  statusCodes: Record<string, number>;
}

export function assertLoopback(target: string): void {
  const url = new URL(target);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error(`refusing to load ${url.hostname}: benchmarks target loopback only`);
  }
}

/** One bounded autocannon run against a loopback URL. */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  assertLoopback(opts.url);
  const setup = opts.setupRequest;
  const onResponse = opts.onResponse;
  const started = process.hrtime.bigint();
  const result = await autocannon({
    url: opts.url,
    method: opts.method ?? 'GET',
    headers: opts.headers,
    body: opts.body,
    // autocannon refuses more connections than requests when bounded by count.
    connections:
      opts.amount !== undefined ? Math.max(1, Math.min(opts.connections, opts.amount)) : opts.connections,
    duration: opts.durationSeconds,
    ...(opts.amount !== undefined ? { amount: opts.amount } : {}),
    requests:
      setup || onResponse
        ? [
            {
              ...(setup
                ? {
                    setupRequest: (req: Record<string, unknown>) => {
                      const next = setup();
                      return {
                        ...req,
                        ...(next.path ? { path: next.path } : {}),
                        ...(next.body !== undefined ? { body: next.body } : {}),
                        headers: { ...(req.headers as Record<string, string>), ...next.headers },
                      };
                    },
                  }
                : {}),
              ...(onResponse
                ? { onResponse: (status: number, body: string) => onResponse(status, body) }
                : {}),
            },
          ]
        : undefined,
  } as autocannon.Options);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
    statusCodes[code] = (stat as { count?: number }).count ?? 0;
  }
  const ok2xx = result['2xx'];
  const seconds = Math.max(result.duration || elapsed, 0.001);
  return {
    title: opts.title,
    // Successful answers per second over the whole run (errors and non-2xx are not throughput).
    requestsPerSecond: Math.round(ok2xx / seconds),
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    total: result.requests.total,
    ok2xx,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationSeconds: Math.round(seconds * 100) / 100,
    connections: opts.connections,
    statusCodes,
  };
}
