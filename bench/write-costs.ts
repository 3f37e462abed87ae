/**
 * `node --import tsx bench/write-costs.ts`: the fixed costs inside the write endpoints that no table size
 * changes, each alone, one at a time (N=30 samples each):
 * - one argon2id hash and one verify with the API's parameters (`domain/auth/password.ts`): register
 *   hashes once, login verifies once;
 * - the provider calls through the API's own adapter (`StripeGateway`, official SDK) against the Stripe
 *   sandbox: retrieve a PaymentIntent (confirm-payment and the webhook re-read it) and create a Refund
 *   (admin refund and retry).
 */
import { performance } from 'node:perf_hooks';
import { hashPassword, verifyPassword } from '../apps/api-backend/src/domain/auth/password';
import { StripeGateway } from '../apps/api-backend/src/providers/stripe-gateway';
import { percentile } from './lib/http-client';
import { runSecrets, startSandboxProcess } from './lib/stack';

const N = Number(process.env.N ?? 30);
const WARMUP = 3;

async function timed(label: string, f: (i: number) => Promise<unknown>): Promise<void> {
  const times: number[] = [];
  for (let i = -WARMUP; i < N; i++) {
    const started = performance.now();
    await f(i + WARMUP);
    if (i >= 0) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const ms = (n: number) => n.toFixed(1);
  console.log(
    `${label}: p50 ${ms(percentile(times, 50))} ms, p99 ${ms(percentile(times, 99))} ms, min ${ms(times[0]!)} ms (${N})`,
  );
}

const password = 'scale-password-2026';
const stored = await hashPassword(password);
await timed('argon2id hash (19 MiB, t=2, p=1)', (i) => hashPassword(`${password}-${i}`));
await timed('argon2id verify', () => verifyPassword(stored, password));

const secrets = runSecrets();
const sandbox = await startSandboxProcess({});
try {
  const gateway = new StripeGateway({
    secretKey: secrets.secretKey,
    webhookSecret: secrets.webhookSecret,
    apiBase: sandbox.url,
  });
  const run = Date.now().toString(36);
  const paymentIntents: string[] = [];
  for (let i = 0; i < N + WARMUP; i++) {
    const pi = await gateway.createPaymentIntent({
      orderId: `bench${i}`,
      amount: { amount: 7900, currency: 'EUR' },
      idempotencyKey: `bench:${run}:${i}:pi`,
    });
    const res = await fetch(`${sandbox.url}/v1/payment_intents/${pi.id}/confirm`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${secrets.secretKey}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'payment_method=pm_card_visa',
    });
    if (!res.ok) throw new Error(`confirm ${pi.id}: ${res.status} ${await res.text()}`);
    paymentIntents.push(pi.id);
  }
  await timed('provider: retrieve a PaymentIntent', (i) => gateway.retrievePaymentIntent(paymentIntents[i]!));
  await timed('provider: create a Refund', (i) =>
    gateway.createRefund({
      paymentIntentId: paymentIntents[i]!,
      amount: { amount: 7900, currency: 'EUR' },
      orderId: `bench${i}`,
      refundId: `refund${i}`,
      idempotencyKey: `bench:${run}:${i}:refund`,
    }),
  );
} finally {
  await sandbox.proc.stop();
}
process.exit(0);
