import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { logout, me as meEndpoint, type SessionView } from '../../../src/contracts/api/auth.js';
import { ApiRequestError, createApiClient } from '../lib/api.js';
import { ApiProvider } from '../lib/api-context.js';

/** The signed-in account as `GET /api/auth/me` (and sign-in) describe it. */
export type Me = SessionView;

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; me: Me }
  | { status: 'unreachable'; error: ApiRequestError };

interface SessionValue {
  state: SessionState;
  /** Reads `/api/auth/me` again. */
  refresh: () => Promise<void>;
  /** Takes the session that sign-in or first-run setup answered with. */
  signedIn: (me: Me) => void;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/**
 * Holds who is signed in and the API client that carries their CSRF token. A 401 from any call
 * means the session ended (expired, or signed out everywhere), so the app returns to sign-in.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const csrf = useRef<string | null>(null);
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const client = useMemo(
    () =>
      createApiClient({
        csrfToken: () => csrf.current,
        onUnauthenticated: () => {
          csrf.current = null;
          setState((s) => (s.status === 'signed-out' ? s : { status: 'signed-out' }));
        },
      }),
    [],
  );

  const signedIn = useCallback((me: Me) => {
    csrf.current = me.csrfToken;
    setState({ status: 'signed-in', me });
  }, []);

  const refresh = useCallback(async () => {
    try {
      signedIn(await client.call(meEndpoint));
    } catch (cause) {
      if (cause instanceof ApiRequestError && cause.status === 401) setState({ status: 'signed-out' });
      else if (cause instanceof ApiRequestError) setState({ status: 'unreachable', error: cause });
      else throw cause;
    }
  }, [client, signedIn]);

  const signOut = useCallback(async () => {
    await client.call(logout).catch(() => undefined);
    csrf.current = null;
    setState({ status: 'signed-out' });
  }, [client]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo(() => ({ state, refresh, signedIn, signOut }), [state, refresh, signedIn, signOut]);
  return (
    <SessionContext.Provider value={value}>
      <ApiProvider call={client.call}>{children}</ApiProvider>
    </SessionContext.Provider>
  );
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() outside <SessionProvider>');
  return value;
}

/** The signed-in account; only inside screens that require signing in. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe() needs a signed-in session');
  return state.me;
}
