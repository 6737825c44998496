import { randomUUID } from 'node:crypto';
import { emulatorBehaviourSchema, type EmulatorBehaviour } from '../../../../src/emulator/config.js';
import type { Emulator } from '../../../../src/emulator/index.js';
import { createRng, guid } from '../../../../src/emulator/ids.js';
import type { GroupRecord, TenantRecord, UserRecord } from '../../../../src/emulator/state/types.js';
import { mintToken, startEmulator } from '../../../support/emulator.js';

/** Tokens outlive the clock jumps of expiry tests (delta tokens live 7 days). */
const TOKEN_LIFETIME_SECONDS = 90 * 24 * 3600;

/** One emulator per test file: generating its CA and keys is the slow part of a test. */
export function startDeltaEmulator(): Promise<Emulator> {
  return startEmulator({ preset: 'empty' });
}

/** A fresh tenant of named users, built silently (no change-log entries), and a token for it. */
export interface DeltaFixture {
  emu: Emulator;
  tenant: TenantRecord;
  token: string;
  /** Deterministic GUIDs for new objects. */
  nextId(): string;
  addUser(displayName: string, extra?: Record<string, unknown>): UserRecord;
  addGroup(displayName: string, memberIds?: string[]): GroupRecord;
  /** Another tenant and a token for it, for cross-tenant checks. */
  otherTenant(roles?: string[]): Promise<{ tenant: TenantRecord; token: string }>;
  get(url: string, headers?: Record<string, string>): ReturnType<Emulator['inject']>;
  /** Follows nextLinks from `url` to the deltaLink. */
  round(url: string, headers?: Record<string, string>): Promise<DeltaRound>;
}

export interface DeltaRound {
  pages: Record<string, unknown>[];
  values: Record<string, unknown>[];
  deltaLink: string;
}

async function newTenant(emu: Emulator, roles: string[]): Promise<{ tenant: TenantRecord; token: string }> {
  const id = randomUUID();
  const name = `t${id.slice(0, 8)}`;
  const tenant = emu.estate.createTenant({ id, displayName: name, initialDomain: `${name}.onmicrosoft.com` });
  const token = await mintToken(emu, { tenantId: id, roles, lifetimeSeconds: TOKEN_LIFETIME_SECONDS });
  return { tenant, token };
}

/**
 * Creates a tenant on `emu` and resets the Graph behaviour switches to their defaults plus `graph`
 * (the switches are emulator-wide and tests of one file share the emulator).
 */
export async function createDeltaFixture(
  emu: Emulator,
  options: { graph?: Partial<EmulatorBehaviour['graph']>; roles?: string[] } = {},
): Promise<DeltaFixture> {
  Object.assign(emu.behaviour.graph, emulatorBehaviourSchema.parse({}).graph, options.graph ?? {});
  const { tenant, token } = await newTenant(emu, options.roles ?? ['User.Read.All', 'Group.Read.All']);
  const domain = tenant.initialDomain;
  const rng = createRng(42);
  const get = (url: string, headers: Record<string, string> = {}) =>
    emu.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}`, ...headers } });

  return {
    emu,
    tenant,
    token,
    nextId: () => guid(rng),
    addUser(displayName, extra = {}) {
      const [givenName, surname] = displayName.split(' ');
      const nick = displayName.toLowerCase().replace(/[^a-z]/g, '');
      return emu.estate.addUser(
        tenant,
        {
          id: guid(rng),
          displayName,
          givenName,
          surname,
          userPrincipalName: `${nick}@${domain}`,
          mail: `${nick}@${domain}`,
          accountEnabled: true,
          ...extra,
        },
        { silent: true },
      );
    },
    addGroup(displayName, memberIds = []) {
      const group = emu.estate.addGroup(
        tenant,
        {
          id: guid(rng),
          displayName,
          description: `${displayName} group`,
          mailEnabled: false,
          securityEnabled: true,
          groupTypes: [],
        },
        { kind: 'security' },
        { silent: true },
      );
      for (const m of memberIds) {
        emu.estate.addMember(tenant, group.props.id, m, '#microsoft.graph.user', { silent: true });
      }
      return group;
    },
    otherTenant: (roles = ['User.Read.All', 'Group.Read.All']) => newTenant(emu, roles),
    get,
    async round(url, headers = {}) {
      const pages: Record<string, unknown>[] = [];
      let next = url;
      for (;;) {
        const res = await get(next, headers);
        if (res.status !== 200)
          throw new Error(`delta page ${next} answered ${res.status}: ${JSON.stringify(res.body)}`);
        const body = res.body as Record<string, unknown>;
        pages.push(body);
        if (typeof body['@odata.deltaLink'] === 'string') {
          const values = pages.flatMap((p) => p.value as Record<string, unknown>[]);
          return { pages, values, deltaLink: body['@odata.deltaLink'] };
        }
        next = body['@odata.nextLink'] as string;
      }
    },
  };
}

/**
 * Shapes of Microsoft's documented delta exchanges (shared/reference/microsoft-examples, from
 * delta-query-users.md and delta-query-groups.md), as sorted key lists.
 */
export const EXAMPLE_SHAPES = {
  /** 02a/02b: a page inside a round. */
  pageWithNextLink: ['@odata.context', '@odata.nextLink', 'value'],
  /** 02c/02e/03e: the last page of a round. */
  pageWithDeltaLink: ['@odata.context', '@odata.deltaLink', 'value'],
  /** 02a with `$select=displayName,givenName,surname`. */
  selectedUser: ['displayName', 'givenName', 'id', 'surname'],
  /** 02a (`deleted`) and 02e (`changed`). */
  removed: ['@removed', 'id'],
  /** 03e with `$select=displayName,description` (members by default). */
  groupWithMembers: ['description', 'displayName', 'id', 'members@delta'],
  memberAdded: ['@odata.type', 'id'],
  memberRemoved: ['@odata.type', '@removed', 'id'],
} as const;

/** Sorted keys of an object, for comparing shapes with the examples. */
export const keysOf = (o: unknown): string[] => Object.keys(o as object).sort();
