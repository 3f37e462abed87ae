/**
 * `npm run bench -w @lumira/stripe-sandbox`: creating a PaymentIntent in the sandbox vs a bare Express 5
 * JSON route, measured in the same run with autocannon on loopback (bounded in time). The target: the
 * sandbox sustains at least the Express figure (ratio >= 1.0). Env: BENCH_SECONDS (10), BENCH_CONNECTIONS (50).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Stripe from 'stripe';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Server CPU time per request (user + system), in microseconds: steadier than req/s on a busy machine. */
  cpuUs: number | null;
}

function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (m) => {
      const u = m as NodeJS.CpuUsage;
      resolve(u.user + u.system);
    });
    child.send('cpu');
  });
}

async function startServer(kind: 'express' | 'sandbox'): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'bench-server.ts'), kind], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  return { port, child };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function cannon(
  name: string,
  child: ChildProcess,
  options: Parameters<typeof autocannon>[0],
): Promise<Row> {
  // A short warm-up (JIT, connection pools), then the measured run.
  await autocannon({ ...options, duration: 2 });
  const cpuBefore = await cpuOf(child);
  const r = await autocannon({ ...options, duration: SECONDS, connections: CONNECTIONS });
  const cpuAfter = await cpuOf(child);
  return {
    name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx + r.timeouts,
    cpuUs: r.requests.total > 0 ? (cpuAfter - cpuBefore) / r.requests.total : null,
  };
}

async function sdkRun(port: number): Promise<Row> {
  const stripe = new Stripe('sk_test_bench', {
    host: '127.0.0.1',
    port,
    protocol: 'http',
    maxNetworkRetries: 0,
  });
  const seconds = Math.max(2, Math.round(SECONDS / 2));
  const workers = 10;
  const latencies: number[] = [];
  let errors = 0;
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (Date.now() < deadline) {
        const t = performance.now();
        try {
          await stripe.paymentIntents.create({
            amount: 2900,
            currency: 'eur',
            metadata: { orderId: randomUUID() },
          });
          latencies.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    name: `sandbox via stripe SDK (${workers} concurrent calls)`,
    rps: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    errors,
    cpuUs: null,
  };
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const formBody = 'amount=2900&currency=eur&metadata[orderId]=ord_bench';
const expressServer = await startServer('express');
const sandboxServer = await startServer('sandbox');
const rows: Row[] = [];
const ratios: number[] = [];
const cpuRatios: number[] = [];
try {
  // Alternate the two targets so that background load on a shared machine affects both alike.
  for (let round = 1; round <= ROUNDS; round++) {
    const bare = await cannon(`[${round}] bare Express 5 JSON POST`, expressServer.child, {
      url: `http://127.0.0.1:${expressServer.port}/v1/payment_intents`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 2900, currency: 'eur', metadata: { orderId: 'ord_bench' } }),
    });
    const sandbox = await cannon(
      `[${round}] sandbox POST /v1/payment_intents (SDK form+auth)`,
      sandboxServer.child,
      {
        url: `http://127.0.0.1:${sandboxServer.port}/v1/payment_intents`,
        requests: [
          {
            method: 'POST',
            path: '/v1/payment_intents',
            // What the SDK sends: form body, Bearer key, a fresh Idempotency-Key per request, Stripe-Version.
            setupRequest: (req) => ({
              ...req,
              headers: {
                authorization: 'Bearer sk_test_bench',
                'content-type': 'application/x-www-form-urlencoded',
                'stripe-version': '2026-10-28.endive',
                'user-agent': 'Stripe/v1 NodeBindings/23.1.0',
                'idempotency-key': `stripe-node-retry-${randomUUID()}`,
              },
              body: formBody,
            }),
          },
        ],
      },
    );
    rows.push(bare, sandbox);
    ratios.push(sandbox.rps / bare.rps);
    if (bare.cpuUs && sandbox.cpuUs) cpuRatios.push(bare.cpuUs / sandbox.cpuUs);
    await fetch(`http://127.0.0.1:${sandboxServer.port}/_sandbox/reset`, { method: 'POST' });
  }
  rows.push(await sdkRun(sandboxServer.port));
} finally {
  await stop(expressServer.child);
  await stop(sandboxServer.child);
}

const fmt = (n: number) => n.toFixed(1).padStart(9);
console.log(
  `\nloopback, ${SECONDS} s per autocannon run, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds\n`,
);
console.log(
  `${'run'.padEnd(56)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'errors'.padStart(8)}${'CPU us/req'.padStart(12)}`,
);
for (const r of rows) {
  const cpu = r.cpuUs === null ? '-' : r.cpuUs.toFixed(0);
  console.log(
    `${r.name.padEnd(56)}${fmt(r.rps)}${fmt(r.p50)}${fmt(r.p99)}${String(r.errors).padStart(8)}${cpu.padStart(12)}`,
  );
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0;
console.log(`\nsandbox / express req/s per round: ${ratios.map((r) => r.toFixed(2)).join(', ')}`);
console.log(
  `capacity ratio from server CPU per request (express us / sandbox us): ${cpuRatios.map((r) => r.toFixed(2)).join(', ')}`,
);
const ratio = median(ratios);
console.log(`median req/s ratio ${ratio.toFixed(2)} (target >= 1.00): ${ratio >= 1 ? 'OK' : 'BELOW TARGET'}`);
