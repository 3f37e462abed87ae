#!/usr/bin/env node
// `npm run reset`: wipes the local stack's data (embedded PostgreSQL, sandbox state, development
// secrets) so that the next `npm start` begins from the demo data. Refuses while the stack is running.
import { existsSync, rmSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { postgresDataDirs, readStackConfig, runningPostgresPid, runningStackPid } from './lib/stack.mjs';

const { dataDir, root } = readStackConfig();
// The data directory must not be the repository or one of its parents.
const rel = relative(dataDir, root);
if (!rel.startsWith('..') && !isAbsolute(rel)) {
  console.error(`Refusing to delete ${dataDir}: it contains the repository.`);
  process.exit(1);
}

const stackPid = runningStackPid(dataDir);
const pgDirs = postgresDataDirs(dataDir);
const pgPid = runningPostgresPid(pgDirs);
if (stackPid || pgPid) {
  const what = stackPid ? `npm start, pid ${stackPid}` : `its PostgreSQL, pid ${pgPid}`;
  console.error(`The local stack is running (${what}): stop it with Ctrl-C, then run npm run reset.`);
  process.exit(1);
}

const targets = [dataDir, ...pgDirs.slice(1)].filter((dir) => existsSync(dir));
if (!targets.length) {
  console.log(`Nothing to reset: ${dataDir} does not exist.`);
} else {
  for (const dir of targets) rmSync(dir, { recursive: true, force: true });
  console.log(`Removed ${targets.join(', ')}. The next npm start begins with fresh demo data.`);
}
