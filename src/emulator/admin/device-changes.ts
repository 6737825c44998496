import { z } from 'zod';
import { enrolDevice } from '../seed/devices.js';
import { isoSeconds } from '../seed/time.js';
import type { DeviceRecord, TenantRecord } from '../state/types.js';
import type { AdminContext } from './admin-context.js';
import { AdminError } from './admin-error.js';
import { isActivePerson, userOrThrow } from './people.js';

const MAX_BATCH = 10_000;
const COMPLIANCE = [
  'unknown',
  'compliant',
  'noncompliant',
  'conflict',
  'error',
  'inGracePeriod',
  'configManager',
] as const;
const OS = ['Windows', 'macOS', 'iOS', 'Android'] as const;
/** Graph's managementAgentType (v1.0); `msSense`: onboarded to Microsoft Defender for Endpoint. */
const MANAGEMENT_AGENTS = [
  'eas',
  'mdm',
  'easMdm',
  'intuneClient',
  'easIntuneClient',
  'configurationManagerClient',
  'configurationManagerClientMdm',
  'configurationManagerClientMdmEas',
  'unknown',
  'jamf',
  'googleCloudDevicePolicyController',
  'microsoft365ManagedMdm',
  'msSense',
  'intuneAosp',
] as const;

const deviceSpec = z
  .object({
    operatingSystem: z.enum(OS),
    /** Primary user (id or UPN); null for a shared device; a random person when absent. */
    userId: z.string().min(1).nullable(),
    complianceState: z.enum(COMPLIANCE),
    managementAgent: z.enum(MANAGEMENT_AGENTS),
    /** The hardware serial number (drawn when absent); '' for a device that reports none. */
    serialNumber: z.string().max(100),
  })
  .partial()
  .strict();

export const enrolInputSchema = z
  .object({
    count: z.number().int().min(1).max(MAX_BATCH).optional(),
    devices: z.array(deviceSpec).min(1).max(MAX_BATCH).optional(),
  })
  .strict()
  .refine((v) => (v.count === undefined) !== (v.devices === undefined), 'give either count or devices');

export const deviceUpdateInputSchema = z
  .object({ complianceState: z.enum(COMPLIANCE), userId: z.string().min(1).nullable() })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'name at least one change');

export type EnrolInput = z.input<typeof enrolInputSchema>;
export type DeviceUpdateInput = z.input<typeof deviceUpdateInputSchema>;

function deviceOrThrow(tenant: TenantRecord, id: string): DeviceRecord {
  const device = tenant.devices.get(id);
  if (!device)
    throw new AdminError(404, 'DeviceNotFound', `No managed device '${id}' in tenant ${tenant.id}.`);
  return device;
}

function requireIntune(tenant: TenantRecord): void {
  if (!tenant.intune) throw new AdminError(409, 'Conflict', `Tenant ${tenant.id} has no Intune licence.`);
}

/** Devices enrolled in Intune, with or without a primary user. */
export function enrolDevices(admin: AdminContext, tenantId: string, input: EnrolInput): DeviceRecord[] {
  const parsed = enrolInputSchema.parse(input);
  const tenant = admin.tenant(tenantId);
  requireIntune(tenant);
  const people = [...tenant.users.values()].filter(isActivePerson);
  const specs: z.output<typeof deviceSpec>[] =
    parsed.devices ?? Array.from({ length: parsed.count ?? 0 }, () => ({}));
  const build = { tenant, random: admin.random, now: admin.emulator.clock.now() };
  return specs.map((spec) => {
    const user =
      spec.userId === null
        ? null
        : spec.userId
          ? userOrThrow(tenant, spec.userId)
          : people.length
            ? admin.random.pick(people)
            : null;
    const device = enrolDevice(build, user?.props.id ?? null, spec.operatingSystem);
    device.enrolledDateTime = device.lastSyncDateTime = isoSeconds(build.now);
    if (spec.complianceState) device.complianceState = spec.complianceState;
    if (spec.managementAgent) device.managementAgent = spec.managementAgent;
    if (spec.serialNumber !== undefined) device.serialNumber = spec.serialNumber;
    return device;
  });
}

/** A device retired (or wiped) and removed from Intune. */
export function retireDevice(admin: AdminContext, tenantId: string, deviceId: string): void {
  const tenant = admin.tenant(tenantId);
  deviceOrThrow(tenant, deviceId);
  tenant.devices.delete(deviceId);
}

/** Compliance re-evaluated or primary user changed; the device checks in now. */
export function updateDevice(
  admin: AdminContext,
  tenantId: string,
  deviceId: string,
  input: DeviceUpdateInput,
) {
  const parsed = deviceUpdateInputSchema.parse(input);
  const tenant = admin.tenant(tenantId);
  const device = deviceOrThrow(tenant, deviceId);
  if (parsed.complianceState) device.complianceState = parsed.complianceState;
  if (parsed.userId !== undefined) {
    const user = parsed.userId === null ? null : userOrThrow(tenant, parsed.userId).props;
    Object.assign(device, {
      userId: user?.id ?? '',
      userPrincipalName: user?.userPrincipalName ?? '',
      userDisplayName: user?.displayName ?? '',
      emailAddress: user?.mail ?? '',
    });
  }
  device.lastSyncDateTime = isoSeconds(admin.emulator.clock.now());
  return device;
}
