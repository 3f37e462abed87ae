/**
 * `npm run fuzz [-- options]`: runs fuzz/fuzz.ts, prints the counts and every finding; exits 1 on any.
 *   --requests N (6000; never fewer than the exhaustive cases)  --no-exhaustive  --seed N  --db server|embedded|auto (auto)  --out FILE (fuzz/results.json)
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { DbMode } from '../bench/lib/database';
import { repoRoot } from '../bench/lib/proc';
import { runFuzz } from './fuzz';

const { values } = parseArgs({
  options: {
    requests: { type: 'string' },
    'no-exhaustive': { type: 'boolean' },
    seed: { type: 'string' },
    db: { type: 'string' },
    out: { type: 'string' },
  },
});
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const report = await runFuzz({
  requests: num(values.requests),
  seed: num(values.seed),
  exhaustive: !values['no-exhaustive'],
  db: (values.db as DbMode | undefined) ?? 'auto',
});
const out = path.resolve(values.out ?? path.join(repoRoot, 'fuzz/results.json'));
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`
fuzz ${report.ok ? 'PASSED' : 'FAILED'}: ${report.requests} requests over ${report.endpointsCovered} endpoints in ${report.durationSeconds} s (seed ${report.seed})
  by status class: ${JSON.stringify(report.byStatusClass)}
  by status: ${JSON.stringify(report.byStatus)}
  refused ${report.refused}, accepted ${report.accepted} (${report.storedVerbatimChecked} accepted orders with hostile names read back verbatim); database digest compared ${report.stateChecks} times (${report.acceptedNoStateChangeChecked} of them after accepted reads/replays)
  by family: ${Object.entries(report.byFamily)
    .map(([k, v]) => `${k} ${v.requests} (${v.refused} refused)`)
    .join(', ')}
  API alive at the end: ${report.apiAlive}; error lines in the API log: ${report.apiErrorLogLines}${report.apiErrorSamples.map((m) => `\n    log: ${m}`).join('')}
  findings: ${report.findings.length}${report.findings
    .slice(0, 40)
    .map((f) => `\n    ${f.kind} ${f.endpoint} [${f.category}] -> ${f.status}: ${f.detail.slice(0, 200)}`)
    .join('')}
results written to ${path.relative(process.cwd(), out) || out}`);
process.exit(report.ok ? 0 : 1);
