import { useState, type ReactNode } from 'react';
import type {
  ListInboundEndpoint,
  ListRunsEndpoint,
} from '../../../../../src/contracts/api/connection-logs.js';
import { listCspInbound, listCspRuns } from '../../../../../src/contracts/api/csp-connections.js';
import { listCspTenants } from '../../../../../src/contracts/api/csp-tenants.js';
import { listInboundLog, listSyncRuns } from '../../../../../src/contracts/api/entra-import.js';
import {
  getCspOutbound,
  getEntraOutbound,
  listCspOutbound,
  listEntraOutbound,
  type GetOutboundEndpoint,
  type ListOutboundEndpoint,
} from '../../../../../src/contracts/api/outbound-log.js';
import { PLAN_OUTCOMES } from '../../../../../src/contracts/entra/index.js';
import { useApi } from '../../../lib/api-context.js';
import { ComboPicker } from '../../../ui/combo-picker.js';
import type { SelectOption } from '../../../ui/select-field.js';
import { OUTCOME_LABELS } from './labels.js';

/** The "no filter" choice of the log screens' drop-downs. */
export const ALL = 'all';

/**
 * What the Runs, Inbound Requests and Outbound Requests tabs need to know of a kind of
 * connection: its endpoints, its modules and actions, and whether it spans many tenants (CSP),
 * which adds the tenant column and filter.
 */
export interface ConnectionLogKind {
  kind: 'entra' | 'csp';
  listRuns: ListRunsEndpoint;
  listInbound: ListInboundEndpoint;
  listOutbound: ListOutboundEndpoint;
  getOutbound: GetOutboundEndpoint;
  /** The module filter's choices, "every module" first. */
  modules: SelectOption[];
  /** The inbound log's action filter, "every action" first. */
  actions: SelectOption[];
  manyTenants: boolean;
  /** What the empty Runs and Inbound Requests lists say will appear there. */
  runsEmpty: string;
  inboundEmpty: string;
  searchLabel: string;
}

const PLAN_ACTIONS = PLAN_OUTCOMES.map((o) => ({ id: o, label: OUTCOME_LABELS[o] }));

export const ENTRA_LOGS: ConnectionLogKind = {
  kind: 'entra',
  listRuns: listSyncRuns,
  listInbound: listInboundLog,
  listOutbound: listEntraOutbound,
  getOutbound: getEntraOutbound,
  modules: [
    { id: ALL, label: 'Every module' },
    { id: 'licences', label: 'Licences' },
    { id: 'users', label: 'Users' },
    { id: 'agents', label: 'Agents' },
  ],
  actions: [
    { id: ALL, label: 'Every action' },
    ...PLAN_ACTIONS,
    { id: 'restore', label: 'Licence restored' },
    { id: 'remove', label: 'Licence removed' },
  ],
  manyTenants: false,
  runsEmpty:
    'Each preview and import is listed here, with its counts, errors and the Graph requests it made.',
  inboundEmpty:
    'Every licence, user or agent an import creates, changes, deactivates or removes is logged here with the mapping and reason.',
  searchLabel: 'Search by name or Entra id',
};

export const CSP_LOGS: ConnectionLogKind = {
  kind: 'csp',
  listRuns: listCspRuns,
  listInbound: listCspInbound,
  listOutbound: listCspOutbound,
  getOutbound: getCspOutbound,
  modules: [
    { id: ALL, label: 'Every module' },
    { id: 'tenants', label: 'Tenants' },
    { id: 'licences', label: 'Licences' },
    { id: 'users', label: 'Users' },
    { id: 'pricing', label: 'Pricing' },
    { id: 'consumption', label: 'Consumption' },
  ],
  actions: [
    { id: ALL, label: 'Every action' },
    ...PLAN_ACTIONS,
    { id: 'added', label: 'Tenant added' },
    { id: 'updated', label: 'Tenant changed' },
    { id: 'returned', label: 'Tenant returned' },
    { id: 'removed', label: 'Tenant removed' },
    { id: 'restore', label: 'Licence restored' },
    { id: 'remove', label: 'Licence removed' },
  ],
  manyTenants: true,
  runsEmpty:
    'Each run of the tenants, licences and users modules is listed here per tenant, with its counts, errors and the requests it made.',
  inboundEmpty:
    'Every tenant, licence, subscription or user a sync adds, changes or removes is logged here with the tenant and the reason.',
  searchLabel: 'Search by name or Microsoft id',
};

/** A tenant in a log: its name, else its id. */
export function tenantText(entry: { tenantId: string; tenantName: string | null }): string {
  return entry.tenantName ?? entry.tenantId;
}

/** The tenant filter of a CSP connection's logs: type a customer's name, or "Every tenant". */
export function useTenantFilter(logs: ConnectionLogKind, connectionId: string) {
  const call = useApi();
  const [tenant, setTenant] = useState<SelectOption | null>(null);
  const tenantId = tenant && tenant.id !== ALL ? tenant.id : undefined;
  const control: ReactNode = logs.manyTenants ? (
    <ComboPicker
      label="Tenant"
      sourceKey={`log-tenants:${connectionId}`}
      value={tenant?.id ?? ALL}
      valueLabel={tenant?.label ?? 'Every tenant'}
      onChange={setTenant}
      placeholder="Every tenant"
      search={async (text, signal) => {
        const page = await call(listCspTenants, {
          params: { id: connectionId },
          query: { search: text, limit: 20, includeRemoved: 'true' },
          signal,
        });
        return [
          { id: ALL, label: 'Every tenant' },
          ...page.items.map((t) => ({ id: t.tenantId, label: t.name })),
        ];
      }}
    />
  ) : null;
  return { tenantId, control };
}
