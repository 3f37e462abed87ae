/**
 * Order change notifications over PostgreSQL LISTEN/NOTIFY.
 *
 * - `publish(trx, change)` runs `pg_notify` INSIDE the caller's transaction: PostgreSQL delivers it only
 *   if that transaction commits, so a listener never hears about a change that was rolled back. A status
 *   change sends the same notice (`orderChangeNotice`) from its own UPDATE statement instead
 *   (`updateOrderWithHistory`, called by `transitionOrder`): same transaction, one round trip less.
 * - Every API instance holds one dedicated LISTEN connection and fans notifications out to its own
 *   in-process subscribers (the SSE streams), so several instances on one database stay in step.
 * - If the LISTEN connection drops it reconnects with backoff and emits `{ kind: 'resync' }`: streams
 *   then re-send their current view (notifications sent while disconnected are not replayed by PG).
 * - Consultation rooms use a second channel on the same connection (`publishRoom` / `subscribeRoom`):
 *   small notices ("message 42 in order X", "the expert is typing"); the streams read the rows
 *   themselves, so a notice never carries a message body and never exceeds NOTIFY's payload limit.
 */
import { EventEmitter } from 'node:events';
import type { OrderStatus, TransitionCause } from '@lumira/shared';
import { sql } from 'kysely';
import pg from 'pg';
import type { Order, Refund } from '../domain/orders/order';
import type { Db } from './db';

export const ORDER_CHANGES_CHANNEL = 'lumira_order_changes';
export const ROOM_EVENTS_CHANNEL = 'lumira_room_events';

/** A consultation-room notice (see domain/rooms): the stream re-reads what `event` points at. */
export type RoomNotice = {
  orderId: string;
  event: 'message' | 'presence' | 'typing' | 'signal';
  /** who typed / joined / signalled */
  role?: 'customer' | 'expert' | 'admin';
  /** the signal's row id (event 'signal') */
  id?: string;
};
export type RoomListener = (notice: RoomNotice | { kind: 'resync' }) => void;

export type OrderChange = {
  kind: 'order';
  orderId: string;
  status: string;
  expertId: string | null;
  customerUserId: string | null;
};
export type NotifierMessage = OrderChange | { kind: 'resync' };

/** A NOTIFY ready to send: the channel and the text payload. */
export type Notice = { channel: string; payload: string };

/**
 * THE notification of an order change (channel and payload), sent by `publish` or, by
 * `updateOrderWithHistory`, in the same statement as the change itself.
 */
export function orderChangeNotice(change: Omit<OrderChange, 'kind'>): Notice {
  return {
    channel: ORDER_CHANGES_CHANNEL,
    payload: JSON.stringify({ kind: 'order', ...change } satisfies OrderChange),
  };
}
export type NotifierListener = (message: NotifierMessage) => void;

/**
 * What else happens, in the same transaction, when an order changes: e-mails queued in the outbox,
 * factures and avoirs issued (`domain/mail/order-effects.ts`). Optional: absent in tools and tests that
 * only need live updates.
 */
export interface OrderEffects {
  afterTransition(
    trx: Db,
    transition: { order: Order; from: OrderStatus; to: OrderStatus; cause: TransitionCause },
  ): Promise<void>;
  afterRefundSucceeded(trx: Db, change: { order: Order; refund: Refund }): Promise<void>;
}

export interface OrderNotifier {
  /** Queues the notification in the transaction `db` belongs to (delivered on commit). */
  publish(db: Db, change: Omit<OrderChange, 'kind'>): Promise<void>;
  /** Effects run by `transitionOrder` / `applyRefundOutcome` on the same transaction. */
  effects?: OrderEffects | null;
  subscribe(listener: NotifierListener): () => void;
  close(): Promise<void>;
  /** Queues a room notice in the transaction `db` belongs to (or sends it at once outside one). */
  publishRoom(db: Db, notice: RoomNotice): Promise<void>;
  subscribeRoom(listener: RoomListener): () => void;
}

type Logger = { warn(obj: object, msg?: string): void; info(obj: object, msg?: string): void };

export type PgOrderNotifierOptions = {
  /** Connection for the dedicated LISTEN client. */
  connection: pg.ClientConfig | string;
  logger?: Logger;
};

/** Publishes inside transactions and listens on a dedicated connection. Call `start()` before use. */
export class PgOrderNotifier implements OrderNotifier {
  effects: OrderEffects | null = null;
  private readonly emitter = new EventEmitter();
  private client: pg.Client | null = null;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private attempt = 0;

  constructor(private readonly options: PgOrderNotifierOptions) {
    this.emitter.setMaxListeners(0);
  }

  async start(): Promise<void> {
    await this.connect();
  }

  async publish(db: Db, change: Omit<OrderChange, 'kind'>): Promise<void> {
    const { channel, payload } = orderChangeNotice(change);
    await sql`select pg_notify(${channel}, ${payload})`.execute(db);
  }

  subscribe(listener: NotifierListener): () => void {
    this.emitter.on('message', listener);
    return () => this.emitter.off('message', listener);
  }

  async publishRoom(db: Db, notice: RoomNotice): Promise<void> {
    await sql`select pg_notify(${ROOM_EVENTS_CHANNEL}, ${JSON.stringify(notice)})`.execute(db);
  }

  subscribeRoom(listener: RoomListener): () => void {
    this.emitter.on('room', listener);
    return () => this.emitter.off('room', listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.emitter.removeAllListeners();
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const config = this.options.connection;
    const client = new pg.Client(typeof config === 'string' ? { connectionString: config } : config);
    client.on('notification', (msg) => {
      if (!msg.payload) return;
      const event =
        msg.channel === ORDER_CHANGES_CHANNEL
          ? 'message'
          : msg.channel === ROOM_EVENTS_CHANNEL
            ? 'room'
            : null;
      if (!event) return;
      try {
        this.emitter.emit(event, JSON.parse(msg.payload));
      } catch {
        // ignore malformed payloads (never produced by publish)
      }
    });
    client.on('error', (error) => {
      this.options.logger?.warn({ err: error.message }, 'order notifier connection error');
      this.scheduleReconnect(client);
    });
    client.on('end', () => this.scheduleReconnect(client));
    await client.connect();
    await client.query(`LISTEN ${ORDER_CHANGES_CHANNEL}`);
    await client.query(`LISTEN ${ROOM_EVENTS_CHANNEL}`);
    this.client = client;
    this.attempt = 0;
  }

  private scheduleReconnect(failed: pg.Client): void {
    if (this.closed || this.client !== failed || this.reconnectTimer) return;
    this.client = null;
    failed.end().catch(() => undefined);
    const delay = Math.min(30_000, 250 * 2 ** this.attempt++);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.closed) return;
      this.connect()
        .then(() => {
          this.options.logger?.info({}, 'order notifier reconnected');
          this.emitter.emit('message', { kind: 'resync' } satisfies NotifierMessage);
          this.emitter.emit('room', { kind: 'resync' });
        })
        .catch((error: Error) => {
          this.options.logger?.warn({ err: error.message }, 'order notifier reconnect failed');
          this.client = failed; // let scheduleReconnect run again
          this.scheduleReconnect(failed);
        });
    }, delay);
    this.reconnectTimer.unref();
  }
}
