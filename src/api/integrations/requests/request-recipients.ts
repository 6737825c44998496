import { sql } from 'drizzle-orm';
import type { NotificationSettings } from '../../../contracts/onboarding/config.js';
import { approvalStepSchema } from '../../../contracts/onboarding/config.js';
import { queryRows, type Database, type StoredRequest } from '../../../store/index.js';
import type { RequestEventName } from './request-notifier.js';

/**
 * Who hears of an event: the requester of decisions and outcomes, the open step's approvers
 * (portal approvers named on it, and the agents of its role) of an approval needed, and the
 * settings' extra addresses of everything. Disabled accounts are left out.
 */
export async function requestRecipients(
  db: Database,
  request: StoredRequest,
  event: RequestEventName,
  settings: NotificationSettings,
): Promise<string[]> {
  const ids: string[] = [];
  const roleIds: string[] = [];
  if (settings.emailRequester && event !== 'approvalNeeded' && request.requestedByAccountId)
    ids.push(request.requestedByAccountId);
  if (settings.emailApprovers && event === 'approvalNeeded') {
    const open = request.approvals.find((a) => a.status === 'open');
    const steps = (request.approval as { steps?: unknown[] }).steps ?? [];
    const step = open ? approvalStepSchema.safeParse(steps[open.stepIndex]) : null;
    if (step?.success) {
      ids.push(...step.data.portalApproverIds);
      if (step.data.allowAgents && step.data.agentRoleId) roleIds.push(step.data.agentRoleId);
    }
  }
  const emails =
    ids.length + roleIds.length === 0
      ? []
      : await queryRows<{ email: string }>(
          db,
          sql`select distinct a.email from accounts a
               where not a.disabled and (a.id = any(${sql.param(ids)}::uuid[])
                  or exists (select 1 from account_roles r where r.account_id = a.id
                               and r.role_id = any(${sql.param(roleIds)}::uuid[])))`,
        );
  return [...new Set([...emails.map((e) => e.email), ...settings.extraEmails].map((e) => e.toLowerCase()))];
}
