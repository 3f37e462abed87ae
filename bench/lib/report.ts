/** bench/results.json and the markdown table of docs/performance.md, from the same data. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { BenchResults, PeerRound } from '../bench';

export interface ResultsFile {
  /** One entry per API build ('tsx', 'bundled'): the latest run of each. */
  runs: BenchResults[];
}

export function readResults(file: string): ResultsFile {
  if (!existsSync(file)) return { runs: [] };
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as ResultsFile;
    return Array.isArray(parsed.runs) ? parsed : { runs: [] };
  } catch {
    return { runs: [] };
  }
}

export function writeResults(file: string, run: BenchResults): ResultsFile {
  const current = readResults(file);
  const runs = current.runs.filter((r) => r.settings.apiBuild !== run.settings.apiBuild);
  runs.push(run);
  runs.sort((a, b) => a.settings.apiBuild.localeCompare(b.settings.apiBuild));
  const next = { runs };
  writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`);
  return next;
}

const yes = (ok: boolean) => (ok ? 'met' : '**missed**');

export function renderRun(run: BenchResults): string {
  const lines: string[] = [];
  const s = run.settings;
  lines.push(
    `Measured ${run.date.slice(0, 16).replace('T', ' ')} UTC with \`${run.command}\`: ${s.connections} connections, ` +
      `${s.durationSeconds} s per measurement after ${s.warmupSeconds} s of warm-up, PostgreSQL ${s.database === 'server' ? 'server (127.0.0.1:5432, fresh database)' : 'embedded'}, ` +
      `API run ${s.apiBuild === 'tsx' ? 'through tsx (as `npm start` runs it)' : `from an esbuild bundle (\`node ${[...(s.apiNodeArgs ?? []), 'dist/main.js'].join(' ')}\`)`}, NODE_ENV=${s.nodeEnv}, LOG_LEVEL=${s.logLevel} (one JSON line per request). ` +
      `Machine: ${run.machine.cpus} × ${run.machine.cpuModel}, ${run.machine.memoryGiB} GiB, ${run.machine.os}, Node ${run.machine.node}; ` +
      `load average ${run.loadAverage.start.join(' / ')} at the start, ${run.loadAverage.end.join(' / ')} at the end.`,
  );
  lines.push('');
  lines.push(
    '| Scenario | req/s | p50 ms | p99 ms | bare route req/s (same run) | ratio | target | ratio | p99 < 100 ms | non-2xx / errors |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---|---|---:|');
  for (const sc of run.scenarios) {
    lines.push(
      `| ${sc.title} | ${sc.result.requestsPerSecond} | ${sc.result.p50Ms} | ${sc.result.p99Ms} | ${sc.baseline.requestsPerSecond} (${sc.baseline.title.replace('bare Express ', '')}, p99 ${sc.baseline.p99Ms}) | ${sc.ratio} | ${sc.targetRatio > 0 ? `≥ ${sc.targetRatio}` : 'peer'} | ${sc.targetRatio > 0 ? yes(sc.ratioMet) : '–'} | ${yes(sc.p99Met)} | ${sc.result.non2xx} / ${sc.result.errors + sc.result.timeouts} |`,
    );
  }
  if (run.checkoutVsSample) {
    const v = run.checkoutVsSample;
    const several = v.rounds && v.rounds.length > 1;
    const each = (f: (r: PeerRound) => string) => (several ? ` (${v.rounds.map(f).join('; ')})` : '');
    lines.push('');
    lines.push(
      // With several rounds the figure is the median of the rounds' ratios; each round's own quotient is
      // listed (the medians of the two columns would not divide into it).
      `**Checkout against the Stripe sample server, same run:** ${several ? '' : `${v.checkoutRps} / ${v.sampleRps} req/s = `}**${v.ratio}** (target ≥ ${v.target}: ${yes(v.met)})` +
        (several ? `, the median of the ratios of ${v.rounds.length} interleaved rounds` : '') +
        each((r) => `${r.checkoutRps} / ${r.sampleRps} = ${r.ratio}`) +
        (v.durableRps !== undefined
          ? `; checkout / durable sample: ${several ? '' : `${v.checkoutRps} / ${v.durableRps} req/s = `}**${v.checkoutVsDurable}**` +
            each((r) => `${r.checkoutRps} / ${r.durableRps} = ${r.checkoutVsDurable}`) +
            `; durable sample / Stripe sample: ${several ? '' : `${v.durableRps} / ${v.sampleRps} req/s = `}**${v.durableVsSample}**` +
            each((r) => `${r.durableRps} / ${r.sampleRps} = ${r.durableVsSample}`)
          : '') +
        '.',
    );
  }
  lines.push('');
  lines.push(
    '| CPU ms per successful request | API | sandbox | PostgreSQL | load generator | total | bound on this machine | bare route: server + load generator = total (bound) |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---|');
  for (const sc of run.scenarios) {
    const c = sc.cpu;
    const b = sc.baselineCpu;
    if (!c || !b) continue;
    lines.push(
      `| ${sc.title} | ${c.api ?? ''} | ${c.sandbox ?? ''} | ${c.postgres ?? 'n/a'} | ${c.loadgen} | ${c.total} | ${c.cpuBoundRps} req/s | ${b.server} + ${b.loadgen} = ${b.total} (${b.cpuBoundRps} req/s) |`,
    );
  }
  lines.push('');
  lines.push(
    `Peak RSS (VmHWM): API ${run.peakRssMiB.api} MiB (target < ${run.targets.apiRssMiB}: ${yes(run.peakRssMiB.api < run.targets.apiRssMiB)}), ` +
      `sandbox ${run.peakRssMiB.sandbox} MiB, bare Express route ${run.peakRssMiB.baseline} MiB.`,
  );
  lines.push(
    `Checks: ${run.checks.ordersCreated} orders created, ${run.checks.paymentIntentsConfirmed} PaymentIntents confirmed, ` +
      `${run.checks.ordersPaidInDatabase} of them paid by the webhook scenario (${run.checks.webhookTransitions} paid transitions), ` +
      `${run.checks.orderReadsOk} order reads answered 200` +
      (run.checks.durableOrders !== undefined
        ? `, ${run.checks.durableOrders} durable-sample orders written (${run.checks.durableOrdersWithPaymentIntent} with their PaymentIntent)`
        : '') +
      `; ${run.apiErrorLines} error lines in the API log.`,
  );
  return lines.join('\n');
}

export function renderAll(file: ResultsFile): string {
  return file.runs.map((r) => `#### API ${r.settings.apiBuild}\n\n${renderRun(r)}`).join('\n\n');
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/** Replaces the generated block of docs/performance.md (between the markers). */
export function publish(docFile: string, file: ResultsFile): boolean {
  if (!existsSync(docFile)) return false;
  const doc = readFileSync(docFile, 'utf8');
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  if (a === -1 || b === -1 || b < a) return false;
  const next = `${doc.slice(0, a + START.length)}\n${renderAll(file)}\n${doc.slice(b)}`;
  writeFileSync(docFile, next);
  return true;
}
