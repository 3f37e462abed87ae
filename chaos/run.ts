/**
 * `npm run chaos [-- options]`: runs chaos/chaos.ts and prints the invariants; exits 1 if one fails.
 *   --checkouts N (2000)  --concurrency N (16)  --seed N  --db server|embedded|auto (auto)
 *   --redis URL (REDIS_URL or redis://127.0.0.1:6379; unused with the redis-restart fault, which runs
 *     its own redis-server)  --out FILE (chaos/results.json)
 *   --faults all|none|LIST (all): db-terminate, pg-restart, redis-restart, slow-provider, foreign-pi
 *     (pg-restart starts the run's own embedded PostgreSQL unless --db server, where it ends sessions)
 *   --slow-provider-ms N (3000)  --slow-provider-seconds N (10)  --redis-down-seconds N (5)
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { DbMode } from '../bench/lib/database';
import { repoRoot } from '../bench/lib/proc';
import { runChaos } from './chaos';
import { parseFaultList } from './lib/faults';

const { values } = parseArgs({
  options: {
    checkouts: { type: 'string' },
    concurrency: { type: 'string' },
    seed: { type: 'string' },
    db: { type: 'string' },
    redis: { type: 'string' },
    out: { type: 'string' },
    faults: { type: 'string' },
    'slow-provider-ms': { type: 'string' },
    'slow-provider-seconds': { type: 'string' },
    'redis-down-seconds': { type: 'string' },
  },
});
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const report = await runChaos({
  checkouts: num(values.checkouts),
  concurrency: num(values.concurrency),
  seed: num(values.seed),
  db: (values.db as DbMode | undefined) ?? 'auto',
  redisUrl: values.redis ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  faults: parseFaultList(values.faults ?? 'all'),
  slowProviderMs: num(values['slow-provider-ms']),
  slowProviderSeconds: num(values['slow-provider-seconds']),
  redisDownSeconds: num(values['redis-down-seconds']),
});
const out = path.resolve(values.out ?? path.join(repoRoot, 'chaos/results.json'));
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`
chaos ${report.ok ? 'PASSED' : 'FAILED'}: ${report.settings.checkouts} checkouts in ${report.durationSeconds.checkouts} s, settled in ${report.durationSeconds.settle} s (total ${report.durationSeconds.total} s)
  kinds: ${JSON.stringify(report.kinds)}
  outcomes: ${JSON.stringify(report.outcomes)}
  client retries: ${report.clientRetries}; kill: ${JSON.stringify(report.kill)}
  faults: ${report.faultLog.map((f) => `\n    ${f.fault} at checkout ${f.atCheckout} (+${f.atSeconds} s): ${f.detail}`).join('')}
  foreign PaymentIntents: ${JSON.stringify(report.foreign)}; unplanned API exits: ${report.unplannedExits.length}${report.faultErrors.length > 0 ? `\n  faults NOT injected: ${report.faultErrors.join('; ')}` : ''}
  balancer: ${JSON.stringify(report.balancer)}
  webhook deliveries: ${JSON.stringify(report.deliveries)}
  ${report.invariants.lines.join('\n  ')}
results written to ${path.relative(process.cwd(), out) || out}`);
process.exit(report.ok ? 0 : 1);
