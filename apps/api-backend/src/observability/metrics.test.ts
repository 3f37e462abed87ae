import { describe, expect, it } from 'vitest';
import { cachedReader, createMetrics } from './metrics';

describe('cachedReader', () => {
  it('reads once per period, answers the last value at once and refreshes in the background', async () => {
    let clock = 0;
    let reads = 0;
    let release: (() => void) | null = null;
    const read = () => {
      reads += 1;
      const n = reads;
      return new Promise<number>((resolve) => {
        release = () => resolve(n);
      });
    };
    const get = cachedReader(read, 1000, () => clock);
    const first = get();
    release!();
    expect(await first).toBe(1);
    clock = 999;
    expect(await get()).toBe(1);
    expect(reads).toBe(1);
    clock = 1000;
    expect(await get()).toBe(1); // stale: answered at once, one refresh started
    expect(await get()).toBe(1); // the refresh is still running: no second one
    expect(reads).toBe(2);
    release!();
    await new Promise((r) => setImmediate(r));
    expect(await get()).toBe(2);
  });

  it('keeps the last value when a refresh fails, and tries again', async () => {
    let clock = 0;
    let fail = false;
    let reads = 0;
    const get = cachedReader(
      async () => {
        reads += 1;
        if (fail) throw new Error('down');
        return reads;
      },
      10,
      () => clock,
    );
    expect(await get()).toBe(1);
    fail = true;
    clock = 10;
    expect(await get()).toBe(1);
    await new Promise((r) => setImmediate(r));
    fail = false;
    expect(await get()).toBe(1);
    await new Promise((r) => setImmediate(r));
    expect(await get()).toBe(3);
  });
});

describe('lumira_email_outbox', () => {
  it('counts the outbox once however many scrapes come within the period', async () => {
    let counts = 0;
    const metrics = createMetrics({
      collectDefault: false,
      countMailsByStatus: async () => {
        counts += 1;
        return { pending: 2, sent: 5, failed: 0 };
      },
    });
    for (let i = 0; i < 5; i++) {
      expect(await metrics.registry.metrics()).toMatch(/lumira_email_outbox\{status="sent"[^}]*\} 5/);
    }
    expect(counts).toBe(1);
  });
});
