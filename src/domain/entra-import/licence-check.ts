import type {
  ContractCoverage,
  DirectoryUser,
  EntraImportConfig,
  PlanReasonCode,
} from '../../contracts/entra/index.js';
import type { DeskValues } from './desk-values.js';

/** The desk field the contract coverage is kept in ('covered' | 'flagged' | 'refused'; null: check off). */
export const CONTRACT_COVERAGE_FIELD = 'contractCoverage';
/** The desk field of the service-account flag ('true' / 'false'). */
export const SERVICE_ACCOUNT_FIELD = 'isServiceAccount';

type LicenceConfig = Pick<EntraImportConfig, 'licenceCheck' | 'compliance'>;

/**
 * Whether the user holds one of `skuIds`; null when the read did not return the user's licences
 * (nothing is concluded then).
 */
function holdsAny(user: DirectoryUser, skuIds: readonly string[]): boolean | null {
  if (!user.licences) return null;
  const wanted = new Set(skuIds.map((id) => id.toLowerCase()));
  return user.licences.some((l) => wanted.has(l.skuId.toLowerCase()));
}

function skuWords(skuIds: readonly string[]): string {
  return skuIds.length === 1 ? `licence ${skuIds[0]}` : `any of the licences ${skuIds.join(', ')}`;
}

/**
 * The licence check's verdict on a user a mapping matched (guide 002 "Licence check type"):
 * `include` leaves out users holding none of the chosen SKUs, `exclude` users holding one.
 * Null: the user is imported.
 */
export function licenceCheckExclusion(
  config: LicenceConfig,
  user: DirectoryUser,
): { code: PlanReasonCode; reason: string } | null {
  const { type, skuIds } = config.licenceCheck;
  if (type !== 'include' && type !== 'exclude') return null;
  const holds = holdsAny(user, skuIds);
  if (holds === null) return null;
  if (type === 'include' && !holds)
    return {
      code: 'excluded.licenceCheck',
      reason: `excluded: licence check "include" imports only users holding ${skuWords(skuIds)}, and this user holds none`,
    };
  if (type === 'exclude' && holds)
    return {
      code: 'excluded.licenceCheck',
      reason: `excluded: licence check "exclude" leaves out users holding ${skuWords(skuIds)}, and this user holds one`,
    };
  return null;
}

/**
 * Sets the values the licence settings decide on an imported user: the service-account flag
 * (check type `serviceAccount`: holders of none of the chosen SKUs are service accounts) and the
 * contract coverage (compliance on: holders `covered`, others `flagged` or `refused`; off: a
 * coverage recorded earlier is cleared). Users whose licences were not read keep the desk's values.
 */
export function applyLicenceValues(
  values: DeskValues,
  config: LicenceConfig,
  user: DirectoryUser,
  existing: Readonly<DeskValues> | null,
): void {
  if (config.licenceCheck.type === 'serviceAccount') {
    const holds = holdsAny(user, config.licenceCheck.skuIds);
    if (holds !== null) values[SERVICE_ACCOUNT_FIELD] = holds ? 'false' : 'true';
  }
  const { mode, skuIds } = config.compliance;
  if (mode === 'off') {
    if ((existing?.[CONTRACT_COVERAGE_FIELD] ?? null) !== null) values[CONTRACT_COVERAGE_FIELD] = null;
    return;
  }
  const holds = holdsAny(user, skuIds);
  if (holds === null) return;
  const coverage: ContractCoverage = holds ? 'covered' : mode === 'flag' ? 'flagged' : 'refused';
  values[CONTRACT_COVERAGE_FIELD] = coverage;
}
