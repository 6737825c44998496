import { EMPTY_APPLIED_STATE, type HrAction } from '../../contracts/hr/lifecycle.js';
import type { EnforcedPerson, HrTarget } from './ports.js';

interface Planned {
  entry: EnforcedPerson;
  actions: HrAction[];
  phase: string;
}

/** Raised when the target cannot be asked which joiners already have an account. */
export class HrTargetUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HrTargetUnavailableError';
  }
}

/**
 * Before creating accounts, asks the target which joiners already have one with their employee
 * id (all in one lookup): an account created just before a crash, or made by hand, is adopted
 * and the person re-planned against it, so a retry never creates a second account.
 */
export async function correlateJoiners<T extends Planned>(
  target: Pick<HrTarget, 'findAccounts'>,
  work: T[],
  replan: (entry: EnforcedPerson) => T,
): Promise<{ work: T[]; conflicts: { planned: T; message: string }[] }> {
  const conflicts: { planned: T; message: string }[] = [];
  const joiners = work.filter((w) => w.actions[0]?.kind === 'create');
  if (joiners.length === 0) return { work, conflicts };
  const found = await target.findAccounts(joiners.map((w) => w.entry.person.employeeId));
  if (!found.ok)
    throw new HrTargetUnavailableError(
      `${found.refusal.title}: ${found.refusal.whatHappened} ${found.refusal.howToFix}`,
    );
  const correlated = work.map((w) => {
    if (w.actions[0]?.kind !== 'create') return w;
    const accounts = found.value.get(w.entry.person.employeeId.toLowerCase()) ?? [];
    if (accounts.length === 0) return w;
    if (accounts.length > 1) {
      const upns = accounts.map((a) => a.userPrincipalName).join(', ');
      conflicts.push({
        planned: w,
        message: `Several accounts carry employee id ${w.entry.person.employeeId} (${upns}): Rollcall will not guess; clear the employee id on all but one in Entra.`,
      });
      return w;
    }
    const account = accounts[0]!;
    const create = w.actions[0];
    const adopted = {
      ...EMPTY_APPLIED_STATE,
      objectId: account.objectId,
      userPrincipalName: account.userPrincipalName,
      mail: account.mail,
      enabled: account.enabled ?? false,
      names: create.names,
    };
    return replan({ ...w.entry, applied: adopted });
  });
  return { work: correlated, conflicts };
}
