import type { HrEventView, HrPersonDetail, HrPersonSummary } from '../../../contracts/api/hr-persons.js';
import type { HrAction, HrPhase } from '../../../contracts/hr/lifecycle.js';
import type { HrSourceKind } from '../../../contracts/hr/source.js';
import { desiredState, type HrEvaluationContext } from '../../../domain/hr/desired-state.js';
import { personFields } from '../../../domain/hr/person-fields.js';
import { planPerson } from '../../../domain/hr/plan-person.js';
import type { HrPersonRow, StoredHrEvent } from '../../../store/index.js';
import { enforcedPerson } from './source-settings.js';

/** An action in words, as the person page lists what the next enforcement would do. */
export function actionSummary(action: HrAction): string {
  switch (action.kind) {
    case 'create':
      return `create the account (${action.enabled ? 'enabled' : 'sign-in blocked'})`;
    case 'updateAttributes':
      return action.changes
        .map((c) => `${c.attribute}: ${c.from ?? '(empty)'} → ${c.to ?? '(empty)'}`)
        .join('; ');
    case 'rename':
      return `rename for ${action.to.first} ${action.to.last} (the old address stays an alias)`;
    case 'setManager':
      return action.managerEmployeeId ? `manager: employee ${action.managerEmployeeId}` : 'clear the manager';
    case 'addGroups':
      return `add to ${action.groups.map((g) => g.name).join(', ')}`;
    case 'removeGroups':
      return `remove from ${action.groups.join(', ')}`;
    case 'assignLicences':
      return `assign licences ${action.licences.map((l) => l.skuId).join(', ')}`;
    case 'removeLicences':
      return `remove licences ${action.skuIds.join(', ')}`;
    case 'revokeSessions':
      return 'sign out everywhere';
    case 'writeBack':
      return 'write the UPN and e-mail back to the source';
    default:
      return `${action.kind} the account`;
  }
}

export function hrPersonSummary(row: HrPersonRow, today: string): HrPersonSummary {
  const { person, applied } = enforcedPerson(row);
  const fields = personFields(person, today);
  return {
    employeeId: row.employeeId,
    displayName: row.displayName,
    department: fields.department,
    title: fields.title,
    startDate: fields.startDate,
    endDate: fields.endDate,
    phase: row.phase as HrPhase,
    removedOn: row.removedOn,
    userPrincipalName: row.userPrincipalName,
    accountEnabled: applied.objectId && !applied.deleted ? applied.enabled : null,
    pendingActions: row.pendingActions,
    lastError: row.lastError,
  };
}

export function hrPersonDetail(
  row: HrPersonRow,
  context: HrEvaluationContext,
  today: string,
  lifecycle: Parameters<typeof planPerson>[2],
  kind: HrSourceKind,
): HrPersonDetail {
  const entry = enforcedPerson(row);
  const desired = desiredState(entry.person, context, today, entry.removedOn);
  const actions = planPerson(desired, entry.applied, lifecycle, { writeBack: context.writeBack });
  return {
    ...hrPersonSummary(row, today),
    phase: desired.phase,
    pendingActions: actions.length,
    person: entry.person,
    objectId: entry.applied.deleted ? null : entry.applied.objectId,
    mail: entry.applied.mail,
    entitlements: [
      ...(desired.accountRules.length > 0
        ? [{ kind: 'account' as const, name: 'Entra account', rules: desired.accountRules }]
        : []),
      ...desired.groups.map((g) => ({ kind: 'group' as const, name: g.name, rules: g.rules })),
      ...desired.licences.map((l) => ({
        kind: 'licence' as const,
        name: context.rules.licenceName(l.skuId),
        rules: l.rules,
      })),
    ],
    pending: actions.map((a) => ({
      action: a.kind,
      event: a.event,
      reasons: a.reasons,
      summary: actionSummary(a),
    })),
    addressesToSource: context.writeBack ? 'writeBack' : kind === 'scim' ? 'scim' : 'manual',
    writtenBack: entry.applied.writtenBack,
  };
}

export function hrEventView(row: StoredHrEvent): HrEventView {
  return {
    id: row.id,
    runId: row.runId,
    employeeId: row.employeeId,
    event: row.event as HrEventView['event'],
    action: row.action as HrEventView['action'],
    reasons: row.reasons,
    detail: row.detail,
    request: row.request ?? null,
    response: row.response ?? null,
    result: row.result,
    message: row.message,
    at: row.at.toISOString(),
  };
}
