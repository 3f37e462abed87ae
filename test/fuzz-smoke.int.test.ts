// A small `npm run fuzz`: a few hundred hostile requests: at least one of every mutation family on every endpoint; no 5xx, no crash,
// no attack accepted, and no refused request changes the database.
import { describe, expect, it } from 'vitest';
import { runFuzz } from '../fuzz/fuzz';
import { ENDPOINTS } from '../fuzz/lib/cases';

const db = process.env.LUMIRA_TEST_DB === 'server' ? 'server' : 'embedded';

describe('fuzz harness (small run)', () => {
  it('refuses hostile input on every endpoint without a 5xx, a crash or a state change', {
    timeout: 300_000,
  }, async () => {
    const lines: string[] = [];
    // Sampled (one case of every endpoint x family first): the exhaustive run is `npm run fuzz`.
    const report = await runFuzz({ requests: 480, exhaustive: false, db, log: (line) => lines.push(line) });
    expect(report.requests).toBeGreaterThanOrEqual(470);
    // Every API endpoint, the webhook and unknown routes were exercised.
    expect(report.endpointsCovered).toBe(ENDPOINTS.length + 2);
    expect(report.findings, lines.join('\n')).toEqual([]);
    expect(report.apiAlive).toBe(true);
    expect(report.refused).toBeGreaterThan(report.requests / 2);
    expect(report.stateChecks).toBeGreaterThanOrEqual(report.refused);
    // The only 5xx allowed is the documented 503 for a correctly signed event naming an unknown object.
    expect(report.byStatus['500'] ?? 0).toBe(0);
  });
});
