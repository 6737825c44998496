import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { pageSize, type Page } from '../pagination.js';
import { queryRows } from '../sql-rows.js';
import { assets } from '../schema/assets.js';
import { afterCursor, toPage, type KeysetOrder } from './keyset-page.js';
import { containsPattern } from './like-pattern.js';

/** An asset as the desk lists it, with the names of what it refers to. */
export interface AssetListRow {
  id: string;
  customerId: string;
  customerName: string;
  siteId: string;
  siteName: string;
  deskUserId: string | null;
  deskUserName: string | null;
  assetType: string;
  status: string;
  name: string;
  serialNumber: string | null;
  matchKey: string | null;
  source: string;
  connectionId: string | null;
  tenantId: string | null;
  intuneDeviceId: string | null;
  fields: Record<string, string>;
  lastSeenAt: Date | null;
  removedAt: Date | null;
  updatedAt: Date;
}

export interface AssetListOptions {
  customerId?: string | undefined;
  search?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
  removed?: 'include' | 'exclude' | 'only' | undefined;
}

const ORDER: KeysetOrder = {
  expression: sql`lower(assets.name) collate "C"`,
  type: 'text',
  id: assets.id,
  idType: 'uuid',
  direction: 'asc',
};

interface Row {
  id: string;
  customer_id: string;
  customer_name: string;
  site_id: string;
  site_name: string;
  desk_user_id: string | null;
  desk_user_name: string | null;
  asset_type: string;
  status: string;
  name: string;
  serial_number: string | null;
  match_key: string | null;
  source: string;
  connection_id: string | null;
  tenant_id: string | null;
  intune_device_id: string | null;
  fields: Record<string, string>;
  last_seen_at: string | Date | null;
  removed_at: string | Date | null;
  updated_at: string | Date;
  sort_key: string;
}

const date = (v: string | Date | null) => (v === null ? null : new Date(v));

const rowOf = (r: Row): AssetListRow => ({
  id: r.id,
  customerId: r.customer_id,
  customerName: r.customer_name,
  siteId: r.site_id,
  siteName: r.site_name,
  deskUserId: r.desk_user_id,
  deskUserName: r.desk_user_name,
  assetType: r.asset_type,
  status: r.status,
  name: r.name,
  serialNumber: r.serial_number,
  matchKey: r.match_key,
  source: r.source,
  connectionId: r.connection_id,
  tenantId: r.tenant_id,
  intuneDeviceId: r.intune_device_id,
  fields: r.fields,
  lastSeenAt: date(r.last_seen_at),
  removedAt: date(r.removed_at),
  updatedAt: new Date(r.updated_at),
});

const SELECT = sql`select assets.id, assets.customer_id, c.name as customer_name, assets.site_id, s.name as site_name,
    assets.desk_user_id, u.display_name as desk_user_name, t.name as asset_type, st.name as status, assets.name,
    assets.serial_number, assets.match_key, assets.source, assets.connection_id, assets.tenant_id, assets.intune_device_id, assets.fields,
    assets.last_seen_at, assets.removed_at, assets.updated_at, (lower(assets.name) collate "C")::text as sort_key
  from assets
  join customers c on c.id = assets.customer_id
  join sites s on s.id = assets.site_id
  join asset_types t on t.id = assets.type_id
  join asset_statuses st on st.id = assets.status_id
  left join desk_users u on u.id = assets.desk_user_id`;

function filters(options: AssetListOptions): SQL[] {
  const where: SQL[] = [];
  if (options.customerId) where.push(sql`assets.customer_id = ${options.customerId}`);
  if (options.removed === 'exclude') where.push(sql`assets.removed_at is null`);
  if (options.removed === 'only') where.push(sql`assets.removed_at is not null`);
  const pattern = containsPattern(options.search);
  if (pattern) {
    where.push(sql`(assets.name ilike ${pattern} or assets.serial_number ilike ${pattern} or u.display_name ilike ${pattern}
      or t.name ilike ${pattern} or c.name ilike ${pattern})`);
  }
  return where;
}

const whereOf = (parts: SQL[]) => (parts.length ? sql`where ${sql.join(parts, sql` and `)}` : sql``);

/** The desk's asset lists and an asset's detail. */
export interface AssetQueryRepository {
  list(options: AssetListOptions): Promise<Page<AssetListRow>>;
  count(options: AssetListOptions): Promise<number>;
  findById(id: string): Promise<AssetListRow | undefined>;
}

export function createAssetQueryRepository(db: Database): AssetQueryRepository {
  return {
    async list(options) {
      const limit = pageSize(options.limit);
      const parts = filters(options);
      const after = afterCursor(ORDER, options.cursor);
      if (after) parts.push(after);
      const rows = await queryRows<Row>(
        db,
        sql`${SELECT} ${whereOf(parts)} order by lower(assets.name) collate "C", assets.id limit ${limit + 1}`,
      );
      return toPage(
        rows.map((r) => ({ item: rowOf(r), sortKey: r.sort_key, id: r.id })),
        limit,
      );
    },

    async count(options) {
      const [row] = await queryRows<{ n: number | string }>(
        db,
        sql`select count(*) as n from assets
            join customers c on c.id = assets.customer_id
            join asset_types t on t.id = assets.type_id
            left join desk_users u on u.id = assets.desk_user_id
            ${whereOf(filters(options))}`,
      );
      return Number(row?.n ?? 0);
    },

    async findById(id) {
      const [row] = await queryRows<Row>(db, sql`${SELECT} where assets.id = ${id}`);
      return row ? rowOf(row) : undefined;
    },
  };
}

/** Asset type and status names the desk has, for the configuration form's suggestions. */
export async function assetNames(db: Database): Promise<{ types: string[]; statuses: string[] }> {
  const [types, statuses] = await Promise.all([
    queryRows<{ name: string }>(db, sql`select name from asset_types order by lower(name) limit 500`),
    queryRows<{ name: string }>(db, sql`select name from asset_statuses order by lower(name) limit 500`),
  ]);
  return { types: types.map((r) => r.name), statuses: statuses.map((r) => r.name) };
}
