import type { DeviceRecord, TenantRecord } from '../state/types.js';
import { flat, type SeedRandom } from './random.js';
import type { TenantBuild } from './tenant-build.js';
import { DAY_MS, isoSeconds } from './time.js';

/** Share of members with a managed work computer, and of those with a managed phone as well. */
const COMPUTER_SHARE = 0.6;
const PHONE_SHARE = 0.25;
/** Shared and kiosk devices (no primary user), per member. */
const SHARED_DEVICE_SHARE = 0.04;

const COMPLIANCE = [
  ['compliant', 80],
  ['noncompliant', 9],
  ['inGracePeriod', 4],
  ['unknown', 4],
  ['error', 2],
  ['conflict', 1],
] as const;

interface Model {
  os: 'Windows' | 'macOS' | 'iOS' | 'Android';
  manufacturer: string;
  model: string;
  versions: readonly string[];
  agent: string;
  storageGb: number;
}

const COMPUTERS: readonly (readonly [Model, number])[] = [
  [
    {
      os: 'Windows',
      manufacturer: 'Dell Inc.',
      model: 'Latitude 7440',
      versions: ['10.0.22631.4602', '10.0.26100.2605'],
      agent: 'mdm',
      storageGb: 512,
    },
    40,
  ],
  [
    {
      os: 'Windows',
      manufacturer: 'LENOVO',
      model: '21HD0049UK',
      versions: ['10.0.22631.4460', '10.0.19045.5247'],
      agent: 'mdm',
      storageGb: 256,
    },
    25,
  ],
  [
    {
      os: 'Windows',
      manufacturer: 'HP',
      model: 'HP EliteBook 840 G10',
      versions: ['10.0.22631.4602'],
      agent: 'configurationManagerClientMdm',
      storageGb: 512,
    },
    15,
  ],
  [
    {
      os: 'macOS',
      manufacturer: 'Apple',
      model: 'MacBook Pro (14-inch, 2023)',
      versions: ['14.7.1', '15.2'],
      agent: 'mdm',
      storageGb: 512,
    },
    20,
  ],
];

const PHONES: readonly (readonly [Model, number])[] = [
  [
    {
      os: 'iOS',
      manufacturer: 'Apple',
      model: 'iPhone 15',
      versions: ['17.6.1', '18.2'],
      agent: 'mdm',
      storageGb: 128,
    },
    55,
  ],
  [
    {
      os: 'Android',
      manufacturer: 'samsung',
      model: 'SM-S921B',
      versions: ['14', '15'],
      agent: 'mdm',
      storageGb: 256,
    },
    35,
  ],
  [
    {
      os: 'Android',
      manufacturer: 'Google',
      model: 'Pixel 8',
      versions: ['15'],
      agent: 'mdm',
      storageGb: 128,
    },
    10,
  ],
];

/** Intune managed devices: work computers and phones with primary users, plus shared devices without. */
export function seedDevices(build: TenantBuild, members: string[]): void {
  if (!build.tenant.intune) return;
  const { random } = build;
  for (const userId of members) {
    if (random.chance(COMPUTER_SHARE)) addDevice(build, random.weighted(COMPUTERS), userId);
    if (random.chance(PHONE_SHARE)) addDevice(build, random.weighted(PHONES), userId);
  }
  const shared = Math.max(1, Math.round(members.length * SHARED_DEVICE_SHARE));
  for (let i = 0; i < shared; i += 1) addDevice(build, random.weighted(COMPUTERS), null);
}

const SERIAL_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
const DIGITS = '0123456789';
const HEX_DIGITS = '0123456789abcdef';

/** What enrolling a device needs (a seeding `TenantBuild` is one). */
export interface DeviceContext {
  tenant: TenantRecord;
  random: SeedRandom;
  now: number;
}

export type DeviceOs = Model['os'];

/** Enrols one device in Intune: a computer or phone of `os` (drawn when absent), with or without a primary user. */
export function enrolDevice(build: DeviceContext, userId: string | null, os?: DeviceOs): DeviceRecord {
  const pool = os ? [...COMPUTERS, ...PHONES].filter(([m]) => m.os === os) : COMPUTERS;
  return addDevice(build, build.random.weighted(pool), userId);
}

function addDevice(build: DeviceContext, model: Model, userId: string | null): DeviceRecord {
  const { random, now, tenant } = build;
  const user = userId ? tenant.users.get(userId)?.props : undefined;
  const id = random.guid();
  const sn = random.chars(SERIAL_ALPHABET, model.os === 'Windows' ? 7 : 10);
  const enrolled = now - random.int(10 * DAY_MS, 900 * DAY_MS);
  const stale = random.chance(0.06);
  const kind = model.os === 'Windows' ? 'LT' : model.os === 'macOS' ? 'MB' : 'PH';
  const owner = String(user?.mailNickname ?? 'shared');
  const deviceName = flat(
    user
      ? `${kind}-${owner
          .replace(/[^a-z0-9]/gi, '')
          .slice(0, 8)
          .toUpperCase()}-${sn.slice(0, 4)}`
      : `${model.os === 'macOS' ? 'MAC' : 'KIOSK'}-${sn}`,
  );
  const storage = model.storageGb * 1_073_741_824;
  const device: DeviceRecord = {
    id,
    // Intune shows shared devices with empty user fields (as graph/devices/records.ts does).
    userId: userId ?? '',
    deviceName,
    managedDeviceName: flat(`${owner}_${model.os}_${isoSeconds(enrolled).slice(0, 10)}`),
    serialNumber: sn,
    operatingSystem: model.os,
    osVersion: random.pick(model.versions),
    manufacturer: model.manufacturer,
    model: model.model,
    userPrincipalName: user ? String(user.userPrincipalName) : '',
    userDisplayName: user ? String(user.displayName) : '',
    emailAddress: user ? String(user.mail ?? '') : '',
    azureADDeviceId: random.guid(),
    complianceState: random.weighted(COMPLIANCE),
    managementAgent: model.agent,
    managedDeviceOwnerType: userId && model.os !== 'Windows' && random.chance(0.3) ? 'personal' : 'company',
    enrolledDateTime: isoSeconds(enrolled),
    lastSyncDateTime: isoSeconds(now - random.int(0, stale ? 90 * DAY_MS : 2 * DAY_MS)),
    deviceEnrollmentType:
      model.os === 'Windows'
        ? 'windowsAzureADJoin'
        : model.os === 'macOS'
          ? 'appleBulkWithUser'
          : 'userEnrollment',
    deviceRegistrationState: 'registered',
    isEncrypted: random.chance(0.95),
    isSupervised: model.os === 'iOS' && random.chance(0.5),
    imei: model.os === 'iOS' || model.os === 'Android' ? `35${random.chars(DIGITS, 13)}` : null,
    meid: null,
    wiFiMacAddress: random.chars(HEX_DIGITS, 12),
    phoneNumber: null,
    totalStorageSpaceInBytes: storage,
    freeStorageSpaceInBytes: Math.floor(storage * random.int(10, 70) * 0.01),
    jailBroken: model.os === 'iOS' || model.os === 'Android' ? 'False' : 'Unknown',
    azureADRegistered: true,
  };
  tenant.devices.set(id, device);
  return device;
}
