import { Link, useParams } from 'react-router';
import { AGENT_LICENCE_TYPES, getAgent, updateAgent } from '../../../../src/contracts/api/agents.js';
import { useMe } from '../../auth/session.js';
import { bodySchemaOf, type CallResult } from '../../lib/api.js';
import { useApi } from '../../lib/api-context.js';
import { formatDateTime } from '../../lib/format.js';
import { can } from '../../lib/permissions.js';
import { useFormSubmit } from '../../lib/use-form-submit.js';
import { useQuery } from '../../lib/use-query.js';
import { Checkbox } from '../../ui/checkbox.js';
import { DialogButton } from '../../ui/dialog.js';
import { FormBody } from '../../ui/form-body.js';
import { Page } from '../../ui/page.js';
import { RecordPending } from '../../ui/record-pending.js';
import { SelectField } from '../../ui/select-field.js';
import { StatusBadge } from '../../ui/status-badge.js';
import { TextField } from '../../ui/text-field.js';
import { AgentAccessSection } from './agent-access.js';

type Agent = CallResult<typeof getAgent>;

const LICENCE_LABELS: Record<(typeof AGENT_LICENCE_TYPES)[number], string> = {
  named: 'Named (one person)',
  concurrent: 'Concurrent (shared seat)',
};

function EditAgentForm({ agent, close, saved }: { agent: Agent; close: () => void; saved: () => void }) {
  const call = useApi();
  const submit = useFormSubmit({
    schema: bodySchemaOf(updateAgent),
    toBody: (v) => ({
      displayName: v.displayName,
      email: v.email ? v.email : null,
      licenceType: v.licenceType,
      inactive: v.inactive === 'on',
    }),
    send: (body) => call(updateAgent, { params: { id: agent.id }, body }),
    onDone: () => {
      close();
      saved();
    },
  });
  return (
    <FormBody submit={submit} submitLabel="Save" label="Edit agent" onCancel={close}>
      <TextField label="Display name" name="displayName" defaultValue={agent.displayName} autoFocus />
      <TextField label="Email" name="email" type="email" defaultValue={agent.email ?? ''} />
      <SelectField
        label="Licence"
        name="licenceType"
        defaultValue={agent.licenceType}
        options={AGENT_LICENCE_TYPES.map((t) => ({ id: t, label: LICENCE_LABELS[t] }))}
      />
      <Checkbox name="inactive" defaultSelected={agent.inactive}>
        Inactive
      </Checkbox>
    </FormBody>
  );
}

/** One agent: details, licence, and (for agents who can sign in) their roles. */
export function AgentDetailPage() {
  const { agentId = '' } = useParams();
  const me = useMe();
  const call = useApi();
  const agent = useQuery(`agent:${agentId}`, (signal) => call(getAgent, { params: { id: agentId }, signal }));
  const data = agent.data;
  if (agent.error || !data) {
    return (
      <RecordPending
        title="Agent"
        noun="agent"
        error={agent.error}
        back={{ to: '/agents', label: 'Back to agents' }}
      />
    );
  }
  return (
    <Page
      title={data.displayName}
      description={
        <>
          <Link to="/agents">Agents</Link> › {data.displayName}
        </>
      }
      actions={
        can(me, 'agents.write') ? (
          <DialogButton label="Edit agent" title={`Edit ${data.displayName}`}>
            {(close) => <EditAgentForm agent={data} close={close} saved={agent.reload} />}
          </DialogButton>
        ) : null
      }
    >
      <section className="card" aria-labelledby="agent-details">
        <h2 id="agent-details">Details</h2>
        <dl className="details">
          <dt>Status</dt>
          <dd>
            <StatusBadge inactive={data.inactive} />
          </dd>
          <dt>Email</dt>
          <dd>{data.email ?? '—'}</dd>
          <dt>Sign-in name (UPN)</dt>
          <dd>{data.userPrincipalName ?? '—'}</dd>
          <dt>Licence</dt>
          <dd>{LICENCE_LABELS[data.licenceType]}</dd>
          <dt>Microsoft Entra</dt>
          <dd>{data.linked ? 'Linked' : 'Not linked yet'}</dd>
          <dt>Last sign-in</dt>
          <dd>{formatDateTime(data.lastSignInAt)}</dd>
        </dl>
      </section>
      <AgentAccessSection accountId={data.accountId} canEdit={can(me, 'agents.write')} />
    </Page>
  );
}
