/**
 * 0030 (consultation room):
 * - room_messages: the transcript, append-only (a trigger refuses UPDATE and DELETE). One row per line:
 *   the sender's role (customer, expert, or system for "session started" and the like, whose body is a
 *   code), and the client's message id, unique per (order, sender): a resent message is found, never
 *   written twice. System lines use their code as client id, so each is written once per order.
 * - room_presence: one row per open room stream (UNLOGGED: nothing here must survive a crash), seen_at
 *   refreshed by the stream's heartbeat; a row older than the presence window is ignored, so an API
 *   instance that died leaves no ghost.
 * - room_signals: WebRTC signalling (offers, answers, ICE candidates) relayed between the two
 *   participants; streams read them by id when notified. UNLOGGED, pruned per order as new ones arrive.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
CREATE TABLE room_messages (
  id                 bigserial PRIMARY KEY,
  order_id           char(24) NOT NULL REFERENCES orders(id),
  sender_role        text NOT NULL CHECK (sender_role IN ('customer', 'expert', 'system')),
  body               text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  client_message_id  text NOT NULL CHECK (length(client_message_id) BETWEEN 1 AND 64),
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX room_messages_client_id_key ON room_messages (order_id, sender_role, client_message_id);
CREATE INDEX room_messages_order_idx ON room_messages (order_id, id);
CREATE INDEX room_messages_rate_idx ON room_messages (order_id, sender_role, created_at);

CREATE FUNCTION room_messages_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'room_messages is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER room_messages_no_update_delete
  BEFORE UPDATE OR DELETE ON room_messages
  FOR EACH ROW EXECUTE FUNCTION room_messages_append_only();

CREATE UNLOGGED TABLE room_presence (
  connection_id  text PRIMARY KEY,
  order_id       char(24) NOT NULL,
  role           text NOT NULL CHECK (role IN ('customer', 'expert', 'admin')),
  seen_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX room_presence_order_idx ON room_presence (order_id);

CREATE UNLOGGED TABLE room_signals (
  id          bigserial PRIMARY KEY,
  order_id    char(24) NOT NULL,
  from_role   text NOT NULL CHECK (from_role IN ('customer', 'expert')),
  payload     jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX room_signals_order_idx ON room_signals (order_id, created_at);
`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
DROP TABLE IF EXISTS room_signals;
DROP TABLE IF EXISTS room_presence;
DROP TABLE IF EXISTS room_messages;
DROP FUNCTION IF EXISTS room_messages_append_only();
`)
    .execute(db);
}
