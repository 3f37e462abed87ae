/**
 * 0010 (payment anomalies): a PaymentIntent that names one of our orders but cannot pay it (its amount
 * or currency differ from the order's, or the order is already tied to another PaymentIntent). One row
 * per PaymentIntent: what was seen, why it was refused, and the automatic refund sent back.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
CREATE TABLE payment_anomalies (
  payment_intent_id  text PRIMARY KEY,
  order_id           char(24) NOT NULL REFERENCES orders(id),
  reason             text NOT NULL CHECK (reason IN ('amount_mismatch', 'foreign_payment_intent')),
  amount             integer NOT NULL,
  currency           text NOT NULL,
  status             text NOT NULL,
  refund_id          text,
  refund_status      text,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_anomalies_order_idx ON payment_anomalies (order_id);
`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE payment_anomalies').execute(db);
}
