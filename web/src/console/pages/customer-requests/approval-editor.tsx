import { listAccounts } from '../../../../../src/contracts/api/accounts.js';
import { listRoles } from '../../../../../src/contracts/api/roles.js';
import { useMe } from '../../../auth/session.js';
import { useApi } from '../../../lib/api-context.js';
import { can } from '../../../lib/permissions.js';
import { useQuery } from '../../../lib/use-query.js';
import { Button } from '../../../ui/button.js';
import { Checkbox } from '../../../ui/checkbox.js';
import { SelectField } from '../../../ui/select-field.js';
import { TextField } from '../../../ui/text-field.js';
import { listError, type DraftProps, type StepDraft } from './draft.js';

const ANY_ROLE = 'any';
const MAX_STEPS = 5;

/** The agent roles and the customer's portal accounts an approval step can name (agents.read holders). */
function useApproverChoices(customerId: string) {
  const call = useApi();
  const me = useMe();
  const allowed = can(me, 'agents.read');
  const roles = useQuery(`approval-roles:${allowed}`, (signal) =>
    allowed ? call(listRoles, { signal }) : Promise.resolve({ items: [] }),
  );
  const portal = useQuery(`approval-portal:${customerId}:${allowed}`, (signal) =>
    allowed
      ? call(listAccounts, { query: { kind: 'portal', customerId, limit: 200 }, signal })
      : Promise.resolve({ items: [], nextCursor: null, total: 0 }),
  );
  return {
    allowed,
    roles: (roles.data?.items ?? []).filter((r) => r.kind === 'agent'),
    portalAccounts: (portal.data?.items ?? []).filter((a) => !a.disabled),
  };
}

/** The approval steps in order (who may decide each), and whether approval starts the automation. */
export function ApprovalEditor({ draft, change, errors, customerId }: DraftProps & { customerId: string }) {
  const choices = useApproverChoices(customerId);
  const setStep = (index: number, patch: Partial<StepDraft>) =>
    change({ steps: draft.steps.map((s, i) => (i === index ? { ...s, ...patch } : s)) });
  return (
    <fieldset className="stack">
      <legend className="field-label">Approval</legend>
      {draft.steps.map((step, index) => {
        const at = `approval.steps.${index}`;
        return (
          <div key={index} className="card stack" role="group" aria-label={`Approval step ${index + 1}`}>
            <div className="toolbar">
              <TextField
                label={`Step ${index + 1} name`}
                value={step.name}
                onChange={(name) => setStep(index, { name })}
                errorMessage={errors[`${at}.name`]}
              />
              <Button
                variant="quiet"
                aria-label={`Remove approval step ${index + 1}`}
                isDisabled={draft.steps.length === 1}
                onPress={() => change({ steps: draft.steps.filter((_, i) => i !== index) })}
              >
                Remove step
              </Button>
            </div>
            <Checkbox
              isSelected={step.allowAgents}
              onChange={(allowAgents) => setStep(index, { allowAgents })}
            >
              Agents with “Can approve requests” may decide it
            </Checkbox>
            {step.allowAgents && choices.allowed ? (
              <SelectField
                label="Only agents with the role"
                value={step.agentRoleId ?? ANY_ROLE}
                onChange={(id) => setStep(index, { agentRoleId: id === ANY_ROLE ? null : id })}
                options={[
                  { id: ANY_ROLE, label: 'Any role' },
                  ...choices.roles.map((r) => ({ id: r.id, label: r.name })),
                ]}
                errorMessage={errors[`${at}.agentRoleId`]}
              />
            ) : null}
            <div className="stack" role="group" aria-label={`Portal approvers of step ${index + 1}`}>
              <span className="field-label">Portal approvers</span>
              {!choices.allowed ? (
                <p className="muted">
                  Seeing the customer’s portal accounts needs the “agents.read” permission.
                </p>
              ) : choices.portalAccounts.length === 0 ? (
                <p className="muted">This customer has no portal accounts yet; only agents can approve.</p>
              ) : (
                choices.portalAccounts.map((a) => (
                  <Checkbox
                    key={a.id}
                    isSelected={step.portalApproverIds.includes(a.id)}
                    onChange={(on) =>
                      setStep(index, {
                        portalApproverIds: on
                          ? [...step.portalApproverIds, a.id]
                          : step.portalApproverIds.filter((id) => id !== a.id),
                      })
                    }
                  >
                    {`${a.displayName} (${a.email})`}
                  </Checkbox>
                ))
              )}
              {errors[`${at}.portalApproverIds`] ? (
                <p className="field-error">{errors[`${at}.portalApproverIds`]}</p>
              ) : null}
            </div>
          </div>
        );
      })}
      {listError(errors, 'approval.steps') ? (
        <p className="field-error">{listError(errors, 'approval.steps')}</p>
      ) : null}
      <div className="toolbar">
        <Button
          isDisabled={draft.steps.length >= MAX_STEPS}
          onPress={() =>
            change({
              steps: [
                ...draft.steps,
                { name: '', allowAgents: true, agentRoleId: null, portalApproverIds: [] },
              ],
            })
          }
        >
          Add approval step
        </Button>
      </div>
      <Checkbox
        isSelected={draft.triggerAutomationByDefault}
        onChange={(triggerAutomationByDefault) => change({ triggerAutomationByDefault })}
      >
        Tick “Trigger Azure onboarding automation” by default when approving
      </Checkbox>
    </fieldset>
  );
}

/** Whom to tell when a request changes state. */
export function NotificationsEditor({ draft, change, errors }: DraftProps) {
  return (
    <fieldset className="stack">
      <legend className="field-label">Notifications</legend>
      <Checkbox isSelected={draft.emailRequester} onChange={(emailRequester) => change({ emailRequester })}>
        E-mail the requester when their request is decided, done or needs attention
      </Checkbox>
      <Checkbox isSelected={draft.emailApprovers} onChange={(emailApprovers) => change({ emailApprovers })}>
        E-mail the approvers when a step waits for them
      </Checkbox>
      <TextField
        label="Also e-mail"
        rows={2}
        value={draft.extraEmails}
        onChange={(extraEmails) => change({ extraEmails })}
        description="Addresses told of every change (a team mailbox), one per line."
        errorMessage={errors['notifications.extraEmails']}
      />
      <TextField
        label="Webhook URL"
        type="url"
        value={draft.webhookUrl}
        onChange={(webhookUrl) => change({ webhookUrl })}
        description="An http(s):// address sent a JSON event on every change (https advised: the event names people); empty for none."
        errorMessage={errors['notifications.webhookUrl']}
      />
    </fieldset>
  );
}
