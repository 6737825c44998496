import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../auth/session.js';
import { Alert } from '../ui/alert.js';
import { Loading } from '../ui/loading.js';

/**
 * The console is for agents: anyone else goes to sign-in (keeping where they were headed and any
 * `signin_error` from Microsoft), and portal users are pointed to the portal.
 */
export function RequireAgent() {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') {
    return (
      <div className="auth-screen">
        <Loading label="Opening the console…" />
      </div>
    );
  }
  if (state.status === 'unreachable') {
    return (
      <div className="auth-screen">
        <Alert title="Rollcall cannot be reached">{state.error.message}</Alert>
      </div>
    );
  }
  if (state.status === 'signed-out') {
    const search = new URLSearchParams(location.search);
    if (location.pathname !== '/') search.set('next', location.pathname + location.search);
    const query = search.toString();
    return <Navigate to={`/sign-in${query ? `?${query}` : ''}`} replace />;
  }
  if (state.me.account.kind !== 'agent') {
    return (
      <div className="auth-screen">
        <Alert tone="info" title="This is the console for the service desk's agents">
          You are signed in as a portal user. <a href="/portal/">Go to the portal</a>.
        </Alert>
      </div>
    );
  }
  return <Outlet />;
}
