/**
 * `npm run bench:scale [-- options]`: runs bench/scale.ts, writes bench/scale-results.json and, with
 * --publish, the scale table of docs/performance.md and its plot docs/performance-scale.svg.
 *   --orders N (1000000: the largest size)  --sizes 0,100000,1000000  --customers N (100000)
 *   --reads N (100 samples per read endpoint)  --writes N (30 per write endpoint)  --budget S (10 s per endpoint)
 *   --db server|embedded|auto (auto)  --bundled (API from the esbuild bundle of `npm run bench`)
 *   --label NAME (key of this run in the results file, default the API build)  --out FILE  --publish
 *   --only id,id (measure only these endpoint ids, e.g. confirm-payment,login; fixtures are still made)
 *   --keep-db (leave the database in place and print its URL)  --db-prefix NAME (lumira_scale)
 *   --sizes may repeat a size (0,1000000,1000000): the table is measured again without loading more
 *   --republish NAME (no run: rewrite the docs block and SVG of run NAME from the results file)
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildApiBundle } from './bench';
import type { DbMode } from './lib/database';
import { repoRoot } from './lib/proc';
import { publishScale, readScaleResults, renderScaleTable, writeScaleResults } from './lib/scale-report';
import { runScaleBench } from './scale';

const { values } = parseArgs({
  options: {
    orders: { type: 'string' },
    sizes: { type: 'string' },
    customers: { type: 'string' },
    reads: { type: 'string' },
    writes: { type: 'string' },
    budget: { type: 'string' },
    db: { type: 'string' },
    bundled: { type: 'boolean' },
    label: { type: 'string' },
    out: { type: 'string' },
    publish: { type: 'boolean' },
    republish: { type: 'string' },
    only: { type: 'string' },
    'keep-db': { type: 'boolean' },
    'db-prefix': { type: 'string' },
  },
});
if (values.republish) {
  const file = readScaleResults(path.resolve(values.out ?? path.join(repoRoot, 'bench/scale-results.json')));
  console.log(publishScale(path.join(repoRoot, 'docs'), file, values.republish));
  process.exit(0);
}
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const orders = num(values.orders) ?? 1_000_000;
const sizes = values.sizes
  ? values.sizes.split(',').map(Number)
  : [...new Set([0, Math.min(100_000, Math.round(orders / 10)), orders])];
const argv = process.argv.slice(2).join(' ');
const results = await runScaleBench({
  sizes,
  customers: num(values.customers),
  readSamples: num(values.reads),
  writeSamples: num(values.writes),
  endpointBudgetSeconds: num(values.budget),
  db: (values.db as DbMode | undefined) ?? 'auto',
  ...(values.only ? { only: values.only.split(',') } : {}),
  keepDatabase: values['keep-db'] ?? false,
  ...(values['db-prefix'] ? { databasePrefix: values['db-prefix'] } : {}),
  ...(values.bundled ? { apiEntry: await buildApiBundle(), apiBuild: 'bundled' } : {}),
  command: `npm run bench:scale${argv ? ` -- ${argv}` : ''}`,
});
const label = values.label ?? results.apiBuild;
const out = path.resolve(values.out ?? path.join(repoRoot, 'bench/scale-results.json'));
const file = writeScaleResults(out, label, results);
console.log(`\n${renderScaleTable(results)}\n`);
console.log(`results written to ${path.relative(process.cwd(), out) || out} (${label})`);
if (values.publish) {
  console.log(publishScale(path.join(repoRoot, 'docs'), file, label));
}
process.exit(results.unexpected > 0 ? 1 : 0);
