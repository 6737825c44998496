import type { HrSourceDetail } from '../../../../../../src/contracts/api/hr-sources.js';
import type { HrEntraAttribute } from '../../../../../../src/contracts/hr/entra-attributes.js';
import type { hrSourceInputSchema } from '../../../../../../src/contracts/hr/source.js';
import {
  hrAttributeMappingSchema,
  hrLifecycleSettingsSchema,
  hrThresholdsSchema,
  type HrDateFormat,
  type HrMappableField,
  type HrSourceKind,
} from '../../../../../../src/contracts/hr/source.js';
import type { EmailFormat, NamingFallback } from '../../../../../../src/contracts/onboarding/naming.js';
import type { z } from 'zod';

type Mapping = Partial<Record<HrMappableField, string>>;

/**
 * An HR source as the form holds it: text as typed, "never" and "as soon as known" as choices, and
 * the mapping tables as rows; turned into the contract's body only on save.
 */
export interface SourceDraft {
  name: string;
  kind: HrSourceKind;
  customerId: string | null;
  customerName: string;
  tenantId: string | null;
  domain: string;
  naming: { format: EmailFormat; customPattern: string; fallbacks: NamingFallback[]; maxNumber: number };
  usageLocation: string;
  attributes: { attribute: HrEntraAttribute; template: string }[];
  createAsSoonAsKnown: boolean;
  createDaysBeforeStart: number;
  enableDaysBeforeStart: number;
  deleteNever: boolean;
  deleteAfterDays: number;
  revokeSessionsOnLeave: boolean;
  renameOnNameChange: boolean;
  maxAdds: number | null;
  maxRemoves: number | null;
  maxChangePercent: number | null;
  csv: {
    delimiter: string;
    dateFormat: HrDateFormat;
    columns: Mapping;
    customColumns: string;
    watchFolder: string;
  };
  json: {
    url: string;
    itemsPath: string;
    nextLinkPath: string;
    contractsPath: string;
    mapping: Mapping;
    customPaths: { name: string; path: string }[];
    writeBackUrl: string;
  };
  /** A new JSON token typed in; empty keeps the saved one. */
  jsonToken: string;
  enforcementEnabled: boolean;
}

const DEFAULT_COLUMNS: Mapping = {
  employeeId: 'EmployeeId',
  givenName: 'FirstName',
  surname: 'LastName',
  department: 'Department',
  title: 'JobTitle',
  startDate: 'StartDate',
  endDate: 'EndDate',
};

const DEFAULT_PATHS: Mapping = {
  employeeId: 'employeeId',
  givenName: 'givenName',
  surname: 'surname',
  startDate: 'startDate',
};

/** The form's starting point: a saved source, or the contract's defaults for a new one. */
export function toDraft(source: HrSourceDetail | null): SourceDraft {
  const s = source?.settings;
  const lifecycle = s?.lifecycle ?? hrLifecycleSettingsSchema.parse({});
  const thresholds = s?.thresholds ?? hrThresholdsSchema.parse({});
  const attributes = s?.attributes ?? hrAttributeMappingSchema.parse(undefined);
  return {
    name: s?.name ?? '',
    kind: s?.kind ?? 'csv',
    customerId: s?.customerId ?? null,
    customerName: source?.customerName ?? '',
    tenantId: s?.tenantId ?? null,
    domain: s?.domain ?? '',
    naming: {
      format: s?.naming.format ?? 'firstname.lastname',
      customPattern: s?.naming.customPattern ?? '',
      fallbacks: s?.naming.fallbacks ?? ['middleInitial', 'number'],
      maxNumber: s?.naming.maxNumber ?? 99,
    },
    usageLocation: s?.usageLocation ?? 'GB',
    attributes: Object.entries(attributes).map(([attribute, template]) => ({
      attribute: attribute as HrEntraAttribute,
      template: template ?? '',
    })),
    createAsSoonAsKnown: lifecycle.createDaysBeforeStart === null,
    createDaysBeforeStart: lifecycle.createDaysBeforeStart ?? 14,
    enableDaysBeforeStart: lifecycle.enableDaysBeforeStart,
    deleteNever: lifecycle.deleteAfterDays === null,
    deleteAfterDays: lifecycle.deleteAfterDays ?? 30,
    revokeSessionsOnLeave: lifecycle.revokeSessionsOnLeave,
    renameOnNameChange: lifecycle.renameOnNameChange,
    maxAdds: thresholds.maxAdds,
    maxRemoves: thresholds.maxRemoves,
    maxChangePercent: thresholds.maxChangePercent,
    csv: {
      delimiter: s?.csv?.delimiter ?? ',',
      dateFormat: s?.csv?.dateFormat ?? 'YYYY-MM-DD',
      columns: s?.csv?.columns ?? DEFAULT_COLUMNS,
      customColumns: (s?.csv?.customColumns ?? []).join(', '),
      watchFolder: s?.csv?.watchFolder ?? '',
    },
    json: {
      url: s?.json?.url ?? '',
      itemsPath: s?.json?.itemsPath ?? 'value',
      nextLinkPath: s?.json?.nextLinkPath ?? '',
      contractsPath: s?.json?.contractsPath ?? '',
      mapping: s?.json?.mapping ?? DEFAULT_PATHS,
      customPaths: Object.entries(s?.json?.customPaths ?? {}).map(([name, path]) => ({ name, path })),
      writeBackUrl: s?.json?.writeBackUrl ?? '',
    },
    jsonToken: '',
    enforcementEnabled: s?.enforcementEnabled ?? true,
  };
}

/** Leaves out fields left blank, so the contract's "map X" messages name what is missing. */
function filled(mapping: Mapping): Mapping {
  return Object.fromEntries(Object.entries(mapping).filter(([, v]) => v !== undefined && v.trim() !== ''));
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/** What the form sends: the contract's input (defaults filled in by the schema). */
export type SourceBody = z.input<typeof hrSourceInputSchema>;

/** The contract's body (`POST`/`PUT /api/hr/sources`) from the form's draft. */
export function toInput(d: SourceDraft): SourceBody {
  const customPattern = d.naming.customPattern.trim();
  const body: Record<string, unknown> = {
    name: d.name,
    kind: d.kind,
    customerId: d.customerId ?? '',
    tenantId: d.tenantId ?? '',
    domain: d.domain,
    naming: {
      format: d.naming.format,
      ...(d.naming.format === 'custom' || customPattern ? { customPattern } : {}),
      fallbacks: d.naming.fallbacks,
      maxNumber: d.naming.maxNumber,
    },
    usageLocation: d.usageLocation,
    attributes: Object.fromEntries(d.attributes.map((a) => [a.attribute, a.template])),
    lifecycle: {
      createDaysBeforeStart: d.createAsSoonAsKnown ? null : d.createDaysBeforeStart,
      enableDaysBeforeStart: d.enableDaysBeforeStart,
      deleteAfterDays: d.deleteNever ? null : d.deleteAfterDays,
      revokeSessionsOnLeave: d.revokeSessionsOnLeave,
      renameOnNameChange: d.renameOnNameChange,
    },
    thresholds: { maxAdds: d.maxAdds, maxRemoves: d.maxRemoves, maxChangePercent: d.maxChangePercent },
    csv:
      d.kind === 'csv'
        ? {
            delimiter: d.csv.delimiter,
            dateFormat: d.csv.dateFormat,
            columns: filled(d.csv.columns),
            customColumns: d.csv.customColumns
              .split(',')
              .map((c) => c.trim())
              .filter(Boolean),
            watchFolder: orNull(d.csv.watchFolder),
          }
        : null,
    json:
      d.kind === 'json'
        ? {
            url: d.json.url.trim(),
            itemsPath: d.json.itemsPath,
            nextLinkPath: d.json.nextLinkPath,
            contractsPath: d.json.contractsPath,
            mapping: filled(d.json.mapping),
            customPaths: Object.fromEntries(
              d.json.customPaths.filter((p) => p.name.trim() !== '').map((p) => [p.name.trim(), p.path]),
            ),
            writeBackUrl: orNull(d.json.writeBackUrl),
          }
        : null,
    enforcementEnabled: d.enforcementEnabled,
  };
  if (d.kind === 'json' && d.jsonToken !== '') body.jsonToken = d.jsonToken;
  return body as SourceBody;
}

/** A form section's view of the draft: its value and a way to change part of it. */
export interface SourceDraftProps {
  draft: SourceDraft;
  change: (patch: Partial<SourceDraft>) => void;
  /** Field path → message, from the contract or the server's 400. */
  errors: Record<string, string>;
}
