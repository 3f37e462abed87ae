import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from './api-error';
import { latestOnly } from './latest-only';

export type LoadState<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'ok'; data: T; error?: undefined }
  /** `data` is the last answer when a reload failed after an earlier success */
  | { status: 'error'; data?: T; error: unknown };

export type LoadResult<T> = LoadState<T> & {
  /** the French copy of `error`, or null */
  message: string | null;
  /** asks again; the last data stays on screen until the new answer (resolves once it is applied) */
  reload(): Promise<void>;
};

/**
 * Loads a page's data when `deps` change (showing `loading` again) and on `reload()`. Only the answer
 * of the newest call is applied: a slow answer to an older call (a previous page, an earlier filter)
 * never overwrites a newer one, and nothing is applied after unmount.
 */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): LoadResult<T> {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  const guard = useRef(latestOnly()).current;
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback(async () => {
    const isCurrent = guard.begin();
    try {
      const data = await loadRef.current();
      if (isCurrent()) setState({ status: 'ok', data });
    } catch (error) {
      if (isCurrent()) setState((previous) => ({ status: 'error', data: previous.data, error }));
    }
  }, [guard]);

  // `deps` are the caller's: what `load` reads.
  useEffect(() => {
    setState({ status: 'loading' });
    void run();
    return () => guard.cancel();
  }, [run, guard, ...deps]);

  const reload = useCallback(() => {
    setState((previous) => (previous.data === undefined ? { status: 'loading' } : previous));
    return run();
  }, [run]);

  return { ...state, message: state.status === 'error' ? errorMessage(state.error) : null, reload };
}
