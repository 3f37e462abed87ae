import type { OrderView } from '@lumira/shared';
import { statusCopy, subscribeOrderEvents } from '@lumira/web-kit';
import { useEffect, useRef, useState } from 'react';
import { api } from '../services/api';

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
    let close: (() => void) | null = null;

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
      close?.();
      close = null;
      if (stopped) return;
      setTransport('polling');
      window.clearTimeout(pollTimer);
      void poll();
    };

    if (accessToken && typeof EventSource !== 'undefined') {
      void fetchOnce();
      setTransport('sse');
      close = subscribeOrderEvents(api.orderEventsUrl(orderId, accessToken), {
        onOrder: (next) => {
          if (next.id === orderId) acceptRef.current(next);
        },
        // Anything that happened between the first read and the subscription is read again
        // (the API announces `event: ready` once it is subscribed to the order's changes).
        onReady: () => void fetchOnce(),
        onError: startPolling,
      });
    } else {
      startPolling();
    }

    return () => {
      stopped = true;
      close?.();
      window.clearTimeout(pollTimer);
    };
  }, [orderId, accessToken, enabled]);

  return { order, error, transport, replace: (next) => acceptRef.current(next) };
}
