/**
 * CPU time per component during a measurement, from /proc (read only): our own processes by pid, and
 * the PostgreSQL backends serving the run's database (their process title names the database).
 * Dividing by the successful requests gives CPU milliseconds per request, which bounds throughput on
 * this machine: at most (cores x 1000) / (CPU ms per request) requests per second.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // getconf CLK_TCK = 100 on Linux

function ticksOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[11] = utime, fields[12] = stime (fields 14 and 15 of proc(5), counted after the name)
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** PostgreSQL backends connected to `database` (process title `postgres: user database host(port) ...`). */
export function postgresBackends(database: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      // `postgres: [cluster: ]user database host(port) state` (Debian sets cluster_name, e.g. 15/main)
      const m = cmd.match(/^postgres: (?:\S+: )?(\S+) (\S+) /);
      if (m && m[2] === database) pids.push(Number(entry));
    } catch {
      // the process went away
    }
  }
  return pids;
}

export interface CpuSnapshot {
  at: number;
  ticks: Map<number, number>;
  self: NodeJS.CpuUsage;
}

export function snapshot(pids: number[]): CpuSnapshot {
  const ticks = new Map<number, number>();
  for (const pid of pids) ticks.set(pid, ticksOf(pid));
  return { at: Date.now(), ticks, self: process.cpuUsage() };
}

/** CPU milliseconds used by `pids` between `before` and now (processes born since count from zero). */
export function cpuMsSince(before: CpuSnapshot, pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) ticks += Math.max(0, ticksOf(pid) - (before.ticks.get(pid) ?? 0));
  return ticks * TICK_MS;
}

export function selfCpuMsSince(before: CpuSnapshot): number {
  const now = process.cpuUsage(before.self);
  return (now.user + now.system) / 1000;
}
