/**
 * The one Server-Sent Events reader of both front ends. The API sends
 * `event: order.updated` / `data: {"type":"order.updated","order":{...}}` frames, `event: ready` once
 * it is subscribed, and comments as heartbeats.
 */
import type { OrderView } from '@lumira/shared';

export type OrderEventsHandlers = {
  onOrder(order: OrderView): void;
  /** (Re)connected: callers read again what may have changed while the stream was down. */
  onOpen?(): void;
  /** The API is subscribed to the changes: anything before this moment is read again by the caller. */
  onReady?(): void;
  onError?(): void;
};

/** Parses one SSE data payload `{type: 'order.updated', order}`; anything else gives null. */
export function parseOrderEvent(data: string): OrderView | null {
  try {
    const payload = JSON.parse(data) as { type?: unknown; order?: unknown };
    if (payload && payload.type === 'order.updated' && payload.order && typeof payload.order === 'object') {
      return payload.order as OrderView;
    }
  } catch {
    // a malformed frame or a heartbeat is skipped; the next read heals the view
  }
  return null;
}

type EventSourceLike = Pick<EventSource, 'addEventListener' | 'close'>;

/**
 * Opens an order event stream (the customer's order, `/api/desk/events`, `/api/admin/events`);
 * EventSource reconnects by itself. Returns a closer.
 */
export function subscribeOrderEvents(
  url: string,
  handlers: OrderEventsHandlers,
  open: (url: string) => EventSourceLike = (u) => new EventSource(u),
): () => void {
  const source = open(url);
  const onMessage = (event: Event) => {
    const order = parseOrderEvent(String((event as MessageEvent<unknown>).data));
    if (order) handlers.onOrder(order);
  };
  source.addEventListener('message', onMessage);
  source.addEventListener('order.updated', onMessage);
  source.addEventListener('open', () => handlers.onOpen?.());
  source.addEventListener('ready', () => handlers.onReady?.());
  source.addEventListener('error', () => handlers.onError?.());
  return () => source.close();
}
