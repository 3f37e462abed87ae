import { buildEvent, type EventRequest } from './events/event-builder';
import type { Faults } from './faults';
import { IdempotencyStore } from './http/idempotency-store';
import {
  DEFAULT_RETRY_SCHEDULE,
  type ResolvedOptions,
  type SandboxOptions,
  type ThreeDSMode,
} from './options';
import type { StripeEvent } from './state/objects';
import { Store } from './state/store';
import { newWebhookSecret } from './webhooks/signature';
import { WebhookDispatcher, type WebhookTarget } from './webhooks/webhook-dispatcher';

export const ENV_ENDPOINT_ID = 'env';

/** The sandbox's state and services; the HTTP layer and the use cases share one instance. */
export class Sandbox {
  readonly options: ResolvedOptions;
  readonly store: Store;
  readonly idempotency = new IdempotencyStore();
  readonly webhooks: WebhookDispatcher;
  faults: Faults = {};
  threeDSMode: ThreeDSMode;
  /** Base URL for links handed to browsers (challenge page); set once listening. */
  baseUrl = '';
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(input: SandboxOptions = {}) {
    this.options = {
      port: input.port ?? 0,
      host: input.host ?? '127.0.0.1',
      webhookUrl: input.webhookUrl || undefined,
      webhookSecret: input.webhookSecret || newWebhookSecret(),
      retrySchedule: input.retrySchedule ?? DEFAULT_RETRY_SCHEDULE,
      webhookTimeoutMs: input.webhookTimeoutMs ?? 10_000,
      threeDSMode: input.threeDSMode ?? 'manual',
      persistFile: input.persistFile || undefined,
      publicUrl: input.publicUrl?.replace(/\/+$/, '') || undefined,
      refundSettleMs: input.refundSettleMs ?? 1000,
    };
    this.threeDSMode = this.options.threeDSMode;
    this.store = new Store(this.options.persistFile);
    this.webhooks = new WebhookDispatcher({
      retrySchedule: this.options.retrySchedule,
      timeoutMs: this.options.webhookTimeoutMs,
      faults: () => this.faults,
      onDelivered: (eventId) => {
        const e = this.store.events.get(eventId);
        if (e && e.pending_webhooks > 0) e.pending_webhooks -= 1;
      },
    });
  }

  /** Every webhook target: endpoints created through the API plus the option/env one. */
  targets(): WebhookTarget[] {
    const out: WebhookTarget[] = [];
    for (const we of this.store.webhookEndpoints.values()) {
      if (we.status !== 'enabled') continue;
      out.push({ id: we.id, url: we.url, secret: we.secret!, enabledEvents: we.enabled_events });
    }
    if (this.options.webhookUrl) {
      out.push({
        id: ENV_ENDPOINT_ID,
        url: this.options.webhookUrl,
        secret: this.options.webhookSecret,
        enabledEvents: ['*'],
      });
    }
    return out;
  }

  /** Records an event (snapshot of `object`) and hands it to the webhook dispatcher. */
  emit(
    type: string,
    object: object,
    request: EventRequest,
    previousAttributes?: Record<string, unknown>,
  ): StripeEvent {
    const targets = this.targets();
    let pending = 0;
    for (const t of targets) if (t.enabledEvents.some((e) => e === '*' || e === type)) pending++;
    const event = buildEvent(type, object, request, pending, previousAttributes);
    this.store.events.set(event.id, event);
    this.store.changed();
    if (pending > 0) this.webhooks.dispatch(event, targets);
    return event;
  }

  /** Runs `fn` later (refund settlement etc.); cancelled by reset/close. */
  later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  reset(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.store.clear();
    this.idempotency.clear();
    this.webhooks.reset();
    this.faults = {};
    this.threeDSMode = this.options.threeDSMode;
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.webhooks.close();
    this.store.flush();
  }
}
