import type { OrderEvent, OrderView } from '@lumira/shared';
import { useEffect, useRef, useState } from 'react';
import { api } from '../services/api';
import { statusCopy } from './order-status-copy';

const POLL_PENDING_MS = 2000;
const POLL_SETTLED_MS = 15000;

/** A newer view of the order wins; the history is append-only, so a shorter one is stale. */
export function isNewer(next: OrderView, current: OrderView | null): boolean {
  if (!current) return true;
  if (next.history.length !== current.history.length) return next.history.length > current.history.length;
  return next.refunds.length >= current.refunds.length;
}

export type LiveOrder = {
  order: OrderView | null;
  error: unknown;
  /** how updates arrive right now */
  transport: 'sse' | 'polling' | 'none';
  /** to apply an update this page caused itself (a cancellation) */
  replace(order: OrderView): void;
};

/**
 * Follows one order live: Server-Sent Events from the API when possible, polling otherwise
 * (no EventSource, no access token, or the stream failed).
 */
export function useOrderLive(orderId: string | null, accessToken: string | null, enabled = true): LiveOrder {
  const [order, setOrder] = useState<OrderView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [transport, setTransport] = useState<LiveOrder['transport']>('none');
  const latest = useRef<OrderView | null>(null);

  const accept = (next: OrderView) => {
    if (!isNewer(next, latest.current)) return;
    latest.current = next;
    setOrder(next);
    setError(null);
  };
  const acceptRef = useRef(accept);
  acceptRef.current = accept;

  useEffect(() => {
    if (!orderId || !enabled) return;
    let stopped = false;
    let pollTimer: number | undefined;
    let source: EventSource | null = null;

    const fetchOnce = async () => {
      try {
        const next = await api.getOrder(orderId, accessToken);
        if (!stopped) acceptRef.current(next);
      } catch (e) {
        if (!stopped && !latest.current) setError(e);
      }
    };
    const poll = async () => {
      await fetchOnce();
      if (stopped) return;
      const pending = latest.current ? statusCopy(latest.current.status).phase === 'pending' : true;
      pollTimer = window.setTimeout(poll, pending ? POLL_PENDING_MS : POLL_SETTLED_MS);
    };
    const startPolling = () => {
      source?.close();
      source = null;
      if (stopped) return;
      setTransport('polling');
      window.clearTimeout(pollTimer);
      void poll();
    };

    if (accessToken && typeof EventSource !== 'undefined') {
      void fetchOnce();
      source = new EventSource(api.orderEventsUrl(orderId, accessToken));
      setTransport('sse');
      const onMessage = (event: MessageEvent<string>) => {
        try {
          const payload = JSON.parse(event.data) as OrderEvent;
          if (payload.type === 'order.updated' && payload.order?.id === orderId)
            acceptRef.current(payload.order);
        } catch {
          // not an order event (comment, heartbeat): ignore
        }
      };
      source.addEventListener('message', onMessage);
      source.addEventListener('order.updated', onMessage as EventListener);
      // Anything that happened between the first read and the subscription is read again
      // (the API announces `event: ready` once it is subscribed to the order's changes).
      source.addEventListener('ready', () => void fetchOnce());
      source.addEventListener('error', startPolling);
    } else {
      startPolling();
    }

    return () => {
      stopped = true;
      source?.close();
      window.clearTimeout(pollTimer);
    };
  }, [orderId, accessToken, enabled]);

  return { order, error, transport, replace: (next) => acceptRef.current(next) };
}
