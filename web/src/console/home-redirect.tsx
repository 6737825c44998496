import { Navigate } from 'react-router';
import { useMe } from '../auth/session.js';
import { can } from '../lib/permissions.js';
import { CONSOLE_SCREENS } from './screens.js';

/** The console's start page is the first screen of the navigation the agent may open. */
export function HomeRedirect() {
  const me = useMe();
  const first = CONSOLE_SCREENS.find((s) => s.nav && (!s.permission || can(me, s.permission)));
  return <Navigate to={`/${first?.path ?? 'tickets'}`} replace />;
}
