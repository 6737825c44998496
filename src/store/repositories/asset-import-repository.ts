import { sql } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { arrayParam } from '../sql-arrays.js';
import { queryRows } from '../sql-rows.js';
import { bulkRows } from '../bulk-rows.js';
import { isGuid } from '../guid.js';

/** An asset as the asset planner reads it (mirrors `StoredAsset` of src/domain/assets). */
export interface AssetRecord {
  id: string;
  customerId: string;
  siteId: string;
  deskUserId: string | null;
  typeName: string;
  statusName: string;
  name: string;
  serialNumber: string | null;
  matchKey: string | null;
  fields: Record<string, string>;
  intuneDeviceId: string | null;
  removed: boolean;
}

/** The values an asset is written with (mirrors `AssetValues` of src/domain/assets). */
export interface AssetWriteValues {
  customerId: string;
  siteId: string;
  deskUserId: string | null;
  typeName: string;
  statusName: string;
  name: string;
  serialNumber: string | null;
  matchKey: string | null;
  fields: Record<string, string>;
}

/** A CSP tenant mapping as the asset import reads it. */
export interface AssetTenantMapping {
  tenantId: string;
  customerId: string | null;
  doNotImport: boolean;
  excludeFromIntune: boolean;
  /** The mapping's default site, else its customer's active default site. */
  defaultSiteId: string | null;
}

/** A desk user an asset may be linked to, found by one identifier. */
export interface AssetUserCandidate {
  identifier: string;
  value: string;
  id: string;
  customerId: string;
  siteId: string;
}

export type AssetUserIdentifier =
  'userPrincipalName' | 'email' | 'entraObjectId' | 'networkLogin' | 'displayName';

const USER_COLUMN: Record<Exclude<AssetUserIdentifier, 'entraObjectId'>, string> = {
  userPrincipalName: 'user_principal_name',
  email: 'email',
  networkLogin: 'network_login',
  displayName: 'display_name',
};

/** How often an unchanged device's last sighting is written (see `applyPage`). */
export const LAST_SEEN_REFRESH_HOURS = 6;

/** One page's writes: operations already planned, with their log entries. */
export interface AssetPageWrite {
  runId: string;
  connectionId: string;
  tenantId: string;
  creates: { deviceId: string; values: AssetWriteValues }[];
  updates: { assetId: string; deviceId: string; values: AssetWriteValues }[];
  unchangedIds: string[];
  log: { deviceId: string; action: string; reasonCode: string; reason: string; name: string }[];
}

interface AssetRow {
  id: string;
  customer_id: string;
  site_id: string;
  desk_user_id: string | null;
  type_name: string;
  status_name: string;
  name: string;
  serial_number: string | null;
  match_key: string | null;
  fields: Record<string, string>;
  intune_device_id: string | null;
  removed: boolean;
}

const recordOf = (r: AssetRow): AssetRecord => ({
  id: r.id,
  customerId: r.customer_id,
  siteId: r.site_id,
  deskUserId: r.desk_user_id,
  typeName: r.type_name,
  statusName: r.status_name,
  name: r.name,
  serialNumber: r.serial_number,
  matchKey: r.match_key,
  fields: r.fields,
  intuneDeviceId: r.intune_device_id,
  removed: r.removed,
});

const ASSET_COLUMNS = sql`a.id, a.customer_id, a.site_id, a.desk_user_id, t.name as type_name, s.name as status_name,
  a.name, a.serial_number, a.match_key, a.fields, a.intune_device_id, a.removed_at is not null as removed`;
const ASSET_FROM = sql`assets a join asset_types t on t.id = a.type_id join asset_statuses s on s.id = a.status_id`;

type NameTable = 'asset_types' | 'asset_statuses';

const lowerUnique = (names: readonly string[]) => [
  ...new Map(names.map((n) => [n.toLowerCase(), n])).values(),
];

async function namedIds(db: Database, wanted: Record<NameTable, string[]>) {
  const rows = await queryRows<{ t: NameTable; id: string; name: string }>(
    db,
    sql`select 'asset_types' as t, id, name from asset_types
          where lower(name) = any(${arrayParam(
            wanted.asset_types.map((n) => n.toLowerCase()),
            'text',
          )})
        union all
        select 'asset_statuses' as t, id, name from asset_statuses
          where lower(name) = any(${arrayParam(
            wanted.asset_statuses.map((n) => n.toLowerCase()),
            'text',
          )})`,
  );
  const found: Record<NameTable, Map<string, string>> = { asset_types: new Map(), asset_statuses: new Map() };
  for (const row of rows) found[row.t].set(row.name.toLowerCase(), row.id);
  return found;
}

/**
 * Ids of asset type and status names, creating the missing ones: one query when every name exists
 * (every run after the first), three otherwise.
 */
async function ensureNames(
  db: Database,
  names: { types: readonly string[]; statuses: readonly string[] },
): Promise<Record<NameTable, Map<string, string>>> {
  const wanted: Record<NameTable, string[]> = {
    asset_types: lowerUnique(names.types),
    asset_statuses: lowerUnique(names.statuses),
  };
  if (!wanted.asset_types.length && !wanted.asset_statuses.length) {
    return { asset_types: new Map(), asset_statuses: new Map() };
  }
  const found = await namedIds(db, wanted);
  let created = false;
  for (const table of ['asset_types', 'asset_statuses'] as const) {
    const missing = wanted[table].filter((n) => !found[table].has(n.toLowerCase()));
    if (!missing.length) continue;
    created = true;
    await db.execute(
      sql`insert into ${sql.raw(table)} (name) select n from unnest(${arrayParam(missing, 'text')}) as n
          on conflict do nothing`,
    );
  }
  return created ? namedIds(db, wanted) : found;
}

/** The asset import's reads and writes (`src/sync/assets` ports over the store). */
export interface AssetImportRepository {
  /** A connection's tenant mappings (only those of `tenantIds` when given). */
  tenantMappings(connectionId: string, tenantIds?: readonly string[]): Promise<AssetTenantMapping[]>;
  /** A site with its customer, when it exists and is active. */
  site(siteId: string): Promise<{ id: string; customerId: string } | undefined>;
  /** Each customer's active default site, for the customers named. */
  defaultSites(customerIds: readonly string[]): Promise<Map<string, string>>;
  /** Assets read from these devices of the tenant. */
  byDeviceIds(tenantId: string, deviceIds: readonly string[]): Promise<AssetRecord[]>;
  /**
   * Assets of these customers with these matching keys that no Intune device holds now (created
   * elsewhere, or whose device left Intune).
   */
  byMatchKeys(customerIds: readonly string[], keys: readonly string[]): Promise<AssetRecord[]>;
  /** Desk users by one identifier, of one customer (CSP) or linked to the tenant (Entra). */
  users(
    scope: { customerId: string | null; tenantId: string },
    identifier: AssetUserIdentifier,
    values: readonly string[],
  ): Promise<AssetUserCandidate[]>;
  /** Writes one page; returns rows written by table. */
  applyPage(write: AssetPageWrite): Promise<Record<string, number>>;
  /**
   * The tenant's assets of this connection still held by an Intune device and not written since the
   * run started: those whose device the run did not read have left Intune.
   */
  removalCandidates(
    connectionId: string,
    tenantId: string,
    runId: string,
  ): Promise<{ id: string; intuneDeviceId: string; name: string }[]>;
  /** Marks assets deleted from Intune with a status; logs each. */
  markRemoved(
    target: { runId: string; connectionId: string; tenantId: string },
    removals: readonly {
      assetId: string;
      intuneDeviceId: string;
      statusName: string;
      reason: string;
      name: string;
    }[],
  ): Promise<number>;
}

export function createAssetImportRepository(db: Database): AssetImportRepository {
  return {
    async tenantMappings(connectionId, tenantIds) {
      const only = tenantIds ? sql`and m.tenant_id = any(${arrayParam(tenantIds, 'uuid')})` : sql``;
      const rows = await queryRows<{
        tenant_id: string;
        customer_id: string | null;
        do_not_import: boolean;
        exclude_from_intune: boolean;
        default_site_id: string | null;
      }>(
        db,
        sql`select m.tenant_id, m.customer_id, m.do_not_import, m.exclude_from_intune,
                   coalesce(ms.id, ds.id) as default_site_id
            from tenant_mappings m
            left join sites ms on ms.id = m.default_site_id and ms.customer_id = m.customer_id and not ms.inactive
            left join sites ds on ds.customer_id = m.customer_id and ds.is_default and not ds.inactive
            where m.connection_id = ${connectionId} ${only}
            order by m.tenant_id`,
      );
      return rows.map((r) => ({
        tenantId: r.tenant_id.toLowerCase(),
        customerId: r.customer_id,
        doNotImport: r.do_not_import,
        excludeFromIntune: r.exclude_from_intune,
        defaultSiteId: r.default_site_id,
      }));
    },

    async site(siteId) {
      const [row] = await queryRows<{ id: string; customer_id: string }>(
        db,
        sql`select id, customer_id from sites where id = ${siteId} and not inactive`,
      );
      return row ? { id: row.id, customerId: row.customer_id } : undefined;
    },

    async defaultSites(customerIds) {
      if (!customerIds.length) return new Map();
      const rows = await queryRows<{ id: string; customer_id: string }>(
        db,
        sql`select id, customer_id from sites
            where customer_id = any(${arrayParam(customerIds, 'uuid')}) and is_default and not inactive`,
      );
      return new Map(rows.map((r) => [r.customer_id, r.id]));
    },

    async byDeviceIds(tenantId, deviceIds) {
      if (!deviceIds.length) return [];
      const rows = await queryRows<AssetRow>(
        db,
        sql`select ${ASSET_COLUMNS} from ${ASSET_FROM}
            where a.tenant_id = ${tenantId} and a.intune_device_id = any(${arrayParam(deviceIds, 'text')})`,
      );
      return rows.map(recordOf);
    },

    async byMatchKeys(customerIds, keys) {
      if (!keys.length || !customerIds.length) return [];
      const rows = await queryRows<AssetRow>(
        db,
        sql`select ${ASSET_COLUMNS} from ${ASSET_FROM}
            where a.customer_id = any(${arrayParam(customerIds, 'uuid')})
              and a.match_key = any(${arrayParam(keys, 'text')})
              and (a.intune_device_id is null or a.removed_at is not null)`,
      );
      return rows.map(recordOf);
    },

    async users(scope, identifier, values) {
      const scopeSql = scope.customerId
        ? sql`u.customer_id = ${scope.customerId}`
        : sql`u.tenant_id = ${scope.tenantId}`;
      if (identifier === 'entraObjectId') {
        const ids = values.filter((v) => isGuid(v)).map((v) => v.toLowerCase());
        if (!ids.length) return [];
        const rows = await queryRows<{ value: string; id: string; customer_id: string; site_id: string }>(
          db,
          sql`select u.entra_object_id::text as value, u.id, u.customer_id, u.site_id from desk_users u
              where ${scopeSql} and u.tenant_id = ${scope.tenantId}
                and u.entra_object_id = any(${arrayParam(ids, 'uuid')})`,
        );
        return rows.map((r) => ({
          identifier,
          value: r.value,
          id: r.id,
          customerId: r.customer_id,
          siteId: r.site_id,
        }));
      }
      const lower = [...new Set(values.map((v) => v.toLowerCase()))];
      if (!lower.length) return [];
      const column = sql.raw(`u.${USER_COLUMN[identifier]}`);
      const rows = await queryRows<{ value: string; id: string; customer_id: string; site_id: string }>(
        db,
        sql`select lower(${column}) as value, u.id, u.customer_id, u.site_id from desk_users u
            where ${scopeSql} and lower(${column}) = any(${arrayParam(lower, 'text')})`,
      );
      return rows.map((r) => ({
        identifier,
        value: r.value,
        id: r.id,
        customerId: r.customer_id,
        siteId: r.site_id,
      }));
    },

    async applyPage(write) {
      const all = [...write.creates.map((c) => c.values), ...write.updates.map((u) => u.values)];
      const named = await ensureNames(db, {
        types: all.map((v) => v.typeName),
        statuses: all.map((v) => v.statusName),
      });
      const types = named.asset_types;
      const statuses = named.asset_statuses;
      const typeId = (v: AssetWriteValues) => types.get(v.typeName.toLowerCase())!;
      const statusId = (v: AssetWriteValues) => statuses.get(v.statusName.toLowerCase())!;
      const written: Record<string, number> = { assets: 0, inbound_log: 0 };

      if (write.creates.length) {
        const c = write.creates;
        const input = bulkRows([
          { name: 'customer_id', type: 'uuid', values: c.map((x) => x.values.customerId) },
          { name: 'site_id', type: 'uuid', values: c.map((x) => x.values.siteId) },
          { name: 'desk_user_id', type: 'uuid', values: c.map((x) => x.values.deskUserId) },
          { name: 'type_id', type: 'uuid', values: c.map((x) => typeId(x.values)) },
          { name: 'status_id', type: 'uuid', values: c.map((x) => statusId(x.values)) },
          { name: 'name', type: 'text', values: c.map((x) => x.values.name) },
          { name: 'serial_number', type: 'text', values: c.map((x) => x.values.serialNumber) },
          { name: 'match_key', type: 'text', values: c.map((x) => x.values.matchKey) },
          { name: 'intune_device_id', type: 'text', values: c.map((x) => x.deviceId) },
          { name: 'fields', type: 'jsonb', values: c.map((x) => x.values.fields) },
        ]);
        const rows = await queryRows<{ id: string }>(
          db,
          sql`insert into assets (customer_id, site_id, desk_user_id, type_id, status_id, name, serial_number,
                                  match_key, intune_device_id, fields, source, connection_id, tenant_id,
                                  last_seen_at, last_seen_run_id)
              select i.customer_id, i.site_id, i.desk_user_id, i.type_id, i.status_id, i.name, i.serial_number,
                     i.match_key, i.intune_device_id, i.fields, 'intune', ${write.connectionId}::uuid,
                     ${write.tenantId}::uuid, now(), ${write.runId}::uuid
              from ${input} as i
              on conflict do nothing
              returning id`,
        );
        written.assets! += rows.length;
      }

      for (const u of write.updates) {
        const v = u.values;
        await db.execute(
          sql`update assets set customer_id = ${v.customerId}, site_id = ${v.siteId}, desk_user_id = ${v.deskUserId},
                type_id = ${typeId(v)}, status_id = ${statusId(v)}, name = ${v.name},
                serial_number = ${v.serialNumber}, match_key = ${v.matchKey},
                fields = ${JSON.stringify(v.fields)}::jsonb, connection_id = ${write.connectionId},
                tenant_id = ${write.tenantId}, intune_device_id = ${u.deviceId}, removed_at = null,
                last_seen_at = now(), last_seen_run_id = ${write.runId}, revision = revision + 1, updated_at = now()
              where id = ${u.assetId}`,
        );
        written.assets! += 1;
      }

      if (write.unchangedIds.length) {
        // Rewriting every unchanged row on every run would cost a full-table update per round; the
        // last sighting of an unchanged device is refreshed a few times a day instead.
        await db.execute(
          sql`update assets set last_seen_at = now(), last_seen_run_id = ${write.runId}
              where id = any(${arrayParam(write.unchangedIds, 'uuid')})
                and (last_seen_at is null or last_seen_at < now() - ${sql.raw(`interval '${LAST_SEEN_REFRESH_HOURS} hours'`)})`,
        );
      }

      written.inbound_log = await writeLog(db, write, write.log);
      return written;
    },

    async removalCandidates(connectionId, tenantId, runId) {
      const rows = await queryRows<{ id: string; intune_device_id: string; name: string }>(
        db,
        sql`select id, intune_device_id, name from assets
            where connection_id = ${connectionId} and tenant_id = ${tenantId} and intune_device_id is not null
              and removed_at is null
              -- Written since this run started (by this run, or another run of the tenant at the same
              -- time, such as a manual one beside the schedule): its device is in Intune.
              and updated_at < (select started_at from sync_runs where id = ${runId}::uuid)`,
      );
      return rows.map((r) => ({ id: r.id, intuneDeviceId: r.intune_device_id, name: r.name }));
    },

    async markRemoved(target, removals) {
      if (!removals.length) return 0;
      const statuses = (await ensureNames(db, { types: [], statuses: removals.map((r) => r.statusName) }))
        .asset_statuses;
      const input = bulkRows([
        { name: 'id', type: 'uuid', values: removals.map((r) => r.assetId) },
        {
          name: 'status_id',
          type: 'uuid',
          values: removals.map((r) => statuses.get(r.statusName.toLowerCase())),
        },
      ]);
      await db.execute(
        sql`update assets a set status_id = i.status_id, removed_at = now(), revision = a.revision + 1, updated_at = now()
            from ${input} as i where a.id = i.id`,
      );
      await writeLog(
        db,
        { ...target },
        removals.map((r) => ({
          deviceId: r.intuneDeviceId,
          action: 'removed',
          reasonCode: 'removed.deletedFromIntune',
          reason: r.reason,
          name: r.name,
        })),
      );
      return removals.length;
    },
  };
}

async function writeLog(
  db: Database,
  target: { runId: string; connectionId: string; tenantId: string },
  entries: AssetPageWrite['log'],
): Promise<number> {
  if (!entries.length) return 0;
  const input = bulkRows([
    { name: 'external_id', type: 'text', values: entries.map((e) => e.deviceId) },
    { name: 'action', type: 'text', values: entries.map((e) => e.action) },
    { name: 'reason_code', type: 'text', values: entries.map((e) => e.reasonCode) },
    { name: 'reason', type: 'text', values: entries.map((e) => e.reason) },
    { name: 'details', type: 'jsonb', values: entries.map((e) => ({ displayName: e.name })) },
  ]);
  await db.execute(
    sql`insert into inbound_log (sync_run_id, connection_id, tenant_id, entity_type, external_id, action, reason_code, reason, details)
        select ${target.runId}::uuid, ${target.connectionId}::uuid, ${target.tenantId}::uuid, 'asset', i.external_id,
               i.action, i.reason_code, i.reason, i.details
        from ${input} as i`,
  );
  return entries.length;
}
