import { Form } from 'react-aria-components';
import { login, signInMethods, ssoStart, type SsoAudience } from '../../../src/contracts/api/auth.js';
import { bodySchemaOf, endpointUrl } from '../lib/api.js';
import { useApi } from '../lib/api-context.js';
import { useFormSubmit } from '../lib/use-form-submit.js';
import { useQuery } from '../lib/use-query.js';
import { Alert } from '../ui/alert.js';
import { Button } from '../ui/button.js';
import { TextField } from '../ui/text-field.js';
import type { Me } from './session.js';
import { signInErrorMessage } from './sign-in-errors.js';

export interface SignInFormProps {
  audience: SsoAudience;
  /** `?signin_error=` from the single sign-on callback, if any. */
  signInError: string | null;
  /** Where to land after signing in with Microsoft (a path of this site). */
  returnTo?: string;
  onSignedIn: (me: Me) => void;
}

/** Email and password, or Microsoft single sign-on; the same form for agents and portal users. */
export function SignInForm({ audience, signInError, returnTo, onSignedIn }: SignInFormProps) {
  const call = useApi();
  const methods = useQuery('sign-in-methods', (signal) => call(signInMethods, { signal }));
  const submit = useFormSubmit({
    schema: bodySchemaOf(login),
    send: (body) => call(login, { body }),
    onDone: onSignedIn,
  });
  const message = submit.message ?? (signInError ? signInErrorMessage(signInError) : null);

  const offersPassword = methods.data?.password ?? true;
  const offersMicrosoft = methods.data?.microsoft ?? false;
  return (
    <>
      {message ? <Alert title="You are not signed in">{message}</Alert> : null}
      {offersPassword ? (
        <Form
          validationBehavior="aria"
          className="form"
          validationErrors={submit.fieldErrors}
          onSubmit={submit.onSubmit}
          aria-label="Sign in with email and password"
        >
          <TextField label="Email" name="email" type="email" autoComplete="username" autoFocus />
          <TextField label="Password" name="password" type="password" autoComplete="current-password" />
          <Button type="submit" variant="primary" className="button-block" isPending={submit.busy}>
            Sign in
          </Button>
        </Form>
      ) : null}
      {offersPassword && offersMicrosoft ? <div className="divider">or</div> : null}
      {offersMicrosoft ? (
        <a
          className="button button-secondary button-block"
          href={endpointUrl(ssoStart, { query: { audience, ...(returnTo ? { returnTo } : {}) } })}
        >
          Sign in with Microsoft
        </a>
      ) : null}
    </>
  );
}
