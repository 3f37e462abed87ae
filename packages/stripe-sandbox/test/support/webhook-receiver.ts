import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

export interface ReceivedWebhook {
  event: Stripe.Event;
  rawBody: string;
  signature: string;
  receivedAt: number;
}

/**
 * A real local HTTP webhook receiver that verifies every request with `stripe.webhooks.constructEvent`.
 * `respond` decides the status per request (default 200).
 */
export async function startWebhookReceiver(secret: string) {
  const verifier = new Stripe('sk_test_receiver');
  const received: ReceivedWebhook[] = [];
  const rejected: string[] = [];
  let respond: (event: Stripe.Event, attempt: number) => number = () => 200;
  const attempts = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const signature = String(req.headers['stripe-signature'] ?? '');
      let event: Stripe.Event;
      try {
        event = verifier.webhooks.constructEvent(rawBody, signature, secret);
      } catch (e) {
        rejected.push((e as Error).message);
        res.writeHead(400).end();
        return;
      }
      const attempt = (attempts.get(event.id) ?? 0) + 1;
      attempts.set(event.id, attempt);
      const status = respond(event, attempt);
      if (status >= 200 && status < 300) received.push({ event, rawBody, signature, receivedAt: Date.now() });
      res.writeHead(status, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    received,
    rejected,
    attempts,
    /** Types of accepted events, in arrival order. */
    types: () => received.map((r) => r.event.type),
    setResponder(fn: (event: Stripe.Event, attempt: number) => number) {
      respond = fn;
    },
    clear() {
      received.length = 0;
      rejected.length = 0;
      attempts.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;

/** Polls until `check` returns a truthy value (bounded; no timing assertions). */
export async function waitFor<T>(
  check: () => T | undefined | null | false,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function sdkFor(
  port: number,
  key = 'sk_test_sandbox_conformance',
  options: Partial<Stripe.StripeConfig> = {},
): Stripe {
  return new Stripe(key, { host: '127.0.0.1', port, protocol: 'http', ...options });
}
