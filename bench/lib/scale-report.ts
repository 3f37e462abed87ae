/** bench/scale-results.json, the scale table of docs/performance.md and its SVG plot, from the same data. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ScaleResults } from '../scale';

export interface ScaleResultsFile {
  /** label -> the latest run under that label (e.g. 'before', 'tsx', 'bundled'). */
  runs: Record<string, ScaleResults>;
}

export const SCALE_TARGETS = { p50Ms: 15, p99Ms: 50, growth: 2 } as const;

export function readScaleResults(file: string): ScaleResultsFile {
  if (!existsSync(file)) return { runs: {} };
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as ScaleResultsFile;
    return parsed.runs && typeof parsed.runs === 'object' ? parsed : { runs: {} };
  } catch {
    return { runs: {} };
  }
}

export function writeScaleResults(file: string, label: string, run: ScaleResults): ScaleResultsFile {
  const current = readScaleResults(file);
  const next = { runs: { ...current.runs, [label]: run } };
  writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`);
  return next;
}

const fmtSize = (n: number) =>
  n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n);
const ms = (n: number | undefined) => (n === undefined ? '–' : n < 10 ? n.toFixed(1) : String(Math.round(n)));

/**
 * Targets at the largest size: p50 <= 15 ms, p99 <= 50 ms, and p50 at most 2x the empty table's (with a
 * 1 ms floor: below a millisecond the ratio of two timer readings says nothing).
 */
export function targetStatus(
  empty: { p50Ms: number } | undefined,
  largest: { p50Ms: number; p99Ms: number },
): { ok: boolean; missed: string[] } {
  const missed: string[] = [];
  if (largest.p50Ms > SCALE_TARGETS.p50Ms) missed.push('p50');
  if (largest.p99Ms > SCALE_TARGETS.p99Ms) missed.push('p99');
  if (empty && largest.p50Ms > SCALE_TARGETS.growth * Math.max(1, empty.p50Ms)) missed.push('growth');
  return { ok: missed.length === 0, missed };
}

export function renderScaleTable(run: ScaleResults): string {
  const sizes = run.measurements.map((m) => m.orders);
  const first = run.measurements[0];
  const last = run.measurements[run.measurements.length - 1];
  const lines: string[] = [];
  lines.push(
    `Measured ${run.date.slice(0, 16).replace('T', ' ')} UTC with \`${run.command}\`: API ${run.apiBuild === 'tsx' ? 'through tsx' : `(${run.apiBuild})`}, NODE_ENV=production, PostgreSQL ${run.database === 'server' ? 'server (127.0.0.1:5432, fresh database)' : 'embedded'}, ` +
      `one request at a time, ${run.settings.readSamples} samples per read and ${run.settings.writeSamples} per write (at most ${run.settings.endpointBudgetSeconds} s per endpoint), ${run.settings.customers.toLocaleString('en-US')} customers. ` +
      `Machine: ${run.machine.cpus} × ${run.machine.cpuModel}, ${run.machine.memoryGiB} GiB, Node ${run.machine.node}; load average ${run.loadAverage.start.join(' / ')} at the start, ` +
      `${run.measurements.map((m) => `${m.loadAverage.join(' / ')} at ${fmtSize(m.orders)}`).join(', ')}, ${run.loadAverage.end.join(' / ')} at the end.`,
  );
  lines.push('');
  lines.push(
    `| endpoint | ${sizes.map((s) => `p50 ${fmtSize(s)}`).join(' | ')} | ${sizes.map((s) => `p99 ${fmtSize(s)}`).join(' | ')} | targets at ${fmtSize(sizes[sizes.length - 1] ?? 0)} |`,
  );
  lines.push(`|---|${sizes.map(() => '---:').join('|')}|${sizes.map(() => '---:').join('|')}|---|`);
  for (const e of first?.endpoints ?? []) {
    const at = run.measurements.map((m) => m.endpoints.find((x) => x.id === e.id));
    const lastFig = last?.endpoints.find((x) => x.id === e.id);
    const status = lastFig ? targetStatus(e, lastFig) : { ok: false, missed: ['not measured'] };
    lines.push(
      `| ${e.method} ${e.route.replace(/\|/g, '\\|')} | ${at.map((f) => ms(f?.p50Ms)).join(' | ')} | ${at.map((f) => ms(f?.p99Ms)).join(' | ')} | ${status.ok ? 'met' : `**missed** (${status.missed.join(', ')})`} |`,
    );
  }
  const loads = run.measurements.filter((m) => m.loadSeconds > 0);
  if (loads.length > 0) {
    lines.push('');
    lines.push(
      `Bulk loads: ${loads.map((m) => `up to ${fmtSize(m.orders)} orders in ${m.loadSeconds} s`).join(', ')} (orders, history, inbox and refund rows, then VACUUM ANALYZE). Unexpected statuses: ${run.unexpected}.`,
    );
  }
  return lines.join('\n');
}

const COLORS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];
const DASHES = ['', '6 3', '2 3', '8 3 2 3'];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Latency (p50, log scale) against table size, one line per endpoint. */
export function renderScaleSvg(run: ScaleResults, title: string): string {
  const sizes = run.measurements.map((m) => m.orders);
  const endpoints = run.measurements[0]?.endpoints ?? [];
  const W = 980;
  const plotLeft = 70;
  const plotTop = 50;
  const plotW = 480;
  const legendX = plotLeft + plotW + 30;
  const rowH = 15;
  const plotH = Math.max(360, endpoints.length * rowH);
  const H = plotTop + plotH + 60;
  const all = run.measurements.flatMap((m) => m.endpoints.map((e) => e.p50Ms)).filter((v) => v > 0);
  const lo = Math.max(0.1, 10 ** Math.floor(Math.log10(Math.min(...all, 1))));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...all, 20)));
  const y = (v: number) =>
    plotTop +
    plotH -
    ((Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * plotH;
  const x = (index: number) =>
    plotLeft + (sizes.length <= 1 ? plotW / 2 : (index / (sizes.length - 1)) * plotW);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
  );
  out.push(`<title>${esc(title)}</title>`);
  out.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  out.push(`<text x="${plotLeft}" y="22" font-size="14" font-weight="bold">${esc(title)}</text>`);
  out.push(
    `<text x="${plotLeft}" y="38" fill="#555">p50 latency of one request (ms, log scale) against the number of orders in the table</text>`,
  );
  for (let d = lo; d <= hi * 1.0001; d *= 10) {
    out.push(
      `<line x1="${plotLeft}" x2="${plotLeft + plotW}" y1="${y(d)}" y2="${y(d)}" stroke="#ddd"/>` +
        `<text x="${plotLeft - 6}" y="${y(d) + 4}" text-anchor="end">${d >= 1 ? d : d.toFixed(1)}</text>`,
    );
  }
  for (const [label, v] of [
    ['15 ms (p50 target)', 15],
    ['50 ms (p99 target)', 50],
  ] as const) {
    if (v > lo && v < hi) {
      out.push(
        `<line x1="${plotLeft}" x2="${plotLeft + plotW}" y1="${y(v)}" y2="${y(v)}" stroke="#c00" stroke-dasharray="4 4"/>` +
          `<text x="${plotLeft + plotW - 4}" y="${y(v) - 4}" text-anchor="end" fill="#c00">${label}</text>`,
      );
    }
  }
  sizes.forEach((s, i) => {
    out.push(
      `<line x1="${x(i)}" x2="${x(i)}" y1="${plotTop}" y2="${plotTop + plotH}" stroke="#eee"/>` +
        `<text x="${x(i)}" y="${plotTop + plotH + 18}" text-anchor="middle">${s.toLocaleString('en-US')}</text>`,
    );
  });
  out.push(
    `<text x="${plotLeft + plotW / 2}" y="${plotTop + plotH + 38}" text-anchor="middle">orders in the table</text>`,
  );
  endpoints.forEach((e, k) => {
    const color = COLORS[k % COLORS.length];
    const dash = DASHES[Math.floor(k / COLORS.length) % DASHES.length];
    const pts = run.measurements
      .map((m, i) => {
        const f = m.endpoints.find((z) => z.id === e.id);
        return f ? `${x(i).toFixed(1)},${y(f.p50Ms).toFixed(1)}` : null;
      })
      .filter((p): p is string => p !== null);
    out.push(
      `<polyline points="${pts.join(' ')}" fill="none" stroke="${color}" stroke-width="1.6"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
    );
    const ly = plotTop + k * rowH + 6;
    out.push(
      `<line x1="${legendX}" x2="${legendX + 24}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>` +
        `<text x="${legendX + 30}" y="${ly + 4}">${esc(`${e.method} ${e.route}`)}</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** Rewrites the block between the scale markers of docs/performance.md and the SVG beside it. */
export function publishScale(docsDir: string, file: ScaleResultsFile, label: string): string {
  const run = file.runs[label];
  if (!run) return `no run labelled ${label}`;
  const svgName = `performance-scale-${label}.svg`;
  writeFileSync(
    path.join(docsDir, svgName),
    renderScaleSvg(run, `Lumira API, ${label}: latency against table size`),
  );
  const doc = path.join(docsDir, 'performance.md');
  const text = readFileSync(doc, 'utf8');
  const start = `<!-- bench:scale:${label}:start -->`;
  const end = `<!-- bench:scale:${label}:end -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) return `no ${start} marker in ${doc}: not published (SVG written to ${svgName})`;
  const block = `${start}\n${renderScaleTable(run)}\n\n![p50 latency against table size (${label})](${svgName})\n${end}`;
  writeFileSync(doc, text.slice(0, i) + block + text.slice(j + end.length));
  return `scale table (${label}) published in ${doc}, plot in docs/${svgName}`;
}
