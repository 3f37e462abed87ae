/**
 * Helpers for the payments integration tests: drive the API over HTTP and the sandbox with the official
 * SDK exactly as a browser (Stripe.js) would, then wait for the webhook to land.
 */
import type { AdminOrderView, CreatePaymentIntentResponse, OrderStatus } from '@lumira/shared';
import pg from 'pg';
import Stripe from 'stripe';
import { ORDER_CHANGES_CHANNEL } from '../src/data/order-notifier';
import type { TestStack } from './harness';

export const DEMO_EXPERT_ID = '674123456789abcdef012345';

export type ApiAnswer<T = unknown> = { status: number; body: T; headers: Headers };

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
export async function api<T = any>(
  stack: Pick<TestStack, 'apiUrl'> | { apiUrl: string },
  method: string,
  path: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<ApiAnswer<T>> {
  const res = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: res.status, body: body as T, headers: res.headers };
}

export async function createOrder(
  stack: TestStack,
  body: Record<string, unknown> = {
    level: 'premium',
    service: 'premium',
    customerEmail: 'alice@example.com',
  },
  options: { token?: string; headers?: Record<string, string> } = {},
): Promise<CreatePaymentIntentResponse> {
  const res = await api<CreatePaymentIntentResponse>(stack, 'POST', '/api/payments/create-payment-intent', {
    body,
    ...options,
  });
  if (res.status !== 201) throw new Error(`create-payment-intent: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export function paymentIntentIdOf(clientSecret: string): string {
  return clientSecret.split('_secret_')[0]!;
}

/** Confirms with a test card alias (pm_card_visa, pm_card_chargeDeclined, ...); declines resolve too. */
export async function confirmCard(
  stack: TestStack,
  clientSecret: string,
  paymentMethod: string,
): Promise<{ status: string; declined: boolean }> {
  try {
    const pi = await stack.stripe.paymentIntents.confirm(paymentIntentIdOf(clientSecret), {
      payment_method: paymentMethod,
    });
    return { status: pi.status, declined: false };
  } catch (error) {
    if (error instanceof Stripe.errors.StripeCardError)
      return { status: 'requires_payment_method', declined: true };
    throw error;
  }
}

export async function readOrder(stack: TestStack, orderId: string, auth: { token?: string; jwt?: string }) {
  const query = auth.token ? `?token=${encodeURIComponent(auth.token)}` : '';
  return api<AdminOrderView>(stack, 'GET', `/api/payments/order/${orderId}${query}`, {
    token: auth.jwt,
  });
}

/** Polls until `check` passes (eventual delivery of webhooks); fails with the last value otherwise. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!check(last)) {
    if (Date.now() > deadline) throw new Error(`condition not reached; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
    last = await read();
  }
  return last;
}

export async function waitForStatus(
  stack: TestStack,
  orderId: string,
  token: string,
  status: OrderStatus,
): Promise<AdminOrderView> {
  const res = await eventually(
    () => readOrder(stack, orderId, { token }),
    (r) => r.status === 200 && r.body.status === status,
  );
  return res.body;
}

/** Creates an order and pays it with a card; waits until the webhook has made it `paid`. */
export async function paidOrder(
  stack: TestStack,
  paymentMethod = 'pm_card_visa',
  body?: Record<string, unknown>,
): Promise<CreatePaymentIntentResponse & { paymentIntentId: string }> {
  const created = await createOrder(stack, body);
  await confirmCard(stack, created.clientSecret, paymentMethod);
  await waitForStatus(stack, created.orderId, created.orderAccessToken, 'paid');
  return { ...created, paymentIntentId: paymentIntentIdOf(created.clientSecret) };
}

/**
 * Listens to the order-change channel for one order. `collect()` sends a marker on another channel and
 * waits for it: PostgreSQL delivers notifications in commit order, so every notice of a transaction
 * committed before `collect()` was called has arrived by then. Answers those notices and stops listening.
 */
export async function listenToOrderChanges(
  stack: Pick<TestStack, 'databaseUrl'>,
  orderId: string,
): Promise<{ collect(): Promise<{ orderId: string; status: string }[]> }> {
  const client = new pg.Client({ connectionString: stack.databaseUrl });
  await client.connect();
  const notices: { orderId: string; status: string }[] = [];
  let markerSeen: () => void = () => undefined;
  client.on('notification', (msg) => {
    if (msg.channel === 'lumira_test_marker') markerSeen();
    else if (msg.channel === ORDER_CHANGES_CHANNEL && msg.payload) {
      const notice = JSON.parse(msg.payload) as { orderId: string; status: string };
      if (notice.orderId === orderId) notices.push(notice);
    }
  });
  await client.query(`LISTEN ${ORDER_CHANGES_CHANNEL}`);
  await client.query('LISTEN lumira_test_marker');
  return {
    async collect() {
      const seen = new Promise<void>((resolve) => {
        markerSeen = resolve;
      });
      await client.query('NOTIFY lumira_test_marker');
      await seen;
      await client.end();
      return notices;
    },
  };
}
