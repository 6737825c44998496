import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiRequestError } from './api.js';

export interface QueryState<T> {
  data: T | undefined;
  error: ApiRequestError | null;
  loading: boolean;
  /** Loads again (after a save, say), keeping the current data on screen meanwhile. */
  reload: () => void;
}

function asApiError(cause: unknown): ApiRequestError {
  if (cause instanceof ApiRequestError) return cause;
  return new ApiRequestError(0, {
    code: 'internal',
    message: 'Something went wrong in the page. Reload it.',
  });
}

/**
 * Runs `load` when `key` changes and keeps the latest answer; stale answers of superseded loads are
 * dropped (their request is aborted), so fast typing in a search box never shows an old page.
 */
export function useQuery<T>(key: string, load: (signal: AbortSignal) => Promise<T>): QueryState<T> {
  const [state, setState] = useState<{
    data: T | undefined;
    error: ApiRequestError | null;
    loading: boolean;
  }>({
    data: undefined,
    error: null,
    loading: true,
  });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: null, loading: false });
      },
      (cause: unknown) => {
        if (!controller.signal.aborted) setState((s) => ({ ...s, error: asApiError(cause), loading: false }));
      },
    );
    return () => controller.abort();
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
