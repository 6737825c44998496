import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../auth/session.js';
import { Alert } from '../ui/alert.js';
import { Loading } from '../ui/loading.js';

/** The portal is for customers' users; agents are pointed to the console. */
export function RequirePortalUser() {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') {
    return (
      <div className="auth-screen">
        <Loading label="Opening the portal…" />
      </div>
    );
  }
  if (state.status === 'unreachable') {
    return (
      <div className="auth-screen">
        <Alert title="The portal cannot be reached">{state.error.message}</Alert>
      </div>
    );
  }
  if (state.status === 'signed-out') {
    return <Navigate to={`/sign-in${location.search}`} replace />;
  }
  if (state.me.account.kind !== 'portal') {
    return (
      <div className="auth-screen">
        <Alert tone="info" title="The portal is for your customers' users">
          You are signed in as an agent. <a href="/">Go to the console</a>.
        </Alert>
      </div>
    );
  }
  return <Outlet />;
}
