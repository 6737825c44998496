import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import type { HrImport } from '../../../src/contracts/api/hr-imports.js';
import type { HrRulesView } from '../../../src/contracts/api/hr-rules.js';
import type { HrRun } from '../../../src/contracts/api/hr-runs.js';
import type { HrSourceInput } from '../../../src/contracts/hr/source.js';
import { call } from '../access/fixtures.js';
import { startLicenceWorld, type LicenceWorld } from '../licences/licence-world.js';

/** CSV columns of the test source: one row per contract. */
export const CSV_HEADER = 'Personnel no;First name;Last name;Department;Job title;Location;Manager;Start;End';

export interface HrWorld extends LicenceWorld {
  domain: string;
  /** Creates a CSV source for the world's customer; returns its id. */
  csvSource(patch?: Partial<HrSourceInput>): Promise<string>;
  upload(sourceId: string, rows: string[]): Promise<HrImport>;
  /**
   * Publishes the source's draft rules (a new source's: everyone has an account), without
   * enforcing unless asked.
   */
  publishDraft(sourceId: string, options?: { enforce?: boolean }): Promise<void>;
  /** Waits for the newest run of the source to finish, and returns it. */
  finishedRun(sourceId: string, after?: string): Promise<HrRun>;
  /** Users of the tenant carrying this employee id. */
  usersWithEmployeeId(employeeId: string): Record<string, unknown>[];
  group(name: string): string;
  groupNamed(name: string): { id: string; members: Set<string> } | null;
}

/** A customer with an Entra tenant (users imported, licences managed, groups writable and creatable). */
export async function startHrWorld(): Promise<HrWorld> {
  const w = await startLicenceWorld({
    workers: true,
    people: 3,
    extraGraphRoles: ['GroupMember.ReadWrite.All', 'Group.Create'],
  });
  await w.importUsers();
  const domain = w.tenant().domains[0]!.id;
  const estate = w.world.emu.estate;
  return {
    ...w,
    domain,
    async csvSource(patch = {}) {
      const res = await call(w.app, w.admin, 'POST', '/api/hr/sources', {
        name: `HR ${randomUUID().slice(0, 6)}`,
        kind: 'csv',
        customerId: w.customerId,
        tenantId: w.s.tenantId,
        domain,
        naming: { format: 'firstname.lastname' },
        csv: {
          delimiter: ';',
          columns: {
            employeeId: 'Personnel no',
            givenName: 'First name',
            surname: 'Last name',
            department: 'Department',
            title: 'Job title',
            location: 'Location',
            managerEmployeeId: 'Manager',
            startDate: 'Start',
            endDate: 'End',
          },
        },
        ...patch,
      });
      expect(res.statusCode, res.body).toBe(201);
      return (res.json() as { source: { id: string } }).source.id;
    },
    async upload(sourceId, rows) {
      const res = await call(w.app, w.admin, 'POST', `/api/hr/sources/${sourceId}/imports`, {
        fileName: 'people.csv',
        csv: [CSV_HEADER, ...rows].join('\r\n'),
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as HrImport;
    },
    async publishDraft(sourceId, { enforce = false } = {}) {
      const rules = (
        await call(w.app, w.admin, 'GET', `/api/hr/sources/${sourceId}/rules`)
      ).json() as HrRulesView;
      const published = await call(w.app, w.admin, 'POST', `/api/hr/sources/${sourceId}/rules/publish`, {
        draftUpdatedAt: rules.draftUpdatedAt,
        enforce,
      });
      expect(published.statusCode, published.body).toBe(200);
    },
    async finishedRun(sourceId, after) {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const res = await call(w.app, w.admin, 'GET', `/api/hr/sources/${sourceId}/runs?limit=1`);
        expect(res.statusCode, res.body).toBe(200);
        const [run] = (res.json() as { items: HrRun[] }).items;
        if (run && run.id !== after && run.status !== 'running') return run;
        if (Date.now() > deadline) throw new Error(`no finished run for ${sourceId}: ${res.body}`);
        await sleep(100);
      }
    },
    usersWithEmployeeId(employeeId) {
      return [...w.tenant().users.values()]
        .filter((u) => u.props.employeeId === employeeId)
        .map((u) => u.props);
    },
    group(name) {
      return estate.addGroup(
        w.tenant(),
        { id: randomUUID(), displayName: name },
        { kind: 'security', dynamic: false },
      ).props.id as string;
    },
    groupNamed(name) {
      const group = [...w.tenant().groups.values()].find((g) => g.props.displayName === name);
      return group ? { id: group.props.id as string, members: new Set(group.members.keys()) } : null;
    },
  };
}
