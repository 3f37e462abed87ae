import { isObjectId, type OrderView } from '@lumira/shared';
import { errorMessage, isNotFound, useDocumentTitle } from '@lumira/web-kit';
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { useApi } from '../auth/auth-context';
import type { ApiClient } from '../services/api';

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

/**
 * What every order page starts with: the title, the order id of the URL, the API client and the order,
 * read with `load` (a function declared once, outside the component).
 */
export function useOrderPage<T extends OrderView>(load: (api: ApiClient, orderId: string) => Promise<T>) {
  useDocumentTitle('Commande');
  const { orderId = '' } = useParams();
  const api = useApi();
  const loadOrder = useCallback((id: string) => load(api, id), [api, load]);
  return { orderId, api, ...useOrder(orderId, loadOrder) };
}
