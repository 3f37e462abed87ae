import { EventEmitter } from 'node:events';
import express, { type Request, type Response } from 'express';
import { describe, expect, it } from 'vitest';
import { REDACTED } from '../observability/logger';
import { captureLogs } from '../testing/log-capture';
import { requestLog } from './request-log';

const SECRET = 'do-not-log-this-value-5678';

/** The middleware on an app of its own, its lines, and requests shaped as Express makes them. */
function setup() {
  const { logger, lines } = captureLogs();
  const app = express();
  const middleware = requestLog(app, logger);
  const request = (url: string, headers: Record<string, string> = {}) => {
    const req = Object.create(app.request) as Request;
    Object.assign(req, {
      method: 'POST',
      url,
      originalUrl: url,
      headers,
      socket: { remoteAddress: '127.0.0.1' },
      requestId: 'req-42',
    });
    const res = Object.assign(new EventEmitter(), {
      statusCode: 200,
      writableFinished: false,
    }) as unknown as Response & EventEmitter & { writableFinished: boolean };
    middleware(req, res, () => undefined);
    const finish = (statusCode: number) => {
      res.statusCode = statusCode;
      res.writableFinished = true;
      res.emit('finish');
      res.emit('close');
    };
    return { req, res, finish };
  };
  return { lines, request, entries: () => lines.map((l) => JSON.parse(l)) };
}

const SECRET_HEADERS = {
  authorization: `Bearer ${SECRET}`,
  cookie: `session=${SECRET}`,
  'x-order-token': SECRET,
  'stripe-signature': `t=1,v1=${SECRET}`,
  'idempotency-key': SECRET,
};

describe('requestLog: the line', () => {
  it.each([
    ['/api/payments/order/o1?token=SECRET', '/api/payments/order/o1?token=%5BRedacted%5D'],
    [
      '/api/payments/confirm?client_secret=SECRET&a=1',
      '/api/payments/confirm?client_secret=%5BRedacted%5D&a=1',
    ],
    ['/api/auth/login?password=SECRET', '/api/auth/login?password=%5BRedacted%5D'],
    ['/api/payments/create-payment-intent', '/api/payments/create-payment-intent'],
  ])('%s: one line, URL %s, no header', (url, expected) => {
    const { lines, request, entries } = setup();
    request(url.replace('SECRET', SECRET), SECRET_HEADERS).finish(201);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(SECRET);
    const [entry] = entries();
    expect(entry.req).toEqual({ id: 'req-42', method: 'POST', url: expected, remoteAddress: '127.0.0.1' });
    expect(entry.res).toEqual({ statusCode: 201 });
    expect(entry.msg).toBe('request completed');
    expect(typeof entry.responseTime).toBe('number');
  });

  it('says so when the client went away before the response', () => {
    const { request, entries } = setup();
    request('/api/catalog').res.emit('close');
    expect(entries().map((e) => e.msg)).toEqual(['request aborted']);
  });

  it.each(['/metrics', '/api/health'])('does not log %s', (url) => {
    const { lines, request } = setup();
    request(url).finish(200);
    expect(lines).toHaveLength(0);
  });
});

describe('requestLog: req.log', () => {
  it('is bound to the request and redacts what a handler logs through it', () => {
    const { lines, request, entries } = setup();
    const { req, finish } = request(`/api/auth/register?token=${SECRET}`, SECRET_HEADERS);
    req.log.warn(
      {
        body: { email: 'a@b.test', password: SECRET, card: { number: SECRET } },
        headers: req.headers,
        err: Object.assign(new Error('declined'), { payment_intent: { client_secret: SECRET } }),
      },
      'handler probe',
    );
    finish(400);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).not.toContain(SECRET);
    const [probe] = entries();
    expect(probe.req).toEqual({
      id: 'req-42',
      method: 'POST',
      url: '/api/auth/register?token=%5BRedacted%5D',
      remoteAddress: '127.0.0.1',
    });
    expect(probe.body).toEqual({ email: 'a@b.test', password: REDACTED, card: REDACTED });
    expect(probe.headers.authorization).toBe(REDACTED);
    expect(probe.err.payment_intent.client_secret).toBe(REDACTED);
  });

  it('is one logger per request, made only when used', () => {
    const { request } = setup();
    const first = request('/a').req;
    const second = request('/b').req;
    expect(first.log).toBe(first.log);
    expect(first.log).not.toBe(second.log);
  });
});
