import { TEST_CARDS } from './server/cards/test-cards';
import { listen } from './server/create-server';
import type { Faults } from './server/faults';
import type { SandboxOptions, ThreeDSMode } from './server/options';
import { completeIntentThreeDS } from './server/payments/complete-three-ds';
import { newWebhookSecret, signatureHeader } from './server/webhooks/signature';
import type { Delivery } from './server/webhooks/webhook-dispatcher';

export type { TestCard } from './server/cards/test-cards';
export type { FailNextFault, Faults } from './server/faults';
export type { SandboxOptions, ThreeDSMode } from './server/options';
export type { Delivery } from './server/webhooks/webhook-dispatcher';
export { newWebhookSecret, signatureHeader, TEST_CARDS };

export interface SandboxHandle {
  /** `http://127.0.0.1:<port>` (API base, challenge pages, /v3/stripe.js). */
  url: string;
  port: number;
  /** Secret of the option/env webhook endpoint (generated when not given). */
  webhookSecret: string;
  close(): Promise<void>;
  /** Forget every object, event, idempotency key, delivery and fault. */
  reset(): void;
  /** Replace the fault modes (an empty object turns them all off). */
  setFaults(faults: Faults): void;
  faults(): Faults;
  deliveries(): Delivery[];
  /** Resolves when no webhook delivery is queued or in flight (scheduled retries excluded). */
  webhooksIdle(): Promise<void>;
  setThreeDSMode(mode: ThreeDSMode): void;
  /** Resolve a pending 3-D Secure challenge (PaymentIntent or SetupIntent) without a browser. */
  completeThreeDS(intentId: string, outcome: 'completed' | 'failed'): void;
}

/** Starts an offline, stateful, Stripe-compatible server (see the package README). */
export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const { sandbox, server, url, port } = await listen(options);
  let closed = false;
  return {
    url,
    port,
    webhookSecret: sandbox.options.webhookSecret,
    async close() {
      if (closed) return;
      closed = true;
      sandbox.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    reset: () => sandbox.reset(),
    setFaults: (faults) => {
      sandbox.faults = { ...faults };
    },
    faults: () => ({ ...sandbox.faults }),
    deliveries: () => sandbox.webhooks.deliveries(),
    webhooksIdle: () => sandbox.webhooks.whenIdle(),
    setThreeDSMode: (mode) => {
      sandbox.threeDSMode = mode;
    },
    completeThreeDS: (id, outcome) => {
      completeIntentThreeDS(sandbox, id, outcome);
    },
  };
}
