import type { OrderView } from '@lumira/shared';
import { errorMessage, subscribeOrderEvents } from '@lumira/web-kit';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useApi } from '../../auth/auth-context';
import { loadSoundPreference, playChime, saveSoundPreference } from '../../lib/notification-sound';
import { applyOrderUpdate, mergeSnapshot } from '../../lib/order-queue';

export type Arrival = { id: number; order: OrderView };
type Connection = 'connecting' | 'live' | 'reconnecting';

type ExpertLive = {
  queue: OrderView[];
  loading: boolean;
  error: string | null;
  connection: Connection;
  arrivals: Arrival[];
  dismissArrival(id: number): void;
  soundOn: boolean;
  setSoundOn(on: boolean): void;
  refresh(): Promise<void>;
  /** More paid orders exist than the queue loaded (older ones: the newest always come first). */
  hasOlder: boolean;
  /** Loads the next page of older paid orders into the queue. */
  loadOlder(): Promise<void>;
  /** Subscribe to every live order update (detail pages use it for their own order). */
  onOrder(listener: (order: OrderView) => void): () => void;
  /** Applies an order returned by an action so the queue reflects it before the event arrives. */
  applyOrder(order: OrderView): void;
};

/** Orders per page of the queue (the API's page size cap). */
const QUEUE_PAGE_SIZE = 100;

const ExpertLiveContext = createContext<ExpertLive | null>(null);

/** The expert's live state: the queue, kept current by the desk SSE stream, and new-order alerts. */
export function ExpertLiveProvider(props: { children: ReactNode }) {
  const api = useApi();
  const [queue, setQueue] = useState<OrderView[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [connection, setConnection] = useState<Connection>('connecting');
  const [arrivals, setArrivals] = useState<Arrival[]>([]);
  /** cursor of the next page of older paid orders, null when the queue holds them all */
  const [olderCursor, setOlderCursor] = useState<string | null>(null);
  const [soundOn, setSoundOnState] = useState(loadSoundPreference);
  const queueRef = useRef<OrderView[]>([]);
  /** one buffer per refresh in flight: the live updates received meanwhile */
  const refreshBuffers = useRef(new Set<OrderView[]>());
  const refreshSeq = useRef({ started: 0, applied: 0 });
  const listeners = useRef(new Set<(order: OrderView) => void>());
  const soundRef = useRef(soundOn);
  const nextArrivalId = useRef(1);
  soundRef.current = soundOn;

  const commitQueue = useCallback((next: OrderView[]) => {
    queueRef.current = next;
    setQueue(next);
  }, []);

  const refresh = useCallback(async () => {
    const buffer: OrderView[] = [];
    const seq = ++refreshSeq.current.started;
    refreshBuffers.current.add(buffer);
    try {
      // Newest first, one page each: the newest paid orders are always in the first page; older ones
      // are loaded on demand (loadOlder).
      const [paid, running] = await Promise.all([
        api.deskOrders({ status: 'paid', pageSize: QUEUE_PAGE_SIZE }),
        api.deskOrders({ status: 'in_session', pageSize: QUEUE_PAGE_SIZE }),
      ]);
      if (seq > refreshSeq.current.applied) {
        refreshSeq.current.applied = seq; // an older refresh answering late never overwrites a newer one
        commitQueue(mergeSnapshot([...running.orders, ...paid.orders], buffer));
        setOlderCursor(paid.nextCursor ?? null);
      }
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      refreshBuffers.current.delete(buffer);
      setLoading(false);
    }
  }, [api, commitQueue]);

  const loadOlder = useCallback(async () => {
    if (!olderCursor) return;
    try {
      const page = await api.deskOrders({ status: 'paid', cursor: olderCursor, pageSize: QUEUE_PAGE_SIZE });
      const known = new Set(queueRef.current.map((o) => o.id));
      let next = queueRef.current;
      for (const order of page.orders) if (!known.has(order.id)) next = applyOrderUpdate(next, order).queue;
      commitQueue(next);
      setOlderCursor(page.nextCursor ?? null);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [api, olderCursor, commitQueue]);

  const dismissArrival = useCallback(
    (id: number) => setArrivals((list) => list.filter((a) => a.id !== id)),
    [],
  );

  const applyOrder = useCallback(
    (order: OrderView) => commitQueue(applyOrderUpdate(queueRef.current, order).queue),
    [commitQueue],
  );

  useEffect(() => {
    void refresh();
    const url = api.eventsUrl('/api/desk/events');
    if (!url || typeof EventSource === 'undefined') return;
    return subscribeOrderEvents(url, {
      onOpen: () => {
        setConnection('live');
        void refresh();
      },
      onError: () => setConnection('reconnecting'),
      onOrder: (order) => {
        for (const buffer of refreshBuffers.current) buffer.push(order);
        const update = applyOrderUpdate(queueRef.current, order);
        commitQueue(update.queue);
        if (update.arrived) {
          const id = nextArrivalId.current++;
          setArrivals((list) => [...list.filter((a) => a.order.id !== order.id), { id, order }]);
          if (soundRef.current) playChime();
        }
        for (const listener of listeners.current) listener(order);
      },
    });
  }, [api, refresh, commitQueue]);

  const value = useMemo<ExpertLive>(
    () => ({
      queue,
      loading,
      error,
      connection,
      arrivals,
      dismissArrival,
      soundOn,
      setSoundOn: (on) => {
        saveSoundPreference(on);
        setSoundOnState(on);
        if (on) playChime();
      },
      refresh,
      hasOlder: olderCursor !== null,
      loadOlder,
      onOrder: (listener) => {
        listeners.current.add(listener);
        return () => listeners.current.delete(listener);
      },
      applyOrder,
    }),
    [
      queue,
      loading,
      error,
      connection,
      arrivals,
      dismissArrival,
      soundOn,
      refresh,
      olderCursor,
      loadOlder,
      applyOrder,
    ],
  );
  return <ExpertLiveContext.Provider value={value}>{props.children}</ExpertLiveContext.Provider>;
}

export function useExpertLive(): ExpertLive {
  const value = useContext(ExpertLiveContext);
  if (!value) throw new Error('useExpertLive outside ExpertLiveProvider');
  return value;
}
