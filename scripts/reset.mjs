#!/usr/bin/env node
// `npm run reset`: wipes the local stack's data (embedded PostgreSQL, sandbox state, development
// secrets) so that the next `npm start` begins from the demo data. Refuses while the stack is running.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { readStackConfig } from './lib/stack.mjs';

const config = readStackConfig();
const { dataDir, root } = config;
const rel = relative(dataDir, root);
// The data directory must not be the repository or one of its parents.
if (!rel.startsWith('..') && !isAbsolute(rel)) {
  console.error(`Refusing to delete ${dataDir}: it contains the repository.`);
  process.exit(1);
}

const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
if (existsSync(pidFile)) {
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  let alive = false;
  try {
    process.kill(pid, 0);
    alive = true;
  } catch (error) {
    alive = /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
  if (alive) {
    console.error(
      `The local stack is running (PostgreSQL pid ${pid}): stop it with Ctrl-C, then run npm run reset.`,
    );
    process.exit(1);
  }
}

if (!existsSync(dataDir)) {
  console.log(`Nothing to reset: ${dataDir} does not exist.`);
} else {
  rmSync(dataDir, { recursive: true, force: true });
  console.log(
    `Removed ${dataDir}. The next npm start begins with fresh demo data and new development secrets.`,
  );
}
