import type { IncomingMessage, ServerResponse } from 'node:http';

const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\]|0\.0\.0\.0)(:\d{1,5})?$/;

export function isLocalOrigin(origin: string): boolean {
  return LOCAL_ORIGIN.test(origin);
}

/** CORS for browser calls from any local origin (and from `extraOrigin`, the sandbox's public URL). */
export function applyCors(
  req: IncomingMessage,
  res: ServerResponse,
  extraOrigin: string | undefined,
  open: boolean,
): void {
  const origin = req.headers.origin;
  if (!origin) return;
  if (open) res.setHeader('Access-Control-Allow-Origin', '*');
  else if (isLocalOrigin(origin) || origin === extraOrigin) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
  } else return;
  res.setHeader(
    'Access-Control-Expose-Headers',
    'Request-Id, Idempotent-Replayed, Original-Request, Stripe-Version',
  );
}

export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  if (!res.hasHeader('Access-Control-Allow-Origin')) {
    res.writeHead(403, { 'Content-Type': 'text/plain' });
    res.end('CORS: origin not allowed');
    return;
  }
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
  res.setHeader(
    'Access-Control-Allow-Headers',
    req.headers['access-control-request-headers'] ??
      'Authorization, Content-Type, Idempotency-Key, Stripe-Version, Stripe-Account',
  );
  res.setHeader('Access-Control-Max-Age', '600');
  res.writeHead(204);
  res.end();
}
