import { useState } from 'react';
import { useQuery } from '../../lib/use-query.js';
import { Alert } from '../../ui/alert.js';
import { EmptyState } from '../../ui/empty-state.js';
import { Loading } from '../../ui/loading.js';
import { RadioField } from '../../ui/radio.js';
import { LeaverForm } from './leaver-form.js';
import { NewStarterForm } from './new-starter-form.js';
import type { RequestFormSource } from './request-source.js';

type Kind = 'newStarter' | 'leaver';

function NewStarter({ source }: { source: RequestFormSource }) {
  const options = useQuery(`new-starter-form:${source.key}`, source.formOptions);
  if (options.error) return <Alert title="The form could not be loaded">{options.error.message}</Alert>;
  if (!options.data) return <Loading />;
  if (options.data.unavailable) {
    return (
      <EmptyState title="The new-starter form is not available yet">
        <p>{options.data.unavailable}</p>
        <p>Until then, contact the service desk as usual.</p>
      </EmptyState>
    );
  }
  return <NewStarterForm options={options.data} source={source} />;
}

/** The choice of request (new starter or leaver) and its form, over the portal's or a customer's endpoints. */
export function RequestForms({ source }: { source: RequestFormSource }) {
  const [kind, setKind] = useState<Kind>('newStarter');
  return (
    <>
      <RadioField<Kind>
        label="What do you need?"
        value={kind}
        onChange={setKind}
        options={[
          { id: 'newStarter', label: 'New starter: an account for someone joining' },
          { id: 'leaver', label: 'Leaver: remove someone’s access' },
        ]}
      />
      {kind === 'newStarter' ? <NewStarter source={source} /> : <LeaverForm source={source} />}
    </>
  );
}
