import { useMemo } from 'react';
import {
  getNewStarterForm,
  previewNewStarterAddress,
  submitLeaver,
  submitNewStarter,
} from '../../../../../src/contracts/api/requests.js';
import { listPortalUsers } from '../../../../../src/contracts/api/users.js';
import { useMe } from '../../../auth/session.js';
import { useApi } from '../../../lib/api-context.js';
import { RequestForms } from '../../../requests/forms/request-forms.js';
import type { RequestFormSource } from '../../../requests/forms/request-source.js';
import { Page } from '../../../ui/page.js';

/** Asking the service desk for a new starter's account or a leaver's removal. */
export function NewRequestPage() {
  const me = useMe();
  const call = useApi();
  const source = useMemo<RequestFormSource>(
    () => ({
      key: 'portal',
      formOptions: (signal) => call(getNewStarterForm, { signal }),
      preview: (body, signal) => call(previewNewStarterAddress, { body, signal }),
      submitNewStarter: (body) => call(submitNewStarter, { body }),
      submitLeaver: (body) => call(submitLeaver, { body }),
      searchUsers: async (text, signal) => {
        const page = await call(listPortalUsers, { query: { search: text, limit: 20 }, signal });
        return page.items.map((u) => ({
          id: u.id,
          label: u.email ? `${u.displayName} (${u.email})` : u.displayName,
          email: u.email,
        }));
      },
      requestPath: (id) => `/requests/${id}`,
    }),
    [call],
  );
  return (
    <Page
      title="New request"
      description={`Ask the service desk for a change at ${me.customer?.name ?? 'your organisation'}. Nothing changes in Microsoft until the request is approved.`}
    >
      <RequestForms source={source} />
    </Page>
  );
}
