import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { setupStatus } from '../../../../src/contracts/api/setup.js';
import { SignInForm } from '../../auth/sign-in-form.js';
import { useSession } from '../../auth/session.js';
import { useApi } from '../../lib/api-context.js';
import { useQuery } from '../../lib/use-query.js';
import { Loading } from '../../ui/loading.js';

/** Only paths of this console are followed after signing in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** The console's sign-in page; sends a brand-new instance to first-run setup instead. */
export function SignInPage() {
  const call = useApi();
  const { state, signedIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const setup = useQuery('setup-status', (signal) => call(setupStatus, { signal }));

  if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;
  if (state.status === 'signed-in' && state.me.account.kind === 'agent')
    return <Navigate to={next} replace />;
  return (
    <div className="auth-screen">
      <div className="card auth-card">
        <div>
          <h1>Sign in to Rollcall</h1>
          <p className="page-description">The console for your service desk's agents and administrators.</p>
        </div>
        {setup.loading && !setup.data ? (
          <Loading />
        ) : (
          <SignInForm
            audience="console"
            signInError={params.get('signin_error')}
            returnTo={next}
            onSignedIn={(me) => {
              signedIn(me);
              void navigate(next, { replace: true });
            }}
          />
        )}
        <p className="field-description">
          Customer of the service desk? <a href="/portal/">Sign in to the portal</a>.
        </p>
      </div>
    </div>
  );
}
