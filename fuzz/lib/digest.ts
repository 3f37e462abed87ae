/** A digest of every application table: equal digests = no row added, removed or changed. */
import type pg from 'pg';

export async function tableNames(client: pg.Client): Promise<string[]> {
  const res = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return res.rows.map((r) => r.table_name);
}

export interface Digest {
  value: string;
  counts: Record<string, number>;
}

export async function digest(client: pg.Client, tables: string[]): Promise<Digest> {
  const parts = tables.map(
    (t) =>
      `SELECT '${t}' AS t, count(*)::int AS n, coalesce(md5(string_agg(md5(x::text), '' ORDER BY md5(x::text))), '') AS h FROM ${client.escapeIdentifier(t)} x`,
  );
  const res = await client.query<{ t: string; n: number; h: string }>(parts.join(' UNION ALL '));
  const counts: Record<string, number> = {};
  for (const row of res.rows) counts[row.t] = row.n;
  return { value: res.rows.map((r) => `${r.t}:${r.n}:${r.h}`).join('|'), counts };
}

/** Which tables differ between two digests. */
export function changedTables(a: Digest, b: Digest): string[] {
  const map = (d: Digest) => new Map(d.value.split('|').map((p) => [p.split(':')[0], p]));
  const ma = map(a);
  const mb = map(b);
  return [...new Set([...ma.keys(), ...mb.keys()])].filter((k) => ma.get(k) !== mb.get(k)) as string[];
}
