import { bodySchemaOf } from '../../lib/api.js';
import { CheckboxGroup, Label } from 'react-aria-components';
import { getAccount, setAccountRoles } from '../../../../src/contracts/api/accounts.js';
import { listRoles } from '../../../../src/contracts/api/roles.js';
import { PERMISSIONS } from '../../../../src/contracts/permissions.js';
import { useApi } from '../../lib/api-context.js';
import { useFormSubmit } from '../../lib/use-form-submit.js';
import { useQuery } from '../../lib/use-query.js';
import { Alert } from '../../ui/alert.js';
import { Checkbox } from '../../ui/checkbox.js';
import { FormBody } from '../../ui/form-body.js';
import { Loading } from '../../ui/loading.js';

function RolesForm({
  accountId,
  current,
  saved,
}: {
  accountId: string;
  current: string[];
  saved: () => void;
}) {
  const call = useApi();
  const roles = useQuery('roles', (signal) => call(listRoles, { signal }));
  const submit = useFormSubmit({
    schema: bodySchemaOf(setAccountRoles),
    toBody: (_, data) => ({ roleIds: data.getAll('roleIds').map(String) }),
    send: (body) => call(setAccountRoles, { params: { id: accountId }, body }),
    onDone: saved,
  });
  if (!roles.data) return <Loading label="Loading roles…" />;
  const agentRoles = roles.data.items.filter((r) => r.kind === 'agent');
  return (
    <FormBody submit={submit} submitLabel="Save roles" label="Roles">
      <CheckboxGroup name="roleIds" defaultValue={current} className="field">
        <Label className="field-label">Roles</Label>
        {agentRoles.map((role) => (
          <Checkbox key={role.id} value={role.id}>
            {`${role.name}${role.description ? ` — ${role.description}` : ''}`}
          </Checkbox>
        ))}
      </CheckboxGroup>
    </FormBody>
  );
}

/** The agent's sign-in account: its roles and what they allow. */
export function AgentAccessSection({ accountId, canEdit }: { accountId: string | null; canEdit: boolean }) {
  const call = useApi();
  const account = useQuery(`account:${accountId ?? ''}`, async (signal) =>
    accountId ? call(getAccount, { params: { id: accountId }, signal }) : null,
  );
  return (
    <section className="card" aria-labelledby="agent-access">
      <h2 id="agent-access">Sign-in and permissions</h2>
      {!accountId ? (
        <p>This agent has no sign-in account yet, so cannot use the console.</p>
      ) : account.error ? (
        <Alert>{account.error.message}</Alert>
      ) : !account.data ? (
        <Loading />
      ) : (
        <>
          <p>
            Signs in as <strong>{account.data.email}</strong>
            {account.data.disabled ? ' (disabled)' : ''}.
          </p>
          <h3>Permissions</h3>
          {account.data.permissions.length === 0 ? (
            <p>None: this agent sees only Tickets.</p>
          ) : (
            <ul>
              {account.data.permissions.map((p) => (
                <li key={p}>{PERMISSIONS[p].label}</li>
              ))}
            </ul>
          )}
          {canEdit ? (
            <RolesForm
              accountId={account.data.id}
              current={account.data.roles.map((r) => r.id)}
              saved={account.reload}
            />
          ) : null}
        </>
      )}
    </section>
  );
}
