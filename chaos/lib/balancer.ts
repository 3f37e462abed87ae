/**
 * A tiny round-robin HTTP load balancer on 127.0.0.1 in front of several API instances, as a real
 * deployment would have. Like nginx's default `proxy_next_upstream error`, a request is passed to the
 * next instance only when the connection could not be made (nothing was sent); once sent, a failure
 * becomes a 502 for the client, which retries (webhooks: the sandbox redelivers).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Balancer {
  url: string;
  port: number;
  /** Requests answered 502 because the instance failed after the request was sent. */
  stats(): { forwarded: number; failedOver: number; badGateway: number; byUpstream: Record<string, number> };
  close(): Promise<void>;
}

export async function startBalancer(upstreams: () => string[]): Promise<Balancer> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  let next = 0;
  const stats = { forwarded: 0, failedOver: 0, badGateway: 0, byUpstream: {} as Record<string, number> };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const list = upstreams();
      const start = next++;
      const tryUpstream = (attempt: number) => {
        const target = new URL(list[(start + attempt) % list.length]!);
        const headers = {
          ...req.headers,
          host: target.host,
          'x-forwarded-for': req.socket.remoteAddress ?? '',
        };
        delete headers.connection;
        const upstream = http.request(
          {
            host: target.hostname,
            port: target.port,
            method: req.method,
            path: req.url,
            headers: { ...headers, 'content-length': String(body.length) },
            agent,
          },
          (up) => {
            stats.forwarded++;
            stats.byUpstream[target.port] = (stats.byUpstream[target.port] ?? 0) + 1;
            const outHeaders = { ...up.headers };
            delete outHeaders.connection;
            delete outHeaders['keep-alive'];
            res.writeHead(up.statusCode ?? 502, outHeaders);
            up.pipe(res);
            up.on('error', () => res.destroy());
          },
        );
        upstream.on('error', (error: NodeJS.ErrnoException) => {
          if (res.headersSent) {
            res.destroy();
            return;
          }
          if (error.code === 'ECONNREFUSED' && attempt + 1 < list.length) {
            stats.failedOver++;
            tryUpstream(attempt + 1);
            return;
          }
          stats.badGateway++;
          res.writeHead(502, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'BAD_GATEWAY', message: 'upstream failed' } }));
        });
        upstream.end(body);
      };
      tryUpstream(0);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats: () => ({ ...stats, byUpstream: { ...stats.byUpstream } }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
