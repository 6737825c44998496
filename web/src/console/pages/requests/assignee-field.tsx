import { useState } from 'react';
import { listAgents } from '../../../../../src/contracts/api/agents.js';
import { assignRequest, type RequestDetail } from '../../../../../src/contracts/api/requests.js';
import { useMe } from '../../../auth/session.js';
import { useApi } from '../../../lib/api-context.js';
import { describeFailure } from '../../../lib/form-errors.js';
import { can } from '../../../lib/permissions.js';
import { Button } from '../../../ui/button.js';
import { ComboPicker } from '../../../ui/combo-picker.js';

/**
 * Who works on the request: shown to everyone; agents who may approve requests (and see the agents
 * list) assign it to an active agent or unassign it.
 */
export function AssigneeField({ request, changed }: { request: RequestDetail; changed: () => void }) {
  const me = useMe();
  const call = useApi();
  const [error, setError] = useState<string | null>(null);
  const assignee = request.assignedTo;
  const mayAssign = can(me, 'requests.approve') && can(me, 'agents.read');
  const assign = async (agentId: string | null) => {
    setError(null);
    try {
      await call(assignRequest, { params: { id: request.id }, body: { agentId } });
      changed();
    } catch (cause) {
      setError(describeFailure(cause).message);
    }
  };
  if (!mayAssign) return <>{assignee?.name ?? 'Nobody yet'}</>;
  return (
    <div className="toolbar">
      <ComboPicker
        label="Assigned to"
        labelHidden
        sourceKey="request-assignee-agents"
        value={assignee?.agentId ?? null}
        valueLabel={assignee?.name}
        placeholder="Nobody yet: type an agent’s name"
        onChange={(option) => option && void assign(option.id)}
        search={async (text, signal) => {
          const page = await call(listAgents, {
            query: { search: text, limit: 20, inactive: 'false', sort: 'displayName' },
            signal,
          });
          return page.items.map((a) => ({ id: a.id, label: a.displayName }));
        }}
        errorMessage={error ?? undefined}
      />
      {assignee ? (
        <Button variant="quiet" onPress={() => void assign(null)}>
          Unassign
        </Button>
      ) : null}
    </div>
  );
}
