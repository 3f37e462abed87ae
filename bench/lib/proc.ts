import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A Node process started for a benchmark or chaos run, with its peak resident memory. */
export interface NodeProcess {
  name: string;
  pid: number;
  child: ChildProcess;
  /** Peak resident set size (VmHWM) so far, in MiB; 0 once the process is gone. */
  peakRssMiB(): number;
  /** Current resident set size (VmRSS), in MiB. */
  rssMiB(): number;
  stop(signal?: NodeJS.Signals): Promise<void>;
  output(): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function readStatusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export interface StartNodeOptions {
  /** Write the process's stdout and stderr to this file instead of piping them to us (cheap for busy logs). */
  logFile?: string;
  /** Extra Node flags before the entry (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
  /** Run a plain JavaScript entry without the tsx loader (a bundled build). */
  plain?: boolean;
}

/** Starts `node --import tsx <entry>` (the real Node process, so its pid is the one measured). */
export function startNode(
  name: string,
  entry: string,
  env: Record<string, string>,
  options: StartNodeOptions = {},
): NodeProcess {
  const fd = options.logFile ? openSync(options.logFile, 'a') : null;
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), ...(options.plain ? [] : ['--import', 'tsx']), entry],
    {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: fd === null ? ['ignore', 'pipe', 'pipe'] : ['ignore', fd, fd],
    },
  );
  if (fd !== null) closeSync(fd);
  const logFile = options.logFile;
  let out = '';
  const keep = (b: Buffer) => {
    out += b.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const pid = child.pid ?? 0;
  let lastPeak = 0;
  return {
    name,
    pid,
    child,
    peakRssMiB() {
      const kb = readStatusKb(pid, 'VmHWM');
      if (kb) lastPeak = kb / 1024;
      return Math.round(lastPeak * 10) / 10;
    },
    rssMiB() {
      return Math.round((readStatusKb(pid, 'VmRSS') / 1024) * 10) / 10;
    },
    output: () => {
      if (!logFile) return out;
      try {
        return readFileSync(logFile, 'utf8').slice(-100_000);
      } catch {
        return '';
      }
    },
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `url` until it answers 200, or throws with the process output after `timeoutMs`. */
export async function waitForOk(url: string, proc?: NodeProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (proc && proc.child.exitCode !== null) {
      throw new Error(`${proc.name} exited with ${proc.child.exitCode}:\n${proc.output().slice(-4000)}`);
    }
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(
    `${url} not ready after ${timeoutMs} ms (${last})${proc ? `:\n${proc.output().slice(-4000)}` : ''}`,
  );
}
