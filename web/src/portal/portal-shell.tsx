import { NavLink, Outlet, useNavigate } from 'react-router';
import { useMe, useSession } from '../auth/session.js';
import { can } from '../lib/permissions.js';
import { Button } from '../ui/button.js';

/** The portal frame: the organisation the user belongs to, what they can do, signing out. */
export function PortalShell() {
  const me = useMe();
  const { signOut } = useSession();
  const navigate = useNavigate();
  return (
    <>
      <header className="portal-header">
        <NavLink to="/" className="portal-brand">
          Service portal
        </NavLink>
        <nav aria-label="Portal">
          <NavLink to="/" end className="nav-link">
            My requests
          </NavLink>
          {can(me, 'portal.requests.create') ? (
            <NavLink to="/requests/new" className="nav-link">
              New request
            </NavLink>
          ) : null}
          <NavLink to="/people" className="nav-link">
            People
          </NavLink>
        </nav>
        <div className="portal-org">
          <span>
            <strong data-testid="organisation">{me.customer?.name ?? 'Your organisation'}</strong> ·{' '}
            {me.account.displayName}
          </span>
          <Button variant="quiet" onPress={() => void signOut().then(() => navigate('/sign-in'))}>
            Sign out
          </Button>
        </div>
      </header>
      <main className="portal-main">
        <Outlet />
      </main>
    </>
  );
}
