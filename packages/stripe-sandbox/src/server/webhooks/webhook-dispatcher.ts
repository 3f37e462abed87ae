import http from 'node:http';
import https from 'node:https';
import type { Faults } from '../faults';
import { randomString } from '../state/ids';
import type { StripeEvent } from '../state/objects';
import { signatureHeader } from './signature';

export interface WebhookTarget {
  /** `we_...` for endpoints registered through the API, `env` for the one given by option/env. */
  id: string;
  url: string;
  secret: string;
  enabledEvents: readonly string[];
}

export interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  endpointId: string;
  url: string;
  /** 1 for the first attempt of a delivery, then 2, 3, ... for its retries. */
  attempt: number;
  /** Which copy when the duplicate fault is active (1 = the original). */
  copy: number;
  outcome: 'succeeded' | 'failed' | 'dropped';
  httpStatus: number | null;
  error: string | null;
  at: string;
  durationMs: number;
  /** When the next attempt is due (ISO), null when none will be made. */
  nextAttemptAt: string | null;
}

interface Job {
  event: StripeEvent;
  payload: string;
  target: WebhookTarget;
  attempt: number;
  copy: number;
  bypassFaults: boolean;
}

export interface DispatcherOptions {
  /** Seconds to wait before each retry; its length is the number of retries. */
  retrySchedule: readonly number[];
  timeoutMs: number;
  faults: () => Faults;
  /** Called when a delivery to an endpoint finally succeeds (first time per event and endpoint). */
  onDelivered: (eventId: string) => void;
}

const MAX_LOG = 10_000;

export function matchesEnabledEvents(enabled: readonly string[], type: string): boolean {
  return enabled.some((e) => e === '*' || e === type);
}

/**
 * Sends events to webhook endpoints: one ordered queue per endpoint, a fresh signature at each attempt,
 * retries on non-2xx/timeout following the schedule, a delivery log, and the fault modes.
 */
export class WebhookDispatcher {
  private readonly options: DispatcherOptions;
  private readonly queues = new Map<string, Job[]>();
  private readonly busy = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly delivered = new Set<string>();
  private log: Delivery[] = [];
  private shuffleBuffer: Job[] = [];
  private shuffleTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private idle: (() => void)[] = [];

  constructor(options: DispatcherOptions) {
    this.options = options;
  }

  /** Queues one event for each target that subscribes to its type. */
  dispatch(event: StripeEvent, targets: readonly WebhookTarget[], bypassFaults = false): void {
    if (this.closed) return;
    const faults = bypassFaults ? {} : this.options.faults();
    const copies = Math.max(1, faults.duplicate ?? 1);
    const payload = JSON.stringify(event, null, 2);
    const jobs: Job[] = [];
    for (const target of targets) {
      if (!matchesEnabledEvents(target.enabledEvents, event.type)) continue;
      for (let copy = 1; copy <= copies; copy++) {
        jobs.push({ event, payload, target, attempt: 1, copy, bypassFaults });
      }
    }
    if (jobs.length === 0) return;
    if (faults.shuffle) {
      this.shuffleBuffer.push(...jobs);
      if (!this.shuffleTimer) {
        this.shuffleTimer = setTimeout(() => this.flushShuffled(), faults.shuffleWindowMs ?? 100);
      }
      return;
    }
    for (const job of jobs) this.enqueue(job);
  }

  deliveries(): Delivery[] {
    return this.log.slice();
  }

  /** Resolves when no delivery is queued or running (scheduled retries excluded). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  reset(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (this.shuffleTimer) clearTimeout(this.shuffleTimer);
    this.shuffleTimer = undefined;
    this.shuffleBuffer = [];
    // A running pump holds its queue array: empty it so nothing queued before the reset is sent.
    for (const q of this.queues.values()) q.length = 0;
    this.queues.clear();
    this.delivered.clear();
    this.log = [];
  }

  close(): void {
    this.closed = true;
    this.reset();
  }

  private isIdle(): boolean {
    return (
      this.busy.size === 0 &&
      this.shuffleBuffer.length === 0 &&
      [...this.queues.values()].every((q) => q.length === 0)
    );
  }

  private flushShuffled(): void {
    this.shuffleTimer = undefined;
    const jobs = this.shuffleBuffer;
    this.shuffleBuffer = [];
    const original = jobs.slice();
    for (let i = jobs.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [jobs[i], jobs[j]] = [jobs[j]!, jobs[i]!];
    }
    // A shuffle that happens to keep the order would hide the fault: reverse instead.
    if (jobs.length > 1 && jobs.every((job, i) => job === original[i])) jobs.reverse();
    for (const job of jobs) this.enqueue(job);
  }

  private enqueue(job: Job): void {
    if (this.closed) return;
    let q = this.queues.get(job.target.id);
    if (!q) {
      q = [];
      this.queues.set(job.target.id, q);
    }
    q.push(job);
    void this.pump(job.target.id);
  }

  private async pump(targetId: string): Promise<void> {
    if (this.busy.has(targetId)) return;
    this.busy.add(targetId);
    try {
      const q = this.queues.get(targetId);
      while (q && q.length > 0 && !this.closed) {
        await this.attempt(q.shift()!);
      }
    } finally {
      this.busy.delete(targetId);
      if (this.isIdle()) {
        const waiters = this.idle;
        this.idle = [];
        for (const w of waiters) w();
      }
    }
  }

  private async attempt(job: Job): Promise<void> {
    const faults = job.bypassFaults ? {} : this.options.faults();
    const started = Date.now();
    const record: Delivery = {
      id: `whdel_${randomString(16)}`,
      eventId: job.event.id,
      eventType: job.event.type,
      endpointId: job.target.id,
      url: job.target.url,
      attempt: job.attempt,
      copy: job.copy,
      outcome: 'failed',
      httpStatus: null,
      error: null,
      at: new Date(started).toISOString(),
      durationMs: 0,
      nextAttemptAt: null,
    };
    if (faults.dropAll) {
      record.outcome = 'dropped';
      record.error = 'dropped by the dropAll fault';
      this.record(record);
      return;
    }
    if (faults.dropFirst && job.attempt === 1) {
      record.outcome = 'dropped';
      record.error = 'first attempt dropped by the dropFirst fault';
      this.scheduleRetry(job, record);
      this.record(record);
      return;
    }
    const result = await this.post(
      job.target.url,
      job.payload,
      signatureHeader(job.payload, job.target.secret),
    );
    record.durationMs = Date.now() - started;
    record.httpStatus = result.status;
    record.error = result.error;
    if (result.status !== null && result.status >= 200 && result.status < 300) {
      record.outcome = 'succeeded';
      const key = `${job.event.id} ${job.target.id}`;
      if (!this.delivered.has(key)) {
        this.delivered.add(key);
        this.options.onDelivered(job.event.id);
      }
    } else {
      this.scheduleRetry(job, record);
    }
    this.record(record);
  }

  private scheduleRetry(job: Job, record: Delivery): void {
    const delaySeconds = this.options.retrySchedule[job.attempt - 1];
    if (delaySeconds === undefined || this.closed) return;
    const delayMs = Math.round(delaySeconds * 1000);
    record.nextAttemptAt = new Date(Date.now() + delayMs).toISOString();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.enqueue({ ...job, attempt: job.attempt + 1 });
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  private record(d: Delivery): void {
    this.log.push(d);
    if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG);
  }

  private post(
    url: string,
    payload: string,
    signature: string,
  ): Promise<{ status: number | null; error: string | null }> {
    return new Promise((resolve) => {
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        resolve({ status: null, error: `invalid URL: ${url}` });
        return;
      }
      const lib = target.protocol === 'https:' ? https : http;
      const body = Buffer.from(payload, 'utf8');
      const req = lib.request(
        target,
        {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json; charset=utf-8',
            'Content-Length': body.length,
            'Stripe-Signature': signature,
            'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
            'Cache-Control': 'no-cache',
            Accept: '*/*; q=0.5, application/xml',
          },
          timeout: this.options.timeoutMs,
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? null, error: null }));
          res.on('error', (e) => resolve({ status: res.statusCode ?? null, error: e.message }));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`timed out after ${this.options.timeoutMs} ms`)));
      req.on('error', (e) => resolve({ status: null, error: e.message }));
      req.end(body);
    });
  }
}
