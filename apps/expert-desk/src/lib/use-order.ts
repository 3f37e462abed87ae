import { isObjectId, type OrderView } from '@lumira/shared';
import { errorMessage, isNotFound } from '@lumira/web-kit';
import { useCallback, useEffect, useState } from 'react';

export type OrderState<T extends OrderView = OrderView> =
  | { status: 'loading' }
  | { status: 'not_found' }
  | { status: 'error'; message: string }
  | { status: 'ready'; order: T };

/** Loads one order; NOT_FOUND (someone else's order, or no such order) is its own state. */
export function useOrder<T extends OrderView>(orderId: string, load: (id: string) => Promise<T>) {
  const [state, setState] = useState<OrderState<T>>({ status: 'loading' });

  const reload = useCallback(async () => {
    if (!isObjectId(orderId)) {
      setState({ status: 'not_found' }); // not an order id at all: nothing to ask the API
      return;
    }
    try {
      const order = await load(orderId);
      setState({ status: 'ready', order });
    } catch (err) {
      if (isNotFound(err)) {
        setState({ status: 'not_found' });
      } else {
        setState({ status: 'error', message: errorMessage(err) });
      }
    }
  }, [orderId, load]);

  useEffect(() => {
    setState({ status: 'loading' });
    void reload();
  }, [reload]);

  const replace = useCallback((order: T) => setState({ status: 'ready', order }), []);
  return { state, reload, replace };
}
