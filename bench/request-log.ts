/**
 * Micro-benchmark of the API's request logging (`node --import tsx bench/request-log.ts [--requests N]
 * [--rounds R]`): the middleware of apps/api-backend/src/http/request-log.ts on a logger made by the API's
 * `createLogger` (its redaction included), driven in-process with requests shaped as Express makes them
 * (the app's request prototype, the bench's headers) and responses that finish at once, writing to a sink
 * that drops the bytes: what is left is the CPU that logging costs each request, without the network.
 *
 * Three cases, each the median of R rounds of N requests after a warm-up round:
 *   no logging        the loop itself (building the request and response, finishing them)
 *   request line      the middleware: what every request pays
 *   + one object      the middleware, and one object logged through `req.log` by the handler (as the
 *                     error handler, the rate limiter or registration do)
 * CPU microseconds per request are printed for each, the logging's share net of the loop.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import express, { type Request, type RequestHandler, type Response } from 'express';
import '../apps/api-backend/src/http/request-context';
import { requestLog } from '../apps/api-backend/src/http/request-log';
import { createLogger } from '../apps/api-backend/src/observability/logger';

const { values } = parseArgs({ options: { requests: { type: 'string' }, rounds: { type: 'string' } } });
const requests = Number(values.requests ?? 20_000);
const rounds = Number(values.rounds ?? 5);

let bytes = 0;
let lines = 0;
const sink = new Writable({
  write(chunk: Buffer | string, _encoding, callback) {
    bytes += chunk.length;
    lines++;
    callback();
  },
});
const logger = createLogger({ level: 'info', logDir: null, stdout: false, stream: sink });
const app = express();
const middleware = requestLog(app, logger);

/** The requests of the bench's read scenario: a token in a header, a query string to redact. */
function fakeRequest(i: number): Request {
  const req = Object.create(app.request) as Request & Record<string, unknown>;
  const url =
    i % 4 === 0 ? `/api/payments/order/${i}?client_secret=pi_${i}_secret_x` : `/api/payments/order/${i}`;
  Object.assign(req, {
    method: 'GET',
    url,
    originalUrl: url,
    headers: {
      host: '127.0.0.1:3001',
      'user-agent': 'autocannon',
      'x-order-token': 'secret-order-token',
      connection: 'keep-alive',
    },
    socket: { remoteAddress: '127.0.0.1', remotePort: 50_000 + (i % 10_000) },
    requestId: randomUUID(),
  });
  Object.defineProperty(req, 'readableAborted', { value: false });
  return req;
}

function fakeResponse(): Response {
  const res = new EventEmitter() as unknown as Response & Record<string, unknown>;
  Object.assign(res, {
    statusCode: 200,
    writableEnded: true,
    writableFinished: true,
    getHeaders: () => ({ 'content-type': 'application/json; charset=utf-8' }),
  });
  return res;
}

type Case = { name: string; handle: RequestHandler | null; logObject: boolean };
const cases: Case[] = [
  { name: 'no logging (the loop)', handle: null, logObject: false },
  { name: 'request line', handle: middleware, logObject: false },
  { name: 'request line + one object through req.log', handle: middleware, logObject: true },
];

function run(c: Case): number {
  const before = process.cpuUsage();
  for (let i = 0; i < requests; i++) {
    const req = fakeRequest(i);
    const res = fakeResponse();
    c.handle?.(req, res, () => undefined);
    if (c.logObject) req.log.info({ requestId: req.requestId, outcome: 'created' }, 'registration');
    res.emit('finish');
    res.emit('close');
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / requests;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const results = new Map<string, number[]>();
for (const c of cases) run(c); // warm-up
for (let r = 0; r < rounds; r++) {
  for (const c of cases) results.set(c.name, [...(results.get(c.name) ?? []), run(c)]);
}
const loop = median(results.get(cases[0]!.name) ?? []);
console.log(`request logging, ${rounds} rounds of ${requests} requests, CPU µs per request (median):`);
for (const c of cases) {
  const us = median(results.get(c.name) ?? []);
  console.log(
    `  ${c.name.padEnd(44)} ${us.toFixed(2).padStart(7)}${c.handle ? `   logging: ${(us - loop).toFixed(2)}` : ''}`,
  );
}
console.log(`  ${lines} lines, ${(bytes / Math.max(1, lines)).toFixed(0)} bytes per line on average`);
