/** One request at a time over a keep-alive connection, timed from write to the last byte of the body. */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

export interface TimedResponse {
  status: number;
  body: string;
  ms: number;
}

export interface RequestSpec {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Resolve once the status line and headers arrived, then close (server-sent event streams). */
  headersOnly?: boolean;
}

export function timedRequest(url: string, spec: RequestSpec = {}): Promise<TimedResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...spec.headers };
    if (spec.body !== undefined) headers['content-length'] = String(Buffer.byteLength(spec.body));
    const started = performance.now();
    const req = http.request(
      url,
      { method: spec.method ?? 'GET', headers, agent: spec.headersOnly ? false : agent },
      (res) => {
        if (spec.headersOnly) {
          const ms = performance.now() - started;
          resolve({ status: res.statusCode ?? 0, body: '', ms });
          res.destroy();
          req.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', (error) => {
      if (!spec.headersOnly || !req.destroyed) reject(error);
    });
    req.end(spec.body);
  });
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}
