import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, REDACTED, redactUrl } from './logger';

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
  it('redacts secrets at the top level and nested two levels down', () => {
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
});
