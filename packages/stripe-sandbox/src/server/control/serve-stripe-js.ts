import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Helper C's browser script, served at /v3/stripe.js and /v3/. */
export const STRIPE_JS_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../stripe-js/stripe-v3.js',
);

let cache: { mtimeMs: number; body: Buffer } | undefined;

export async function serveStripeJs(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const pathname = (req.url ?? '').split('?')[0];
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' });
    res.end();
    return;
  }
  if (pathname !== '/v3/stripe.js' && pathname !== '/v3/' && pathname !== '/v3') {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('Not found');
    return;
  }
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(STRIPE_JS_FILE);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('The Stripe.js replacement (src/stripe-js/stripe-v3.js) does not exist yet.');
    return;
  }
  if (!cache || cache.mtimeMs !== info.mtimeMs)
    cache = { mtimeMs: info.mtimeMs, body: await readFile(STRIPE_JS_FILE) };
  res.writeHead(200, {
    'Content-Type': 'application/javascript; charset=utf-8',
    'Content-Length': cache.body.length,
    'Cache-Control': 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : cache.body);
}
