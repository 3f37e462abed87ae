// A small run of `npm run bench:scale` (two table sizes, a few hundred orders, a few samples per route):
// the bulk load works on the migrated schema and every route answers its expected status at each size.
// It asserts behaviour, never speed.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { adminUrl } from '../bench/lib/database';
import { renderScaleSvg, renderScaleTable } from '../bench/lib/scale-report';
import { runScaleBench } from '../bench/scale';

const db = process.env.LUMIRA_TEST_DB === 'server' ? 'server' : 'embedded';

describe('bench:scale harness (small run)', () => {
  it('loads orders in bulk and measures every route at each size with no unexpected status', {
    timeout: 600_000,
  }, async () => {
    const lines: string[] = [];
    const results = await runScaleBench({
      sizes: [0, 400],
      customers: 200,
      readSamples: 2,
      writeSamples: 2,
      db,
      log: (line) => lines.push(line),
    });
    expect(results.unexpected, lines.join('\n')).toBe(0);
    expect(results.measurements.map((m) => m.orders)).toEqual([0, 400]);
    const [empty, loaded] = results.measurements;
    expect(empty!.endpoints.length).toBeGreaterThanOrEqual(35);
    expect(loaded!.endpoints.map((e) => e.id)).toEqual(empty!.endpoints.map((e) => e.id));
    for (const e of loaded!.endpoints) {
      expect(e.samples, e.id).toBeGreaterThan(0);
      expect(Object.keys(e.statusCodes), e.id).toHaveLength(1);
    }
    // Every route of the API is measured (the SSE streams by their opening).
    const routes = new Set(
      loaded!.endpoints.map((e) => `${e.method} ${e.route.split(' ')[0]!.split('?')[0]}`),
    );
    for (const route of [
      'POST /api/payments/create-payment-intent',
      'POST /api/payments/webhook',
      'GET /api/desk/earnings',
      'GET /api/admin/payments/overview',
      'POST /api/admin/refunds/:id/retry',
      'GET /api/admin/events',
      'GET /metrics',
    ]) {
      expect(routes, route).toContain(route);
    }
    expect(renderScaleTable(results)).toContain('| GET /api/desk/earnings |');
    expect(renderScaleSvg(results, 'smoke')).toContain('<polyline');
  });

  it('measures only the endpoints asked for, measures a size again and keeps the database when asked', {
    timeout: 600_000,
  }, async () => {
    const lines: string[] = [];
    const results = await runScaleBench({
      sizes: [0, 100, 100],
      customers: 50,
      readSamples: 2,
      writeSamples: 2,
      db,
      only: ['confirm-payment', 'admin-orders-search', 'login'],
      keepDatabase: true,
      databasePrefix: 'lumira_scale_kept',
      log: (line) => lines.push(line),
    });
    expect(results.unexpected, lines.join('\n')).toBe(0);
    expect(results.measurements.map((m) => m.orders)).toEqual([0, 100, 100]);
    for (const m of results.measurements) {
      expect(m.endpoints.map((e) => e.id)).toEqual(['confirm-payment', 'admin-orders-search', 'login']);
    }
    // The same size again loads nothing more.
    expect(results.measurements[2]!.loadSeconds).toBe(0);
    if (db === 'embedded') {
      expect(results.keptDatabaseUrl).toBeUndefined();
      return;
    }
    // The kept database holds the loaded orders and the fixtures of the three runs; the test drops it.
    const url = results.keptDatabaseUrl!;
    const name = new URL(url).pathname.slice(1);
    expect(name).toMatch(/^lumira_scale_kept_/);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM orders');
      expect(rows[0]!.n).toBeGreaterThan(100);
    } finally {
      await client.end();
    }
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE ${admin.escapeIdentifier(name)} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  });
});
