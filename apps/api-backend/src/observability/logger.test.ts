import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { captureLogs } from '../testing/log-capture';
import {
  createLogger,
  createRequestLineWriter,
  type Logger,
  openRotatingLogFiles,
  REDACTED,
  type RequestLine,
  redactUrl,
  SENSITIVE_KEYS,
} from './logger';

const SECRET = 'do-not-log-this-value-1234';

describe('redactUrl', () => {
  it.each([
    ['/api/payments/order/abc?token=s3cret', '/api/payments/order/abc?token=%5BRedacted%5D'],
    ['/x?client_secret=pi_1_secret_2&page=2', '/x?client_secret=%5BRedacted%5D&page=2'],
    ['/x?payment_intent_client_secret=abc', '/x?payment_intent_client_secret=%5BRedacted%5D'],
    ['/api/catalog', '/api/catalog'],
    ['/api/orders?page=3', '/api/orders?page=3'],
    ['/x?Token=abc', '/x?Token=%5BRedacted%5D'],
    ['/x?password=p&cvc=123&q=a', '/x?password=%5BRedacted%5D&cvc=%5BRedacted%5D&q=a'],
    ['/x?access_token=a&jwt=b', '/x?access_token=%5BRedacted%5D&jwt=%5BRedacted%5D'],
  ])('%s -> %s', (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });
});

describe('createLogger', () => {
  it('redacts secrets at the top level and nested two levels down', async () => {
    const { logger, lines } = captureLogs();
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

// Every way an object reaches the logs: the API's logger itself (ctx.logger), a child bound to a request
// (`req.log`, http/request-log.ts) and a child of that child; each sensitive key at the top level, one
// level down and two levels down; errors through the `err` serializer; the request headers' paths.
describe('redaction wherever objects are logged', () => {
  const loggers: [string, (root: Logger) => Logger][] = [
    ['the API logger', (root) => root],
    [
      'req.log (a child bound to the request)',
      (root) => root.child({ req: { id: 'r1', method: 'GET', url: '/x' } }),
    ],
    ['a child of req.log', (root) => root.child({ req: { id: 'r1' } }).child({ job: 'mail' })],
  ];
  const depths: [string, (key: string) => Record<string, unknown>, string[]][] = [
    ['top level', (key) => ({ [key]: SECRET }), []],
    ['one level down', (key) => ({ outer: { [key]: SECRET } }), ['outer']],
    ['two levels down', (key) => ({ outer: { inner: { [key]: SECRET } } }), ['outer', 'inner']],
  ];
  const cases = loggers.flatMap(([where, make]) =>
    depths.flatMap(([depth, build, path]) =>
      SENSITIVE_KEYS.map((key) => ({ where, make, depth, build, path, key })),
    ),
  );

  it.each(cases)('$where, $depth: $key', ({ make, build, path, key }) => {
    const { logger, lines } = captureLogs();
    make(logger).warn(build(key), 'probe');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(SECRET);
    const entry = JSON.parse(lines[0]!);
    const holder = path.reduce((o, k) => o[k], entry);
    expect(holder[key]).toBe(REDACTED);
  });

  it.each(loggers)('%s: request and response headers', (_where, make) => {
    const { logger, lines } = captureLogs();
    make(logger).error(
      {
        req: {
          headers: {
            authorization: SECRET,
            cookie: SECRET,
            'x-order-token': SECRET,
            'stripe-signature': SECRET,
            'idempotency-key': SECRET,
            accept: 'application/json',
          },
        },
        res: { headers: { 'set-cookie': SECRET } },
      },
      'headers probe',
    );
    expect(lines[0]).not.toContain(SECRET);
    const entry = JSON.parse(lines[0]!);
    expect(entry.req.headers.accept).toBe('application/json');
    expect(entry.res.headers['set-cookie']).toBe(REDACTED);
  });

  it.each(loggers)('%s: an error carrying a client secret and card data', (_where, make) => {
    const { logger, lines } = captureLogs();
    const error = Object.assign(new Error('card declined'), {
      payment_intent: { client_secret: SECRET, payment_method_data: { card: { number: SECRET } } },
      token: SECRET,
    });
    make(logger).error({ err: error, requestId: 'r1' }, 'provider error');
    expect(lines[0]).not.toContain(SECRET);
    const entry = JSON.parse(lines[0]!);
    expect(entry.err.message).toBe('card declined');
    expect(entry.err.payment_intent).toEqual({ client_secret: REDACTED, payment_method_data: REDACTED });
    expect(entry.err.token).toBe(REDACTED);
  });
});

describe('createRequestLineWriter (the one line per request)', () => {
  const line = (overrides: Partial<RequestLine> = {}): RequestLine => ({
    requestId: 'req-1',
    method: 'GET',
    url: '/api/payments/order/o1',
    remoteAddress: '127.0.0.1',
    statusCode: 200,
    responseTimeMs: 3,
    finished: true,
    ...overrides,
  });

  it.each([
    ['/api/payments/order/o1?token=SECRET', '/api/payments/order/o1?token=%5BRedacted%5D'],
    ['/seance/o1?client_secret=SECRET&x=1', '/seance/o1?client_secret=%5BRedacted%5D&x=1'],
    ['/x?payment_intent_client_secret=SECRET', '/x?payment_intent_client_secret=%5BRedacted%5D'],
    ['/x?access_token=SECRET', '/x?access_token=%5BRedacted%5D'],
    ['/x?JWT=SECRET', '/x?JWT=%5BRedacted%5D'],
    ['/x?password=SECRET', '/x?password=%5BRedacted%5D'],
    ['/x?card_number=SECRET', '/x?card_number=%5BRedacted%5D'],
    ['/api/catalog', '/api/catalog'],
  ])('logs %s as %s', (url, expected) => {
    const { logger, lines } = captureLogs();
    createRequestLineWriter(logger)(line({ url: url.replace('SECRET', SECRET) }));
    expect(lines[0]).not.toContain(SECRET);
    expect(JSON.parse(lines[0]!).req.url).toBe(expected);
  });

  it.each([
    [200, true, 30, 'request completed'],
    [201, false, 30, 'request aborted'],
    [404, true, 40, 'request completed'],
    [429, true, 40, 'request completed'],
    [500, true, 50, 'request errored'],
    [503, false, 50, 'request errored'],
  ])('status %i (finished: %s): level %i, "%s"', (statusCode, finished, level, msg) => {
    const { logger, lines } = captureLogs();
    createRequestLineWriter(logger)(line({ statusCode, finished }));
    const entry = JSON.parse(lines[0]!);
    expect(entry.level).toBe(level);
    expect(entry.msg).toBe(msg);
    expect(entry.res).toEqual({ statusCode });
  });

  it('holds only its fields, and the full redaction would not change a byte of it', () => {
    const { logger, lines } = captureLogs();
    createRequestLineWriter(logger)(line({ url: `/x?client_secret=${SECRET}&page=2`, statusCode: 404 }));
    const entry = JSON.parse(lines[0]!);
    expect(Object.keys(entry).sort()).toEqual(
      ['hostname', 'level', 'msg', 'name', 'pid', 'req', 'res', 'responseTime', 'time'].sort(),
    );
    expect(Object.keys(entry.req).sort()).toEqual(['id', 'method', 'remoteAddress', 'url']);
    // The same object through the API logger and all of REDACT_PATHS: identical but for the time.
    const { req, res, responseTime, msg } = entry;
    logger.warn({ req, res, responseTime }, msg);
    const withoutTime = (text: string) => text.replace(/"time":\d+,/, '');
    expect(withoutTime(lines[1]!)).toBe(withoutTime(lines[0]!));
  });

  it('follows the logger level', () => {
    const { logger, lines } = captureLogs('warn');
    const write = createRequestLineWriter(logger);
    write(line({ statusCode: 200 }));
    write(line({ statusCode: 404 }));
    expect(lines.map((l) => JSON.parse(l).res.statusCode)).toEqual([404]);
  });
});
