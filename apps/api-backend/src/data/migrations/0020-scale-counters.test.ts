import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UP_SQL } from './0020-scale-counters';

/**
 * Migration 0020 is applied in existing databases: its SQL must stay byte for byte what was applied
 * (the runner records the name only, so a changed text would silently differ from deployed schemas).
 * SHA-256 and length of the script as first applied.
 */
const APPLIED_SHA256 = 'b120b88e77fb96b5029733b9a86e4ff56b174836683befac8f42e9685c64e0d5';
const APPLIED_LENGTH = 13632;

describe('migration 0020 (scale counters)', () => {
  it('generates exactly the SQL that was applied', () => {
    expect(UP_SQL.length).toBe(APPLIED_LENGTH);
    expect(createHash('sha256').update(UP_SQL).digest('hex')).toBe(APPLIED_SHA256);
  });

  it('writes both transition-table trigger bodies, adding inserted rows and subtracting deleted ones', () => {
    expect(UP_SQL).toContain('lumira_counter_slot(id), count(*)\n  FROM new_rows GROUP BY 1, 2, 3');
    expect(UP_SQL).toContain('lumira_counter_slot(id), -count(*)\n  FROM old_rows GROUP BY 1, 2, 3');
    expect(UP_SQL).toContain('-count(*), -sum(amount), -sum(refunded_amount)\n  FROM old_rows WHERE paid_at');
    expect(UP_SQL).toContain('count(*), sum(amount), sum(refunded_amount)\n  FROM new_rows WHERE paid_at');
  });
});
