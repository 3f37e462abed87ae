import type { IncomingMessage, ServerResponse } from 'node:http';
import { RELEASE_TRAINS } from '../../stripe-js/script-source';
import { stripeJsBody } from './stripe-js-bundle';

const SCRIPT_PATHS = new Set([
  '/v3/stripe.js',
  '/v3/',
  '/v3',
  ...RELEASE_TRAINS.map((train) => `/${train}/stripe.js`),
]);

export function isStripeJsPath(pathname: string): boolean {
  return SCRIPT_PATHS.has(pathname);
}

/** The Stripe.js replacement, at /v3/stripe.js and at each release train's path (/clover/stripe.js, ...). */
export async function serveStripeJs(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const pathname = (req.url ?? '').split('?')[0] ?? '';
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' });
    res.end();
    return;
  }
  if (!isStripeJsPath(pathname)) {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('Not found');
    return;
  }
  let body: Buffer;
  try {
    body = await stripeJsBody();
  } catch {
    res.writeHead(503, { 'Content-Type': 'text/plain' });
    res.end('The Stripe.js replacement could not be built; run the package build.');
    return;
  }
  res.writeHead(200, {
    'Content-Type': 'application/javascript; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
