/**
 * One room stream (GET /api/rooms/:orderId/events): sends the room's state, then every transcript line
 * after `afterId` exactly once and in order, presence, typing, and the WebRTC signals addressed to this
 * participant, whichever API instance wrote them (PostgreSQL LISTEN/NOTIFY through the notifier).
 *
 * - Lines are read from the table by id (`id > lastSent`), never taken from a notice: a reconnect
 *   (`?after=` or Last-Event-ID) resumes exactly, and a missed notice is caught up by the next one or by
 *   the notifier's `resync`. Every writer of a room's lines holds the order's row lock, so ids become
 *   visible in increasing order.
 * - Presence: this stream's row in room_presence, refreshed every 15 s, removed on close.
 * - Timer lines ("ending soon", "time up") are written by whichever stream's timer fires first (each
 *   code once per order).
 */
import { randomUUID } from 'node:crypto';
import { ROOM_LIMITS, type RoomRole, type RoomSignal, type RoomStreamEvent } from '@lumira/shared';
import type { NotifierMessage, RoomNotice } from '../../data/order-notifier';
import { findOrderById, lockOrder } from '../../data/orders-repository';
import {
  deleteRoomPresence,
  findPresentRoles,
  findRoomSignal,
  listRoomMessages,
  upsertRoomPresence,
} from '../../data/room-repository';
import { appendSystemLine } from './append-system-line';
import { loadRoomState } from './load-room-state';
import type { RoomContext } from './room-context';
import { PRESENCE_WINDOW_SECONDS } from './room-state';

const HEARTBEAT_MS = 15_000;

export type RoomWatch = {
  orderId: string;
  role: RoomRole;
  /** resume after this line id (exclusive) */
  afterId?: string;
  /** `id` is set on transcript lines (the SSE event id, for Last-Event-ID) */
  send(event: RoomStreamEvent, id?: string): void;
};

export function watchRoom(ctx: RoomContext, watch: RoomWatch): () => void {
  const connectionId = randomUUID();
  let closed = false;
  let lastId = BigInt(watch.afterId ?? '0');
  let chain: Promise<void> = Promise.resolve();
  const timers: NodeJS.Timeout[] = [];

  const run = (work: () => Promise<void>) => {
    chain = chain
      .then(() => (closed ? undefined : work()))
      .catch((error: unknown) =>
        ctx.logger.warn({ err: error, orderId: watch.orderId }, 'room stream update failed'),
      );
  };

  const flushMessages = async () => {
    const messages = await listRoomMessages(ctx.db, watch.orderId, { afterId: lastId.toString() });
    for (const message of messages) {
      if (closed) return;
      const id = BigInt(message.id);
      if (id <= lastId) continue;
      lastId = id;
      watch.send({ type: 'room.message', message }, message.id);
    }
  };

  const writeTimerLine = (code: 'ending_soon' | 'time_up') =>
    run(async () => {
      await ctx.db.transaction().execute(async (trx) => {
        const order = await lockOrder(trx, watch.orderId);
        if (order?.status === 'in_session') await appendSystemLine(trx, ctx.notifier, order.id, code);
      });
    });

  const scheduleTimerLines = (plannedEndAt: string | null, open: boolean) => {
    for (const timer of timers.splice(0)) clearTimeout(timer);
    if (!open || !plannedEndAt) return;
    const end = new Date(plannedEndAt).getTime();
    const marks = [
      { code: 'ending_soon' as const, at: end - ROOM_LIMITS.endingSoonMinutes * 60_000 },
      { code: 'time_up' as const, at: end },
    ];
    for (const mark of marks) {
      const timer = setTimeout(() => writeTimerLine(mark.code), Math.max(0, mark.at - Date.now()));
      timer.unref();
      timers.push(timer);
    }
  };

  const sendState = async () => {
    const order = await findOrderById(ctx.db, watch.orderId);
    if (!order || closed) return;
    const room = await loadRoomState(ctx, order, watch.role);
    watch.send({ type: 'room.state', room });
    scheduleTimerLines(room.plannedEndAt, room.state === 'open');
  };

  const sendPresence = async () => {
    const present = await findPresentRoles(ctx.db, watch.orderId, PRESENCE_WINDOW_SECONDS);
    watch.send({
      type: 'room.presence',
      presence: { customer: present.has('customer'), expert: present.has('expert') },
    });
  };

  const relaySignal = async (id: string) => {
    const signal = await findRoomSignal(ctx.db, id);
    if (!signal || signal.orderId !== watch.orderId || signal.fromRole === watch.role) return;
    watch.send({
      type: 'room.signal',
      signal: { ...(signal.payload as Omit<RoomSignal, 'from'>), from: signal.fromRole } as RoomSignal,
    });
  };

  const onRoom = (notice: RoomNotice | { kind: 'resync' }) => {
    if ('kind' in notice) {
      run(flushMessages);
      run(sendPresence);
      return;
    }
    if (notice.orderId !== watch.orderId) return;
    switch (notice.event) {
      case 'message':
        run(flushMessages);
        break;
      case 'presence':
        run(sendPresence);
        break;
      case 'typing':
        if (notice.role === 'customer' || notice.role === 'expert') {
          if (notice.role !== watch.role) watch.send({ type: 'room.typing', role: notice.role });
        }
        break;
      case 'signal':
        if (watch.role !== 'admin' && notice.role !== watch.role && notice.id) {
          const id = notice.id;
          run(() => relaySignal(id));
        }
        break;
    }
  };
  const onOrder = (message: NotifierMessage) => {
    if (message.kind === 'resync' || message.orderId === watch.orderId) run(sendState);
  };

  const unsubscribeRoom = ctx.notifier.subscribeRoom(onRoom);
  const unsubscribeOrder = ctx.notifier.subscribe(onOrder);

  const announcePresence = async () => {
    await upsertRoomPresence(ctx.db, { connectionId, orderId: watch.orderId, role: watch.role });
    await ctx.notifier.publishRoom(ctx.db, { orderId: watch.orderId, event: 'presence', role: watch.role });
  };
  run(announcePresence);
  run(sendState);
  run(flushMessages);
  const heartbeat = setInterval(() => {
    upsertRoomPresence(ctx.db, { connectionId, orderId: watch.orderId, role: watch.role }).catch(
      () => undefined,
    );
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    for (const timer of timers.splice(0)) clearTimeout(timer);
    unsubscribeRoom();
    unsubscribeOrder();
    void (async () => {
      await deleteRoomPresence(ctx.db, connectionId);
      await ctx.notifier.publishRoom(ctx.db, { orderId: watch.orderId, event: 'presence', role: watch.role });
    })().catch(() => undefined);
  };
}
