/** A minimal method + path router (`/v1/payment_intents/:id/confirm`), matched segment by segment. */
export interface Match<R> {
  route: R;
  params: Record<string, string>;
}

interface Entry<R> {
  segments: string[];
  route: R;
}

export class Router<R extends { method: string; path: string }> {
  private readonly table = new Map<string, Entry<R>[]>();

  constructor(routes: readonly R[]) {
    for (const route of routes) {
      const segments = route.path.split('/').slice(1);
      const key = `${route.method} ${segments.length}`;
      let list = this.table.get(key);
      if (!list) {
        list = [];
        this.table.set(key, list);
      }
      list.push({ segments, route });
    }
    // Static segments win over parameters (`/v1/customers/search` before `/v1/customers/:id`).
    for (const list of this.table.values()) {
      list.sort((a, b) => paramCount(a.segments) - paramCount(b.segments));
    }
  }

  match(method: string, path: string): Match<R> | null {
    const parts = path.split('/').slice(1);
    if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
    const list = this.table.get(`${method} ${parts.length}`);
    if (!list) return null;
    for (const entry of list) {
      const params = matchSegments(entry.segments, parts);
      if (params) return { route: entry.route, params };
    }
    return null;
  }

  /** True when some other method serves this path (for 405-like answers). */
  hasPath(path: string): boolean {
    for (const method of ['GET', 'POST', 'DELETE']) if (this.match(method, path)) return true;
    return false;
  }
}

function paramCount(segments: string[]): number {
  return segments.filter((s) => s.startsWith(':')).length;
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | null {
  let params: Record<string, string> | null = null;
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const v = parts[i]!;
    if (p.charCodeAt(0) === 58 /* : */) {
      if (v === '') return null;
      params ??= {};
      try {
        params[p.slice(1)] = decodeURIComponent(v);
      } catch {
        return null;
      }
    } else if (p !== v) {
      return null;
    }
  }
  return params ?? {};
}
