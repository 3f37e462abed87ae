/**
 * `npm run bench [-- options]`: runs bench/bench.ts, writes bench/results.json and, with --publish,
 * the generated block of docs/performance.md.
 *   --connections N (50)  --duration S (10)  --warmup S (2)  --events N (3000 webhook events at most)
 *   --db server|embedded|auto (auto)  --bundled (the compiled production API, apps/api-backend/dist)  --cpu-prof DIR
 *   --only sandbox-create,stripe-sample,durable-sample,create-payment-intent,webhook,order-read  --out FILE
 *   --publish  --rounds N (1: the two peers and the checkout measured N times, interleaved: the Stripe
 *   sample, the durable sample, the checkout in each round; median ratios)
 *   --republish [--out FILE] (no run: rewrite the docs block from the results file, e.g. after a change
 *   of its rendering)
 * Experiments (documented in docs/performance.md): --pg-socket DIR (the API reaches PostgreSQL through its
 *   Unix socket), --pg-options=-c name=value (session settings), --pool-max N (bundled API, pool size N),
 *   --api-node-args "--flag ..." (Node.js options of the API process).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runBench, type ScenarioId } from './bench';
import type { DbMode } from './lib/database';
import { repoRoot } from './lib/proc';
import { publish, readResults, renderRun, writeResults } from './lib/report';

const { values } = parseArgs({
  options: {
    connections: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    events: { type: 'string' },
    db: { type: 'string' },
    bundled: { type: 'boolean' },
    'cpu-prof': { type: 'string' },
    'pg-socket': { type: 'string' },
    'pg-options': { type: 'string' },
    'pool-max': { type: 'string' },
    'api-node-args': { type: 'string' },
    only: { type: 'string' },
    rounds: { type: 'string' },
    out: { type: 'string' },
    publish: { type: 'boolean' },
    republish: { type: 'boolean' },
  },
});

if (values.republish) {
  const doc = path.join(repoRoot, 'docs/performance.md');
  const from = path.resolve(values.out ?? path.join(repoRoot, 'bench/results.json'));
  console.log(publish(doc, readResults(from)) ? `table published in ${doc}` : `no results markers in ${doc}`);
  process.exit(0);
}

const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const results = await runBench({
  connections: num(values.connections),
  durationSeconds: num(values.duration),
  warmupSeconds: num(values.warmup),
  maxWebhookEvents: num(values.events),
  db: (values.db as DbMode | undefined) ?? 'auto',
  bundled: values.bundled ?? false,
  ...(values['pool-max'] ? { poolMax: Number(values['pool-max']) } : {}),
  ...(values['api-node-args'] ? { apiNodeArgs: values['api-node-args'].split(' ').filter(Boolean) } : {}),
  ...(values['pg-options'] ? { pgOptions: values['pg-options'] } : {}),
  ...(values['pg-socket'] ? { pgSocketDir: values['pg-socket'] } : {}),
  ...(values['cpu-prof'] ? { cpuProfileDir: path.resolve(values['cpu-prof']) } : {}),
  ...(values.only ? { only: values.only.split(',') as ScenarioId[] } : {}),
  rounds: num(values.rounds),
  command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
});
const out = path.resolve(values.out ?? path.join(repoRoot, 'bench/results.json'));
const file = writeResults(out, results);
console.log(`\n${renderRun(results)}\n`);
console.log(`results written to ${path.relative(process.cwd(), out) || out}`);
if (values['cpu-prof']) {
  for (const sc of results.scenarios) {
    console.log(
      `profile of ${sc.id}: node --import tsx bench/profile-summary.ts --window ${sc.apiWindowSeconds.join(',')} ${values['cpu-prof']}/*.cpuprofile`,
    );
  }
}
if (values.publish) {
  const doc = path.join(repoRoot, 'docs/performance.md');
  console.log(
    publish(doc, file) ? `table published in ${doc}` : `no results markers in ${doc}: not published`,
  );
}
const missed = results.scenarios.filter((s) => s.result.ok2xx === 0);
process.exit(missed.length > 0 ? 1 : 0);
