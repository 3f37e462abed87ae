/**
 * 0041 (invoices): a facture per paid order and an avoir (credit note) per succeeded refund.
 * - Numbers come from `invoice_counters` (one row per series and year), incremented by an UPDATE in
 *   the transaction that issues the document: a rolled-back transaction gives its number back, so the
 *   sequence has no gap, and the row lock serializes concurrent issuers, so it has no duplicate.
 * - `document` is the frozen content (seller, customer, lines, amounts, dates): the PDF is rendered from
 *   it, identically every time. Documents are never updated or deleted (trigger).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
CREATE TABLE invoice_counters (
  series       text NOT NULL CHECK (series IN ('F', 'AV')),
  year         integer NOT NULL CHECK (year BETWEEN 2000 AND 9999),
  last_number  integer NOT NULL CHECK (last_number >= 0),
  PRIMARY KEY (series, year)
);

CREATE TABLE invoices (
  id           char(24) PRIMARY KEY CHECK (id ~ '^[0-9a-f]{24}$'),
  kind         text NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
  series       text NOT NULL CHECK (series IN ('F', 'AV')),
  year         integer NOT NULL,
  number       integer NOT NULL CHECK (number > 0),
  reference    text NOT NULL UNIQUE,
  order_id     char(24) NOT NULL REFERENCES orders(id),
  refund_id    char(24) UNIQUE REFERENCES refunds(id),
  corrects_id  char(24) REFERENCES invoices(id),
  total        integer NOT NULL CHECK (total > 0),
  currency     char(3) NOT NULL,
  issued_at    timestamptz NOT NULL,
  document     jsonb NOT NULL,
  UNIQUE (series, year, number),
  CONSTRAINT invoices_kind_series CHECK ((kind = 'invoice' AND series = 'F' AND refund_id IS NULL)
    OR (kind = 'credit_note' AND series = 'AV' AND refund_id IS NOT NULL AND corrects_id IS NOT NULL))
);
CREATE UNIQUE INDEX invoices_one_per_order ON invoices (order_id) WHERE kind = 'invoice';
CREATE INDEX invoices_order_idx ON invoices (order_id, issued_at);

CREATE FUNCTION invoices_are_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'invoices are never updated or deleted';
END;
$$;
CREATE TRIGGER invoices_no_update_delete BEFORE UPDATE OR DELETE ON invoices
  FOR EACH ROW EXECUTE FUNCTION invoices_are_final();
`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
DROP TABLE IF EXISTS invoices;
DROP FUNCTION IF EXISTS invoices_are_final();
DROP TABLE IF EXISTS invoice_counters;
`)
    .execute(db);
}
