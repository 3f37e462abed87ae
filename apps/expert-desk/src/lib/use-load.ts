import { useCallback, useEffect, useState } from 'react';
import { errorMessageFr } from '../services/api';

/**
 * Loads a page's data once and on demand: `data` is null until the first answer, `error` holds the
 * French message of the last failure (cleared by the next success), `reload` asks again.
 */
export function useLoad<T>(fetch: () => Promise<T>): {
  data: T | null;
  error: string | null;
  reload: () => Promise<void>;
} {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setData(await fetch());
      setError(null);
    } catch (err) {
      setError(errorMessageFr(err));
    }
  }, [fetch]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, error, reload };
}
