import { useState } from 'react';
import {
  FieldError,
  Label,
  RadioGroup,
  Text,
  TextArea,
  TextField as AriaTextField,
} from 'react-aria-components';
import { getSignInSettings, updateSignInSettings } from '../../../../src/contracts/api/sign-in-settings.js';
import { bodySchemaOf, type CallResult } from '../../lib/api.js';
import { useApi } from '../../lib/api-context.js';
import { useFormSubmit } from '../../lib/use-form-submit.js';
import { useQuery } from '../../lib/use-query.js';
import { Alert } from '../../ui/alert.js';
import { Checkbox } from '../../ui/checkbox.js';
import { FormBody } from '../../ui/form-body.js';
import { Loading } from '../../ui/loading.js';
import { Page } from '../../ui/page.js';
import { Radio } from '../../ui/radio.js';

type Settings = CallResult<typeof getSignInSettings>;

function SignInSettingsForm({ settings, saved }: { settings: Settings; saved: (s: Settings) => void }) {
  const call = useApi();
  const [mode, setMode] = useState(settings.allowedTenants === 'any' ? 'any' : 'list');
  const [done, setDone] = useState(false);
  const submit = useFormSubmit({
    schema: bodySchemaOf(updateSignInSettings),
    toBody: (v) => ({
      allowedTenants:
        v.tenantMode === 'any'
          ? 'any'
          : (v.allowedTenants ?? '')
              .split(/[\s,;]+/)
              .map((id) => id.trim())
              .filter(Boolean),
      jitPortalUsers: v.jitPortalUsers === 'on',
    }),
    send: (body) => call(updateSignInSettings, { body }),
    onDone: (next) => {
      setDone(true);
      saved(next);
    },
  });
  return (
    <FormBody submit={submit} submitLabel="Save sign-in settings" label="Sign-in settings">
      {done && !submit.message ? <Alert tone="success">Saved. New sign-ins follow these rules.</Alert> : null}
      <RadioGroup name="tenantMode" value={mode} onChange={setMode} className="field">
        <Label className="field-label">Who may sign in with Microsoft</Label>
        <Radio value="any">People of any Microsoft tenant who have a Rollcall account</Radio>
        <Radio value="list">Only people of these tenants</Radio>
      </RadioGroup>
      {mode === 'list' ? (
        <AriaTextField
          name="allowedTenants"
          className="field"
          validationBehavior="aria"
          defaultValue={settings.allowedTenants === 'any' ? '' : settings.allowedTenants.join('\n')}
        >
          <Label className="field-label">Allowed tenant ids</Label>
          <TextArea className="field-input" rows={5} />
          <Text slot="description" className="field-description">
            One tenant id (a GUID) per line. Find it in the Entra admin centre under Overview → Tenant ID.
          </Text>
          <FieldError className="field-error" />
        </AriaTextField>
      ) : null}
      <Checkbox name="jitPortalUsers" defaultSelected={settings.jitPortalUsers}>
        Create portal accounts on first sign-in for users of customers mapped to the person’s tenant
      </Checkbox>
    </FormBody>
  );
}

/** Instance settings; for now, how people sign in. */
export function SettingsPage() {
  const call = useApi();
  const settings = useQuery('sign-in-settings', (signal) => call(getSignInSettings, { signal }));
  return (
    <Page title="Settings" description="How people sign in to the console and the portal.">
      <section className="card" aria-labelledby="sign-in-settings">
        <h2 id="sign-in-settings">Sign-in with Microsoft</h2>
        {settings.error ? <Alert>{settings.error.message}</Alert> : null}
        {settings.data ? (
          <SignInSettingsForm settings={settings.data} saved={settings.reload} />
        ) : (
          <Loading />
        )}
      </section>
    </Page>
  );
}
