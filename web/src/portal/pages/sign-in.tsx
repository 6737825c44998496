import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { SignInForm } from '../../auth/sign-in-form.js';
import { useSession } from '../../auth/session.js';

/** The portal's sign-in page, for customers' users. */
export function PortalSignInPage() {
  const { state, signedIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  if (state.status === 'signed-in' && state.me.account.kind === 'portal') return <Navigate to="/" replace />;
  return (
    <div className="auth-screen">
      <div className="card auth-card">
        <div>
          <h1>Sign in to the service portal</h1>
          <p className="page-description">Ask your IT service desk for help and follow your requests.</p>
        </div>
        <SignInForm
          audience="portal"
          signInError={params.get('signin_error')}
          returnTo="/portal/"
          onSignedIn={(me) => {
            signedIn(me);
            void navigate('/', { replace: true });
          }}
        />
      </div>
    </div>
  );
}
