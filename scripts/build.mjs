#!/usr/bin/env node
// `npm run build`: production builds of every app. The API and the Stripe sandbox are type checked, then
// compiled to JavaScript in their dist/ folders (production start: `node apps/api-backend/dist/main.js`,
// `node packages/stripe-sandbox/dist/cli.js`; docs/decisions/0021-compiled-node-services.md). The front
// ends are built by Vite into apps/*/dist (their VITE_* values come from apps/<app>/.env or the environment).
// `npm run build -- api` (or any step's name prefix) runs only the matching steps.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/stack.mjs';

const steps = [
  {
    name: 'api-backend and stripe-sandbox (type check)',
    cmd: ['npx', 'tsc', '-b', 'apps/api-backend', 'packages/stripe-sandbox'],
  },
  {
    name: 'api-backend (compile)',
    cmd: ['npm', 'run', 'build', '-w', '@lumira/api-backend'],
    dist: 'apps/api-backend/dist',
  },
  {
    name: 'stripe-sandbox (compile)',
    cmd: ['npm', 'run', 'build', '-w', '@lumira/stripe-sandbox'],
    dist: 'packages/stripe-sandbox/dist',
  },
  {
    name: 'main-app (vite build)',
    cmd: ['npm', 'run', 'build', '-w', '@lumira/main-app'],
    dist: 'apps/main-app/dist',
  },
  {
    name: 'expert-desk (vite build)',
    cmd: ['npm', 'run', 'build', '-w', '@lumira/expert-desk'],
    dist: 'apps/expert-desk/dist',
  },
];

/** @param {string} dir @returns {number} */
function sizeOf(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? sizeOf(path) : statSync(path).size;
  }
  return total;
}

const only = process.argv.slice(2);
for (const step of steps) {
  if (only.length && !only.some((o) => step.name.startsWith(o))) continue;
  console.log(`\n=== build ${step.name} ===`);
  const started = Date.now();
  const res = spawnSync(step.cmd[0] ?? 'npm', step.cmd.slice(1), {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (res.status !== 0) {
    console.error(`\nbuild ${step.name} FAILED (exit code ${res.status})`);
    process.exit(1);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const where =
    step.dist && existsSync(join(ROOT, step.dist))
      ? `, ${step.dist} ${(sizeOf(join(ROOT, step.dist)) / 1024).toFixed(0)} KB`
      : '';
  console.log(`=== build ${step.name}: ok in ${seconds} s${where} ===`);
}
