import { NavLink, Outlet, useNavigate } from 'react-router';
import { logoutEverywhere } from '../../../src/contracts/api/auth.js';
import { useMe, useSession } from '../auth/session.js';
import { useApi } from '../lib/api-context.js';
import { Button } from '../ui/button.js';
import { CONSOLE_SCREENS, mayOpen, NAV_GROUPS } from './screens.js';

/** The console frame: navigation limited to what the agent may open, and who is signed in. */
export function Shell() {
  const me = useMe();
  const { signOut } = useSession();
  const call = useApi();
  const navigate = useNavigate();
  const visible = CONSOLE_SCREENS.filter((s) => s.nav && mayOpen(me, s));

  async function endEverywhere() {
    await call(logoutEverywhere).catch(() => undefined);
    await signOut();
    void navigate('/sign-in');
  }

  return (
    <div className="shell">
      <aside className="sidebar">
        <a className="brand" href="/">
          Rollcall
        </a>
        <nav aria-label="Console">
          {NAV_GROUPS.map((group) => {
            const items = visible.filter((s) => s.nav?.group === group);
            if (items.length === 0) return null;
            return (
              <div className="nav-group" key={group}>
                <h2 className="nav-heading">{group}</h2>
                {items.map((s) => (
                  <NavLink key={s.path} to={`/${s.path}`} className="nav-link">
                    {s.nav?.label}
                  </NavLink>
                ))}
              </div>
            );
          })}
        </nav>
        <div className="sidebar-footer">
          <span>
            Signed in as <strong>{me.account.displayName}</strong>
            <br />
            {me.account.email}
          </span>
          <Button variant="quiet" onPress={() => void signOut().then(() => navigate('/sign-in'))}>
            Sign out
          </Button>
          <Button variant="quiet" onPress={() => void endEverywhere()}>
            Sign out everywhere
          </Button>
        </div>
      </aside>
      <main className="main">
        <Outlet />
      </main>
    </div>
  );
}
