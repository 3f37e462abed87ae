#!/usr/bin/env node
// `npm test`: static checks, then every test tier. Prints one closing line
// `total: N passed, N failed` and exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, 'artifacts', 'test-results');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

/** @type {{name: string, cmd: string[], env?: Record<string,string>}[]} */
const steps = [
  { name: 'typecheck', cmd: ['npx', 'tsc', '-b'] },
  { name: 'lint', cmd: ['npx', 'biome', 'check', '.'] },
  { name: 'unit', tier: 'unit', cmd: ['npx', 'vitest', 'run', '--config', 'vitest.unit.config.ts'] },
  {
    name: 'integration (embedded PostgreSQL)',
    tier: 'int-embedded',
    cmd: ['npx', 'vitest', 'run', '--config', 'vitest.int.config.ts'],
    env: { LUMIRA_TEST_DB: 'embedded' },
  },
  {
    name: 'integration (PostgreSQL server on 127.0.0.1:5432)',
    tier: 'int-server',
    cmd: ['npx', 'vitest', 'run', '--config', 'vitest.int.config.ts', 'apps/api-backend'],
    env: { LUMIRA_TEST_DB: 'server' },
  },
  { name: 'e2e (Chromium)', tier: 'e2e', cmd: ['npx', 'vitest', 'run', '--config', 'vitest.e2e.config.ts'] },
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
for (const step of steps) {
  if (only.length && !only.some((o) => step.name.startsWith(o) || step.tier === o)) continue;
  const started = Date.now();
  console.log(`\n=== ${step.name} ===`);
  const cmd = [...step.cmd];
  const jsonFile = step.tier ? join(outDir, `${step.tier}.json`) : null;
  if (jsonFile)
    cmd.push('--passWithNoTests', '--reporter=default', '--reporter=json', `--outputFile.json=${jsonFile}`);
  const res = spawnSync(cmd[0], cmd.slice(1), {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...step.env },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (jsonFile && existsSync(jsonFile)) {
    const report = JSON.parse(readFileSync(jsonFile, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    if (res.status !== 0 && report.numFailedTests === 0) failed += 1; // suite-level failure (import error, hook)
  } else if (res.status !== 0) {
    failed += 1;
  }
  if (res.status !== 0) failures.push(step.name);
  console.log(`=== ${step.name}: ${res.status === 0 ? 'ok' : 'FAILED'} in ${seconds}s ===`);
}
console.log(`\nFailed steps: ${failures.length ? failures.join(', ') : 'none'}`);
console.log(`total: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failures.length ? 1 : 0);
