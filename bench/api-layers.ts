/**
 * `node --import tsx bench/api-layers.ts`: where the API's CPU per request goes, layer by layer. The
 * compiled API (`dist/main.js`, started like `start:prod`) on a fresh database, loaded by autocannon
 * (50 connections, 6 s after 2 s of warm-up) on routes of increasing depth:
 *
 *   GET  /api/health                      the middleware stack and a JSON answer, no database
 *   POST /api/payments/create-payment-intent with a body the schema refuses (400): the same stack plus
 *                                         body parsing, the strict rate limiter, validation and the
 *                                         error answer, no database
 *   GET  /api/catalog                     the stack plus one SQL statement
 *   POST /api/payments/create-payment-intent (201): the whole checkout (5 statements, one provider call)
 *
 * Prints answers per second (any status) and CPU milliseconds per answered request of the API, the sandbox and the
 * run database's PostgreSQL backends (from /proc, as `npm run bench` measures them). The differences
 * between rows are the cost of each layer. Options: `--connections N --duration S --db server|embedded`.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { buildApiBundle, productionNodeArgs } from './bench';
import { cpuMsSince, postgresBackends, snapshot } from './lib/cpu';
import { createTempDatabase, type DbMode } from './lib/database';
import { type LoadOptions, runLoad } from './lib/load';
import { machineInfo } from './lib/machine';
import { waitForOk } from './lib/proc';
import { runSecrets, startApiProcess, startSandboxProcess } from './lib/stack';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '6' },
    db: { type: 'string', default: 'auto' },
  },
});
const connections = Number(values.connections);
const durationSeconds = Number(values.duration);

const machine = machineInfo();
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
const loadAtStart = load();
const secrets = runSecrets();
const database = await createTempDatabase(values.db as DbMode, 'lumira_layers');
const sandbox = await startSandboxProcess({});
const bundle = await buildApiBundle();
const api = await startApiProcess({
  name: 'api',
  databaseUrl: database.url,
  sandboxUrl: sandbox.url,
  secrets,
  entry: bundle,
  node: { nodeArgs: productionNodeArgs(), plain: true },
});
try {
  await waitForOk(`${api.url}/api/ready`, api.proc);
  const json = { 'content-type': 'application/json' };
  const run = randomBytes(4).toString('hex');
  let n = 0;
  const layers: [string, Omit<LoadOptions, 'connections' | 'durationSeconds' | 'title'>][] = [
    ['GET /api/health (stack only)', { url: `${api.url}/api/health` }],
    [
      'POST create-payment-intent, body refused (400)',
      {
        url: `${api.url}/api/payments/create-payment-intent`,
        method: 'POST',
        headers: json,
        body: JSON.stringify({ level: 'unknown', customerEmail: 'layers@example.test' }),
      },
    ],
    ['GET /api/catalog (one SQL statement)', { url: `${api.url}/api/catalog` }],
    [
      'POST create-payment-intent (201: the checkout)',
      {
        url: `${api.url}/api/payments/create-payment-intent`,
        method: 'POST',
        headers: json,
        setupRequest: () => {
          n++;
          return {
            body: JSON.stringify({
              level: ['basic', 'premium', 'vip'][n % 3],
              customerEmail: `layers-${run}-${n}@example.test`,
              customerName: 'Client Bench',
            }),
            headers: { ...json, 'idempotency-key': `layers-${run}-${n}` },
          };
        },
      },
    ],
  ];
  const dbName = decodeURIComponent(new URL(database.url).pathname.slice(1));
  console.log(
    `${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}; ${connections} connections, ${durationSeconds} s per route after 2 s of warm-up; load average ${loadAtStart} at the start`,
  );
  console.log('| route | answers/s | API ms | sandbox ms | PostgreSQL ms | statuses |');
  console.log('|---|---:|---:|---:|---:|---|');
  for (const [title, request] of layers) {
    await runLoad({ ...request, title, connections, durationSeconds: 2 });
    const before = snapshot([api.proc.pid, sandbox.proc.pid, ...postgresBackends(dbName)]);
    const result = await runLoad({ ...request, title, connections, durationSeconds });
    const answered = result.ok2xx + result.non2xx;
    const per = (ms: number) => (answered ? (ms / answered).toFixed(3) : '-');
    console.log(
      `| ${title} | ${(answered / result.durationSeconds).toFixed(0)} | ${per(cpuMsSince(before, [api.proc.pid]))} | ${per(
        cpuMsSince(before, [sandbox.proc.pid]),
      )} | ${per(cpuMsSince(before, postgresBackends(dbName)))} | ${JSON.stringify(result.statusCodes)} |`,
    );
  }
  console.log(`load average at the end: ${load()}`);
} finally {
  await api.proc.stop('SIGTERM');
  await sandbox.proc.stop('SIGTERM');
  await database.drop();
}
