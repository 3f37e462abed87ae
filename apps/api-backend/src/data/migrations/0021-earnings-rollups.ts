/**
 * 0021 (scale): an expert's earnings read in constant time, whatever the length of their history.
 *
 * `earnings_daily` (0020) holds one row per expert, UTC day, tier and slot: reading all of it grows with
 * the days of history. Two roll-ups of it are kept by a row trigger ON `earnings_daily` itself, so every
 * writer of the daily counters (the orders' triggers, `lumira_rebuild_counters()`,
 * `lumira_compact_counters()`) moves them in the same transaction without being changed:
 * - `earnings_monthly` (expert, first day of the UTC month, tier, currency, slot): the desk's months;
 * - `earnings_totals` (expert, tier, currency, slot): all-time totals by tier.
 * The trigger adds NEW and subtracts OLD, keeping the daily row's slot, so concurrent payments of one
 * expert wait on the same roll-up row no more often than on the daily one (docs/decisions/0083).
 */
import { type Kysely, sql } from 'kysely';

const SUMS = 'order_count, gross_amount, refunded_amount';
const SUM_COLUMNS = `
  slot smallint NOT NULL,
  order_count bigint NOT NULL DEFAULT 0, gross_amount bigint NOT NULL DEFAULT 0, refunded_amount bigint NOT NULL DEFAULT 0,`;
const ADD_SUMS = `
    order_count = t.order_count + excluded.order_count,
    gross_amount = t.gross_amount + excluded.gross_amount,
    refunded_amount = t.refunded_amount + excluded.refunded_amount`;

/** Upserts the OLD -> NEW change of one daily row into a roll-up keyed by `key` (SQL over k's columns). */
function rollUp(table: string, keyColumns: string, keyExpressions: string): string {
  return `
  INSERT INTO ${table} AS t (${keyColumns}, slot, ${SUMS})
  SELECT ${keyExpressions}, k.slot, sum(k.c), sum(k.g), sum(k.r)
  FROM (
    SELECT OLD.expert_id, OLD.day, OLD.tier_id, OLD.currency, OLD.slot,
           -OLD.order_count, -OLD.gross_amount, -OLD.refunded_amount
    WHERE TG_OP <> 'INSERT'
    UNION ALL
    SELECT NEW.expert_id, NEW.day, NEW.tier_id, NEW.currency, NEW.slot,
           NEW.order_count, NEW.gross_amount, NEW.refunded_amount
    WHERE TG_OP <> 'DELETE'
  ) AS k(expert_id, day, tier_id, currency, slot, c, g, r)
  GROUP BY ${keyExpressions}, k.slot
  HAVING sum(k.c) <> 0 OR sum(k.g) <> 0 OR sum(k.r) <> 0
  ORDER BY ${keyExpressions}, k.slot
  ON CONFLICT (${keyColumns}, slot) DO UPDATE SET${ADD_SUMS};`;
}

const MONTH_KEY = [
  'expert_id, month, tier_id, currency',
  "k.expert_id, date_trunc('month', k.day)::date, k.tier_id, k.currency",
] as const;
const TOTAL_KEY = ['expert_id, tier_id, currency', 'k.expert_id, k.tier_id, k.currency'] as const;

export const UP_SQL = `
LOCK TABLE earnings_daily IN SHARE ROW EXCLUSIVE MODE;

CREATE TABLE earnings_monthly (
  expert_id char(24) NOT NULL, month date NOT NULL, tier_id text NOT NULL, currency char(3) NOT NULL,${SUM_COLUMNS}
  PRIMARY KEY (expert_id, month, tier_id, currency, slot)
);
CREATE TABLE earnings_totals (
  expert_id char(24) NOT NULL, tier_id text NOT NULL, currency char(3) NOT NULL,${SUM_COLUMNS}
  PRIMARY KEY (expert_id, tier_id, currency, slot)
);

INSERT INTO earnings_monthly (${MONTH_KEY[0]}, slot, ${SUMS})
SELECT expert_id, date_trunc('month', day)::date, tier_id, currency, slot,
       sum(order_count), sum(gross_amount), sum(refunded_amount)
FROM earnings_daily GROUP BY 1, 2, 3, 4, 5;
INSERT INTO earnings_totals (${TOTAL_KEY[0]}, slot, ${SUMS})
SELECT expert_id, tier_id, currency, slot, sum(order_count), sum(gross_amount), sum(refunded_amount)
FROM earnings_daily GROUP BY 1, 2, 3, 4;

CREATE FUNCTION earnings_daily_roll_up() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN${rollUp('earnings_monthly', ...MONTH_KEY)}${rollUp('earnings_totals', ...TOTAL_KEY)}
  RETURN NULL;
END;
$$;
CREATE TRIGGER earnings_daily_roll_up AFTER INSERT OR UPDATE OR DELETE ON earnings_daily
  FOR EACH ROW EXECUTE FUNCTION earnings_daily_roll_up();
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(UP_SQL).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
DROP TRIGGER IF EXISTS earnings_daily_roll_up ON earnings_daily;
DROP FUNCTION IF EXISTS earnings_daily_roll_up();
DROP TABLE IF EXISTS earnings_totals;
DROP TABLE IF EXISTS earnings_monthly;
`)
    .execute(db);
}
