import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { createLogger, openRotatingLogFiles, REDACTED, redactUrl } from './logger';

describe('redactUrl', () => {
  it.each([
    ['/api/payments/order/abc?token=s3cret', '/api/payments/order/abc?token=%5BRedacted%5D'],
    ['/x?client_secret=pi_1_secret_2&page=2', '/x?client_secret=%5BRedacted%5D&page=2'],
    ['/x?payment_intent_client_secret=abc', '/x?payment_intent_client_secret=%5BRedacted%5D'],
    ['/api/catalog', '/api/catalog'],
    ['/api/orders?page=3', '/api/orders?page=3'],
  ])('%s -> %s', (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });
});

describe('createLogger', () => {
  it('redacts secrets at the top level and nested two levels down', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const logger = createLogger({ level: 'info', logDir: null, stdout: false, stream });
    logger.info({
      password: 'p1',
      user: { password: 'p2', email: 'kept@example.test' },
      paymentIntent: { client_secret: 'cs' },
      body: { card: { number: '4242424242424242' } },
      req: { headers: { authorization: 'Bearer t', cookie: 'c=1', 'x-order-token': 'ot', accept: 'json' } },
    });
    const entry = JSON.parse(lines[0]!);
    expect(entry.password).toBe(REDACTED);
    expect(entry.user).toEqual({ password: REDACTED, email: 'kept@example.test' });
    expect(entry.paymentIntent.client_secret).toBe(REDACTED);
    expect(entry.body.card).toBe(REDACTED);
    expect(entry.req.headers).toEqual({
      authorization: REDACTED,
      cookie: REDACTED,
      'x-order-token': REDACTED,
      accept: 'json',
    });
    expect(lines[0]).not.toContain('4242424242424242');
  });

  it('writes LOG_DIR files that rotate past the maximum size, keeping the configured number of older files', {
    timeout: 30_000,
  }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lumira-logs-'));
    try {
      const logger = createLogger({
        level: 'info',
        logDir: null,
        stdout: false,
        files: await openRotatingLogFiles(dir, { maxSize: '1k', count: 2 }),
      });
      const numbered = () => readdirSync(dir).filter((f) => /^api\.\d+\.log$/.test(f));
      const newest = () => Math.max(...numbered().map((f) => Number(f.split('.')[1])));
      // Written without a pause: the files still rotate at the size (rotating-file.test.ts checks sizes).
      for (let line = 0; line < 60; line++) logger.info({ line, filler: 'x'.repeat(100) }, 'rotation');
      expect(newest()).toBeGreaterThanOrEqual(5);
      // The one in use plus 2.
      expect(numbered()).toHaveLength(3);
      expect(readdirSync(dir)).toContain('current.log');
      logger.info({ line: 'last' }, 'rotation');
      const kept = () => numbered().map((f) => readFileSync(path.join(dir, f), 'utf8'));
      await vi.waitFor(() => expect(kept().join('')).toContain('"line":"last"'), { timeout: 5000 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
