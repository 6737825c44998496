import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HrPerson } from '../../src/contracts/hr/person.js';
import { AlreadyExistsError, schema, type DatabaseHandle } from '../../src/store/index.js';
import { createHrScimRepository, type HrScimWrite } from '../../src/store/repositories/hr-scim-repository.js';
import { givenCustomer } from './cases/fixtures.js';
import { openMigrated, testEngines } from './engines.js';

const today = '2026-12-06';

function write(employeeId: string, userName: string, changes: Partial<HrScimWrite> = {}): HrScimWrite {
  const person: HrPerson = {
    employeeId,
    givenName: 'Ada',
    surname: `Person ${employeeId}`,
    preferredName: null,
    middleName: null,
    displayName: null,
    personalEmail: null,
    mobilePhone: null,
    custom: {},
    contracts: [
      {
        id: '1',
        title: null,
        department: 'Research',
        costCentre: null,
        location: null,
        company: null,
        employeeType: null,
        managerEmployeeId: null,
        startDate: '2027-01-04',
        endDate: null,
      },
    ],
  };
  return {
    person,
    contentHash: createHash('sha256').update(JSON.stringify(person)).digest('hex'),
    displayName: `Ada ${person.surname}`,
    userName,
    externalId: `ext-${employeeId}`,
    active: true,
    ...changes,
  };
}

describe.each(testEngines())('HR SCIM repository on $name', (engine) => {
  let opened: Awaited<ReturnType<typeof openMigrated>> | undefined;
  const handle = (): DatabaseHandle => opened!.handle;
  beforeAll(async () => {
    opened = await openMigrated(engine);
  });
  afterAll(async () => {
    await opened?.dispose();
  });

  async function source(kind: 'scim' | 'csv' = 'scim') {
    const { customer } = await givenCustomer(handle().db);
    const [row] = await handle()
      .db.insert(schema.hrSources)
      .values({
        name: `SCIM ${randomUUID()}`,
        kind,
        customerId: customer.id,
        tenantId: randomUUID(),
        config: {},
        scimTokenHash: 'a'.repeat(64),
      })
      .returning();
    return { id: row!.id, repo: createHrScimRepository(handle().db) };
  }

  const stored = async (sourceId: string, employeeId: string) => {
    const rows = await handle()
      .db.select()
      .from(schema.hrPersons)
      .where(eq(schema.hrPersons.sourceId, sourceId));
    return rows.find((r) => r.employeeId === employeeId);
  };

  it('finds the source with its token hash; unknown or malformed ids are null', async () => {
    const { id, repo } = await source();
    expect(await repo.findSource(id)).toEqual({ id, kind: 'scim', scimTokenHash: 'a'.repeat(64) });
    expect(await repo.findSource(randomUUID())).toBeNull();
    expect(await repo.findSource('not-a-uuid')).toBeNull();
  });

  it('inserts, refuses duplicate userNames (any case) and employee ids, and reads back', async () => {
    const { id, repo } = await source();
    const created = await repo.insert(id, write('E1', 'ada@hr.example'), today);
    expect(created).toMatchObject({
      employeeId: 'E1',
      userName: 'ada@hr.example',
      active: true,
      removedOn: null,
    });
    expect(await repo.get(id, created.scimId)).toEqual(created);
    await expect(repo.insert(id, write('E2', 'ADA@hr.example'), today)).rejects.toMatchObject({
      field: 'userName',
    });
    await expect(repo.insert(id, write('E1', 'other@hr.example'), today)).rejects.toBeInstanceOf(
      AlreadyExistsError,
    );
    // Another source may hold the same userName and employee id.
    const other = await source();
    await expect(other.repo.insert(other.id, write('E1', 'ada@hr.example'), today)).resolves.toBeTruthy();
    expect(await other.repo.get(other.id, created.scimId)).toBeNull();
  });

  it('lists with filters and pages with the total', async () => {
    const { id, repo } = await source();
    const made = [];
    for (const n of [1, 2, 3, 4, 5])
      made.push(await repo.insert(id, write(`P${n}`, `p${n}@hr.example`), today));
    const page = await repo.list(id, { filter: null, startIndex: 2, count: 2 });
    expect(page.totalResults).toBe(5);
    expect(page.rows.map((r) => r.employeeId)).toEqual(['P2', 'P3']);
    expect((await repo.list(id, { filter: null, startIndex: 1, count: 0 })).rows).toEqual([]);
    const by = (attribute: 'userName' | 'externalId' | 'id' | 'employeeNumber', value: string) =>
      repo
        .list(id, { filter: { attribute, value }, startIndex: 1, count: 10 })
        .then((l) => l.rows.map((r) => r.employeeId));
    expect(await by('userName', 'P4@HR.example')).toEqual(['P4']);
    expect(await by('externalId', 'ext-P2')).toEqual(['P2']);
    expect(await by('employeeNumber', 'P5')).toEqual(['P5']);
    expect(await by('id', made[0]!.scimId)).toEqual(['P1']);
    expect(await by('id', 'nope')).toEqual([]);
    expect(await repo.scimIdsOf(id, ['P1', 'P9'])).toEqual(new Map([['P1', made[0]!.scimId]]));
    expect(await repo.employeeIdsOf(id, [made[1]!.scimId, 'x'])).toEqual(new Map([[made[1]!.scimId, 'P2']]));
  });

  it('replaces; inactive makes a leaver from today (the first day kept) and active clears it', async () => {
    const { id, repo } = await source();
    const created = await repo.insert(id, write('E1', 'e1@hr.example'), today);
    const off = await repo.replace(
      id,
      created.scimId,
      write('E1', 'e1@hr.example', { active: false, externalId: null }),
      today,
    );
    expect(off).toMatchObject({ active: false, removedOn: today, externalId: null });
    expect(await stored(id, 'E1')).toMatchObject({ scimActive: false, removedOn: today });
    await repo.replace(id, created.scimId, write('E1', 'e1@hr.example', { active: false }), '2026-12-09');
    expect((await stored(id, 'E1'))!.removedOn).toBe(today);
    const on = await repo.replace(
      id,
      created.scimId,
      write('E1', 'renamed@hr.example', { displayName: 'Ada R' }),
      today,
    );
    expect(on).toMatchObject({ active: true, removedOn: null, userName: 'renamed@hr.example' });
    expect((await stored(id, 'E1'))!.displayName).toBe('Ada R');
    await repo.insert(id, write('E2', 'e2@hr.example'), today);
    await expect(repo.replace(id, created.scimId, write('E1', 'E2@hr.example'), today)).rejects.toMatchObject(
      {
        field: 'userName',
      },
    );
    expect(await repo.replace(id, randomUUID(), write('E1', 'x@hr.example'), today)).toBeNull();
  });

  it('deletes as a leaver kept in the table, hidden from SCIM; the employee id can be pushed again', async () => {
    const { id, repo } = await source();
    const created = await repo.insert(id, write('E1', 'e1@hr.example'), today);
    expect(await repo.remove(id, created.scimId, today)).toBe(true);
    expect(await repo.remove(id, created.scimId, today)).toBe(false);
    expect(await repo.get(id, created.scimId)).toBeNull();
    expect((await repo.list(id, { filter: null, startIndex: 1, count: 10 })).totalResults).toBe(0);
    expect(await stored(id, 'E1')).toMatchObject({ removedOn: today, scimActive: false, scimUserName: null });
    const rehired = await repo.insert(id, write('E1', 'e1@hr.example'), '2027-02-01');
    expect(rehired.scimId).not.toBe(created.scimId);
    expect(rehired).toMatchObject({ active: true, removedOn: null });
  });

  it('creates an inactive person as a leaver from today', async () => {
    const { id, repo } = await source();
    expect(await repo.insert(id, write('E1', 'e1@hr.example', { active: false }), today)).toMatchObject({
      active: false,
      removedOn: today,
    });
  });
});
