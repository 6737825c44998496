import { bodySchemaOf } from '../../lib/api.js';
import { Form } from 'react-aria-components';
import { Navigate, useNavigate } from 'react-router';
import {
  ADMIN_PASSWORD_MIN_LENGTH,
  completeSetup,
  setupStatus,
} from '../../../../src/contracts/api/setup.js';
import { useSession } from '../../auth/session.js';
import { useApi } from '../../lib/api-context.js';
import { useFormSubmit } from '../../lib/use-form-submit.js';
import { useQuery } from '../../lib/use-query.js';
import { Alert } from '../../ui/alert.js';
import { Button } from '../../ui/button.js';
import { Loading } from '../../ui/loading.js';
import { TextField } from '../../ui/text-field.js';

/** First run: creates the first administrator, who is then signed in. */
export function SetupPage() {
  const call = useApi();
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const status = useQuery('setup-status', (signal) => call(setupStatus, { signal }));
  const submit = useFormSubmit({
    schema: bodySchemaOf(completeSetup),
    send: (body) => call(completeSetup, { body }),
    onDone: (me) => {
      signedIn(me);
      void navigate('/', { replace: true });
    },
  });

  if (status.data && !status.data.needsSetup) return <Navigate to="/sign-in" replace />;

  return (
    <div className="auth-screen">
      <div className="card auth-card">
        <div>
          <h1>Welcome to Rollcall</h1>
          <p className="page-description">
            Create the first administrator. You can add agents, connect Microsoft and invite customers
            afterwards.
          </p>
        </div>
        {submit.message ? <Alert title="The administrator was not created">{submit.message}</Alert> : null}
        {status.loading && !status.data ? (
          <Loading />
        ) : (
          <Form
            validationBehavior="aria"
            className="form"
            validationErrors={submit.fieldErrors}
            onSubmit={submit.onSubmit}
            aria-label="Create the first administrator"
          >
            <TextField label="Your name" name="name" autoComplete="name" autoFocus />
            <TextField label="Email" name="email" type="email" autoComplete="username" />
            <TextField
              label="Password"
              name="password"
              type="password"
              autoComplete="new-password"
              description={`At least ${ADMIN_PASSWORD_MIN_LENGTH} characters. A passphrase of a few words works well.`}
            />
            <Button type="submit" variant="primary" className="button-block" isPending={submit.busy}>
              Create administrator
            </Button>
          </Form>
        )}
      </div>
    </div>
  );
}
