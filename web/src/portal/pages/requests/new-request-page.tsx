import { useState } from 'react';
import { getNewStarterForm } from '../../../../../src/contracts/api/requests.js';
import { useMe } from '../../../auth/session.js';
import { useApi } from '../../../lib/api-context.js';
import { useQuery } from '../../../lib/use-query.js';
import { Alert } from '../../../ui/alert.js';
import { EmptyState } from '../../../ui/empty-state.js';
import { Loading } from '../../../ui/loading.js';
import { Page } from '../../../ui/page.js';
import { RadioField } from '../../../ui/radio.js';
import { LeaverForm } from './leaver-form.js';
import { NewStarterForm } from './new-starter-form.js';

type Kind = 'newStarter' | 'leaver';

function NewStarter() {
  const call = useApi();
  const options = useQuery('new-starter-form', (signal) => call(getNewStarterForm, { signal }));
  if (options.error) return <Alert title="The form could not be loaded">{options.error.message}</Alert>;
  if (!options.data) return <Loading />;
  if (options.data.unavailable) {
    return (
      <EmptyState title="The new-starter form is not available yet">
        <p>{options.data.unavailable}</p>
        <p>Until then, contact your service desk as usual.</p>
      </EmptyState>
    );
  }
  return <NewStarterForm options={options.data} />;
}

/** Asking the service desk for a new starter's account or a leaver's removal. */
export function NewRequestPage() {
  const me = useMe();
  const [kind, setKind] = useState<Kind>('newStarter');
  return (
    <Page
      title="New request"
      description={`Ask the service desk for a change at ${me.customer?.name ?? 'your organisation'}. Nothing changes in Microsoft until the request is approved.`}
    >
      <RadioField<Kind>
        label="What do you need?"
        value={kind}
        onChange={setKind}
        options={[
          { id: 'newStarter', label: 'New starter: an account for someone joining' },
          { id: 'leaver', label: 'Leaver: remove someone’s access' },
        ]}
      />
      {kind === 'newStarter' ? <NewStarter /> : <LeaverForm />}
    </Page>
  );
}
