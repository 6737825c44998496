import { createHash } from 'node:crypto';

/** An Azure meter the emulator bills: its names as daily rated usage shows them, and a price. */
export interface EmuMeter {
  category: string;
  subCategory: string;
  name: string;
  unit: string;
  consumedService: string;
  /** Price per unit in the export currency (the emulator does not convert currencies). */
  unitPrice: number;
  /** Daily quantity range. */
  daily: [number, number];
}

/** Meters a customer's Azure plan may use (names as in Azure's price sheets). */
export const EMU_METERS: readonly EmuMeter[] = [
  {
    category: 'Virtual Machines',
    subCategory: 'Dv5/Dsv5 Series',
    name: 'D2s v5',
    unit: '1 Hour',
    consumedService: 'Microsoft.Compute',
    unitPrice: 0.0912,
    daily: [8, 24],
  },
  {
    category: 'Virtual Machines',
    subCategory: 'Bs Series',
    name: 'B2ms',
    unit: '1 Hour',
    consumedService: 'Microsoft.Compute',
    unitPrice: 0.0704,
    daily: [12, 24],
  },
  {
    category: 'Storage',
    subCategory: 'Standard SSD Managed Disks',
    name: 'E10 LRS Disk',
    unit: '1/Month',
    consumedService: 'Microsoft.Compute',
    unitPrice: 7.68,
    daily: [0.0322, 0.0334],
  },
  {
    category: 'Storage',
    subCategory: 'Tiered Block Blob',
    name: 'Hot LRS Data Stored',
    unit: '1 GB/Month',
    consumedService: 'Microsoft.Storage',
    unitPrice: 0.0166,
    daily: [1, 40],
  },
  {
    category: 'Bandwidth',
    subCategory: 'Rtn Preference: MGN',
    name: 'Standard Data Transfer Out',
    unit: '1 GB',
    consumedService: 'Microsoft.Network',
    unitPrice: 0.0697,
    daily: [0.5, 12],
  },
  {
    category: 'SQL Database',
    subCategory: 'General Purpose - Serverless - Compute Gen5',
    name: 'vCore',
    unit: '1 Hour',
    consumedService: 'Microsoft.Sql',
    unitPrice: 0.1327,
    daily: [2, 20],
  },
  {
    category: 'Azure App Service',
    subCategory: 'Basic Plan',
    name: 'B1 App',
    unit: '1 Hour',
    consumedService: 'Microsoft.Web',
    unitPrice: 0.0164,
    daily: [24, 24],
  },
  {
    category: 'Virtual Network',
    subCategory: 'IP Addresses',
    name: 'Standard IPv4 Static Public IP',
    unit: '1 Hour',
    consumedService: 'Microsoft.Network',
    unitPrice: 0.0044,
    daily: [24, 24],
  },
];

/** A number in [0, 1) derived from `parts` (the same parts always give the same number). */
export function unitHash(...parts: string[]): number {
  return createHash('sha1').update(parts.join('|')).digest().readUInt32BE(0) / 0x1_0000_0000;
}

/** The meters one Azure plan subscription uses: always a VM and storage, others by its id. */
export function metersOf(subscriptionId: string): EmuMeter[] {
  return EMU_METERS.filter(
    (m, i) => i === 0 || i === 3 || unitHash(subscriptionId, m.category, m.name) < 0.5,
  );
}

/** One meter's quantity on one day, to 4 decimals. */
export function dailyQuantity(subscriptionId: string, meter: EmuMeter, day: string): number {
  const [low, high] = meter.daily;
  return Math.round((low + (high - low) * unitHash(subscriptionId, meter.name, day)) * 10_000) / 10_000;
}
