/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, e.g. `npm run bench -- --cpu-prof DIR`): self time
 * by package / area and the hottest functions. Usage: node --import tsx bench/profile-summary.ts FILE...
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function areaOf(url: string, fn: string): string {
  if (!url)
    return fn === '(garbage collector)'
      ? '(garbage collector)'
      : fn === '(idle)'
        ? '(idle)'
        : `(${fn || 'native'})`;
  const nm = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (nm) return nm[1]!;
  const ws = url.match(/\/(apps|packages)\/([^/]+)\/src\/([^/]+)/);
  if (ws) return `${ws[2]}/${ws[3]}`;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  return url
    .replace(/^file:\/\//, '')
    .split('/')
    .slice(-2)
    .join('/');
}

/** `window`: only samples between these seconds after the profile started (a scenario's apiWindowSeconds). */
export function summarise(profile: Profile, top = 25, window?: [number, number]): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let t = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (window && (t < window[0] * 1e6 || t > window[1] * 1e6)) continue;
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const idle = [...selfUs.entries()]
    .filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)')
    .reduce((a, [, v]) => a + v, 0);
  const busy = total - idle;
  const areas = new Map<string, number>();
  const fns = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') continue;
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const key = `${functionName || '(anonymous)'} ${area}:${lineNumber + 1}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
  }
  // Native frames (writev, writeString...) by the JavaScript area that called them.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const callerArea = (id: number): string => {
    let p = parent.get(id);
    while (p !== undefined) {
      const f = byId.get(p)!.callFrame;
      if (f.url && !f.url.startsWith('node:')) return areaOf(f.url, f.functionName);
      p = parent.get(p);
    }
    return '(no JS caller)';
  };
  const natives = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const f = byId.get(id)!.callFrame;
    if (f.url || f.functionName.startsWith('(')) continue;
    const key = `${f.functionName} <- ${callerArea(id)}`;
    natives.set(key, (natives.get(key) ?? 0) + us);
  }
  const pct = (us: number) => `${((us / busy) * 100).toFixed(1)}%`;
  const lines = [
    `profile: ${(total / 1e6).toFixed(1)} s sampled, busy ${(busy / 1e6).toFixed(1)} s (${((busy / total) * 100).toFixed(0)}%), idle ${(idle / 1e6).toFixed(1)} s`,
    'self time by area (share of busy time):',
    ...[...areas.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `  ${pct(v).padStart(6)}  ${k}`),
    'hottest functions (self time):',
    ...[...fns.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `  ${pct(v).padStart(6)}  ${k}`),
    'native calls by calling package:',
    ...[...natives.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([k, v]) => `  ${pct(v).padStart(6)}  ${k}`),
  ];
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // node --import tsx bench/profile-summary.ts [--window FROM,TO] FILE...
  const args = process.argv.slice(2);
  let window: [number, number] | undefined;
  const w = args.indexOf('--window');
  if (w !== -1) {
    const [from, to] = (args[w + 1] ?? '').split(',').map(Number);
    window = [from ?? 0, to ?? Number.POSITIVE_INFINITY];
    args.splice(w, 2);
  }
  for (const file of args) {
    console.log(`== ${file}${window ? ` (seconds ${window[0]}-${window[1]})` : ''}`);
    console.log(summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, 25, window));
  }
}
