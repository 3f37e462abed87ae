// Child processes of the local stack: each runs in its own process group (detached), its output is
// prefixed with its name, and stopping it signals the whole group (npm -> sh -> tsx -> node ->
// embedded PostgreSQL all share the group), escalating SIGINT -> SIGTERM -> SIGKILL.
import { spawn, spawnSync } from 'node:child_process';

const IS_WINDOWS = process.platform === 'win32';
const COLORS = [36, 35, 33, 32, 34, 31];
const useColor = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;

/** @param {string} name @param {number} index @param {number} width */
export function makePrefix(name, index, width) {
  const label = name.padEnd(width);
  return useColor ? `\x1b[${COLORS[index % COLORS.length]}m${label} |\x1b[0m ` : `${label} | `;
}

/**
 * Copies a stream to `out` line by line, each line prefixed.
 * @param {NodeJS.ReadableStream} stream @param {NodeJS.WritableStream} out @param {string} prefix
 */
export function pipePrefixed(stream, out, prefix) {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (/** @type {string} */ chunk) => {
    pending += chunk;
    const lines = pending.split(/\r?\n/);
    pending = lines.pop() ?? '';
    if (lines.length) safeWrite(out, `${lines.map((line) => prefix + line).join('\n')}\n`);
  });
  stream.on('end', () => {
    if (pending) safeWrite(out, `${prefix}${pending}\n`);
    pending = '';
  });
}

/** @param {NodeJS.WritableStream} out @param {string} text */
function safeWrite(out, text) {
  try {
    out.write(text);
  } catch {
    // the terminal or the parent's pipe went away: nothing useful to do with the text
  }
}

/**
 * @typedef {{ name: string; pid: number; exited: Promise<{ code: number | null; signal: string | null }>; isRunning(): boolean }} Service
 */

/**
 * Starts a command in its own process group with prefixed output.
 * @param {{ name: string; command: string; args: string[]; cwd: string; env: NodeJS.ProcessEnv; prefix: string }} options
 * @returns {Service}
 */
export function startService({ name, command, args, cwd, env, prefix }) {
  // Windows has no process groups: `npm` is a .cmd (needs a shell) and the tree is stopped with taskkill.
  const child = spawn(command, args, {
    cwd,
    env,
    detached: !IS_WINDOWS,
    shell: IS_WINDOWS,
    windowsHide: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.stdout) pipePrefixed(child.stdout, process.stdout, prefix);
  if (child.stderr) pipePrefixed(child.stderr, process.stderr, prefix);
  let running = true;
  const exited = new Promise((resolve) => {
    child.on('error', (error) => {
      running = false;
      safeWrite(process.stderr, `${prefix}could not start ${command}: ${error.message}\n`);
      resolve({ code: 127, signal: null });
    });
    child.on('exit', (code, signal) => {
      running = false;
      resolve({ code, signal });
    });
  });
  if (child.pid === undefined) running = false;
  return { name, pid: child.pid ?? -1, exited, isRunning: () => running };
}

/** True while any process of the group `pgid` is alive. @param {number} pgid */
export function groupAlive(pgid) {
  if (pgid <= 0) return false;
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stops every service and everything it started. SIGINT first to the programs (not to PostgreSQL: the
 * API closes its pool and stops its embedded PostgreSQL itself, which keeps its last log lines clean),
 * then SIGTERM to whole groups after `graceMs`, then SIGKILL. Processes that left their group
 * (PostgreSQL backends) were found beforehand and are killed if they outlive it. Resolves when all are gone.
 * @param {{ pid: number }[]} services @param {{ graceMs?: number }} [options]
 */
export async function stopServices(services, { graceMs = 6000 } = {}) {
  const groups = services.map((s) => s.pid).filter((pid) => pid > 0);
  if (IS_WINDOWS) {
    for (const pid of groups) spawnSync('taskkill', ['/pid', String(pid), '/T', '/F']);
    return;
  }
  const tree = descendants(groups);
  const treePids = tree.map((p) => p.pid);
  for (const pid of [...groups, ...tree.filter((p) => p.name !== 'postgres').map((p) => p.pid)]) {
    signalPid(pid, 'SIGINT');
  }
  let deadline = Date.now() + graceMs;
  while (Date.now() < deadline && groups.some(groupAlive)) await sleep(50);
  for (const [signal, waitMs] of /** @type {const} */ ([
    ['SIGTERM', graceMs],
    ['SIGKILL', 2000],
  ])) {
    const alive = groups.filter(groupAlive);
    if (!alive.length) break;
    for (const pgid of alive) signalPid(-pgid, signal);
    deadline = Date.now() + waitMs;
    while (Date.now() < deadline && groups.some(groupAlive)) await sleep(50);
  }
  // Escaped processes normally exit on their own once their parent is gone (PostgreSQL backends watch
  // the postmaster); give them a moment, then make sure.
  deadline = Date.now() + 3000;
  while (Date.now() < deadline && treePids.some(pidAlive)) await sleep(50);
  for (const pid of treePids.filter(pidAlive)) signalPid(pid, 'SIGKILL');
}

/** @param {number} pid negative: a process group @param {NodeJS.Signals} signal */
function signalPid(pid, signal) {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** Every process: pid -> { ppid, name }. Uses `ps`, available on Linux and macOS. */
function processTable() {
  const res = spawnSync('ps', ['-A', '-o', 'pid=', '-o', 'ppid=', '-o', 'comm='], { encoding: 'utf8' });
  /** @type {Map<number, { ppid: number; name: string }>} */
  const table = new Map();
  if (res.status !== 0) return table;
  for (const line of res.stdout.split('\n')) {
    const match = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    if (match)
      table.set(Number(match[1]), {
        ppid: Number(match[2]),
        name: (match[3] ?? '').trim().split('/').pop() ?? '',
      });
  }
  return table;
}

/**
 * Every process descended from `roots`, with its command name (PostgreSQL backends call setsid(), so
 * they leave their parent's group; this finds them anyway).
 * @param {number[]} roots @returns {{ pid: number; name: string }[]}
 */
export function descendants(roots) {
  const table = processTable();
  /** @type {Map<number, number[]>} */
  const children = new Map();
  for (const [pid, { ppid }] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const found = new Set();
  const queue = [...roots];
  while (queue.length) {
    const pid = /** @type {number} */ (queue.shift());
    for (const child of children.get(pid) ?? []) {
      if (!found.has(child)) {
        found.add(child);
        queue.push(child);
      }
    }
  }
  return [...found].map((pid) => ({ pid, name: table.get(pid)?.name ?? '' }));
}

/** @param {number} pid */
export function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
}
