import type { OrderView } from '@lumira/shared';

export type OrderEventsHandlers = {
  onOrder(order: OrderView): void;
  /** (Re)connected: callers refetch to catch anything sent while the stream was down. */
  onOpen?(): void;
  onError?(): void;
};

/** Parses one SSE data payload `{type: 'order.updated', order}`; anything else is ignored. */
export function parseOrderEvent(data: string): OrderView | null {
  try {
    const payload = JSON.parse(data) as { type?: unknown; order?: unknown };
    if (payload && payload.type === 'order.updated' && payload.order && typeof payload.order === 'object') {
      return payload.order as OrderView;
    }
  } catch {
    // a malformed frame is skipped, the next refetch heals the view
  }
  return null;
}

/**
 * Opens an order Server-Sent Events stream (`/api/desk/events` for an expert, `/api/admin/events` for an
 * admin); EventSource reconnects by itself. Returns a closer.
 */
export function subscribeOrderEvents(url: string, handlers: OrderEventsHandlers): () => void {
  const source = new EventSource(url);
  const onMessage = (event: MessageEvent<string>) => {
    const order = parseOrderEvent(event.data);
    if (order) handlers.onOrder(order);
  };
  source.addEventListener('message', onMessage);
  source.addEventListener('order.updated', onMessage as EventListener);
  source.addEventListener('open', () => handlers.onOpen?.());
  source.addEventListener('error', () => handlers.onError?.());
  return () => source.close();
}
