import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HrImport } from '../../../src/contracts/api/hr-imports.js';
import type { HrEventView, HrPersonDetail } from '../../../src/contracts/api/hr-persons.js';
import type { HrRun } from '../../../src/contracts/api/hr-runs.js';
import { call } from '../access/fixtures.js';
import { startHrJsonServer, type HrJsonServer } from './hr-json-server.js';
import { startHrWorld, type HrWorld } from './hr-world.js';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const TOKEN = 'hr-api-token-1';

describe('HR write-back: a JSON source over HTTPS learns the UPN and e-mail of its accounts', () => {
  let w: HrWorld;
  let hr: HrJsonServer;
  let sourceId: string;

  const ann = (surname: string) => ({
    id: 'E100',
    first: 'Ann',
    last: surname,
    dept: 'Sales',
    start: day(-10),
  });
  const bob = { id: 'HR/7', first: 'Bob', last: 'Birch', dept: 'Finance', start: day(-10) };

  /** The newest run so far (none before the first), finished. */
  const lastRun = async () => {
    const res = await call(w.app, w.admin, 'GET', `/api/hr/sources/${sourceId}/runs?limit=1`);
    return (res.json() as { items: HrRun[] }).items.length === 0 ? null : w.finishedRun(sourceId);
  };
  /** Reads the source now (an import; enforcement follows) and waits for that enforcement. */
  const readSource = async (): Promise<{ imported: HrImport; run: HrRun }> => {
    const before = await lastRun();
    const res = await call(w.app, w.admin, 'POST', `/api/hr/sources/${sourceId}/read`);
    expect(res.statusCode, res.body).toBe(200);
    const [imported] = (res.json() as { imports: HrImport[] }).imports;
    return { imported: imported!, run: await w.finishedRun(sourceId, before?.id) };
  };
  const enforce = async () => {
    const before = await lastRun();
    const res = await call(w.app, w.admin, 'POST', `/api/hr/sources/${sourceId}/runs`, { dryRun: false });
    expect(res.statusCode, res.body).toBe(202);
    return w.finishedRun(sourceId, before?.id);
  };
  const person = async (employeeId: string) => {
    const res = await call(
      w.app,
      w.admin,
      'GET',
      `/api/hr/sources/${sourceId}/persons/${encodeURIComponent(employeeId)}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as HrPersonDetail;
  };
  const writeBacks = async (employeeId: string) => {
    const res = await call(
      w.app,
      w.admin,
      'GET',
      `/api/hr/sources/${sourceId}/events?employeeId=${encodeURIComponent(employeeId)}&limit=100`,
    );
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: HrEventView[] }).items.filter((e) => e.action === 'writeBack');
  };

  beforeAll(async () => {
    w = await startHrWorld();
    hr = await startHrJsonServer(w.world.emu.info().caCertPath, TOKEN);
    hr.persons = [ann('Ash'), bob];
    const created = await call(w.app, w.admin, 'POST', '/api/hr/sources', {
      name: 'People API',
      kind: 'json',
      customerId: w.customerId,
      tenantId: w.s.tenantId,
      domain: w.domain,
      naming: { format: 'firstname.lastname' },
      json: {
        url: `${hr.origin}/people`,
        itemsPath: 'value',
        mapping: {
          employeeId: 'id',
          givenName: 'first',
          surname: 'last',
          department: 'dept',
          startDate: 'start',
        },
        writeBackUrl: `${hr.origin}/people/{employeeId}/account`,
      },
      jsonToken: TOKEN,
    });
    expect(created.statusCode, created.body).toBe(201);
    sourceId = (created.json() as { source: { id: string } }).source.id;
    // The starter rule (everyone has an account), published without enforcing: the read does.
    await w.publishDraft(sourceId);
  }, 120_000);
  afterAll(async () => {
    await hr?.close();
    await w?.close();
  });

  it('reads the source over HTTPS, creates the joiners and writes their UPN and e-mail back with the token', async () => {
    const { imported, run } = await readSource();
    expect(imported).toMatchObject({ status: 'applied', counts: { added: 2, problems: 0 } });
    expect(run).toMatchObject({ status: 'completed' });
    expect(run.counts).toMatchObject({ create: 2, writeBack: 2, failed: 0 });
    const annUpn = `ann.ash@${w.domain}`;
    const bobUpn = `bob.birch@${w.domain}`;
    expect(w.usersWithEmployeeId('E100')[0]).toMatchObject({ userPrincipalName: annUpn });
    expect(hr.writes).toEqual(
      expect.arrayContaining([
        {
          path: '/people/E100/account',
          authorization: `Bearer ${TOKEN}`,
          body: { userPrincipalName: annUpn, mail: annUpn },
          status: 204,
        },
        {
          path: '/people/HR%2F7/account',
          authorization: `Bearer ${TOKEN}`,
          body: { userPrincipalName: bobUpn, mail: bobUpn },
          status: 204,
        },
      ]),
    );
    expect(hr.writes).toHaveLength(2);
    expect(await person('E100')).toMatchObject({
      userPrincipalName: annUpn,
      mail: annUpn,
      pendingActions: 0,
      lastError: null,
      addressesToSource: 'writeBack',
      writtenBack: { userPrincipalName: annUpn, mail: annUpn },
    });
    const [event] = await writeBacks('E100');
    expect(event).toMatchObject({ event: 'joiner', result: 'done', message: null });
    expect(event!.request).toMatchObject({
      method: 'PATCH',
      url: `${hr.origin}/people/E100/account`,
      body: { userPrincipalName: annUpn, mail: annUpn },
    });
    expect(JSON.stringify(event)).not.toContain(TOKEN);
  });

  it('a second enforcement writes nothing back', async () => {
    const run = await enforce();
    expect(run.counts).toMatchObject({ personsWithActions: 0, writeBack: 0, failed: 0 });
    expect(hr.writes).toHaveLength(2);
  });

  it('a rename writes the new address back, once', async () => {
    hr.persons = [ann('Ashby'), bob];
    const { run } = await readSource();
    expect(run.counts).toMatchObject({ rename: 1, writeBack: 1, failed: 0 });
    const upn = `ann.ashby@${w.domain}`;
    expect(hr.writes.slice(2)).toEqual([
      {
        path: '/people/E100/account',
        authorization: `Bearer ${TOKEN}`,
        body: { userPrincipalName: upn, mail: upn },
        status: 204,
      },
    ]);
  });

  it('a source answering 500 shows the failure on the person; the next run tries again and succeeds', async () => {
    hr.persons = [ann('Ashton'), bob];
    hr.answers.push(500);
    const { run } = await readSource();
    const upn = `ann.ashton@${w.domain}`;
    // The account's own change is made; only the write-back waits for the next run.
    expect(run.counts).toMatchObject({ rename: 1, writeBack: 0 });
    expect(w.usersWithEmployeeId('E100')[0]).toMatchObject({ userPrincipalName: upn });
    const failed = await person('E100');
    expect(failed.lastError).toMatch(/HTTP 500/);
    // The source still has the address it was told before.
    expect(failed.writtenBack).toEqual({
      userPrincipalName: `ann.ashby@${w.domain}`,
      mail: `ann.ashby@${w.domain}`,
    });
    expect(failed.pending).toEqual([expect.objectContaining({ action: 'writeBack' })]);
    expect((await writeBacks('E100'))[0]).toMatchObject({ result: 'failed', message: failed.lastError });

    const retried = await enforce();
    expect(retried.counts).toMatchObject({ writeBack: 1, failed: 0 });
    const forThisChange = hr.writes.filter(
      (r) => (r.body as { userPrincipalName: string }).userPrincipalName === upn,
    );
    expect(forThisChange.map((r) => r.status)).toEqual([500, 204]);
    expect(await person('E100')).toMatchObject({ lastError: null, pendingActions: 0 });
    expect((await enforce()).counts).toMatchObject({ personsWithActions: 0 });
    expect(hr.writes).toHaveLength(5);
  });

  it('a source refusing the token says to save the current token', async () => {
    hr.persons = [ann('Ashe'), bob];
    hr.answers.push(401);
    await readSource();
    const refused = await person('E100');
    expect(refused.lastError).toMatch(/refused the token \(HTTP 401\).*save the current token on the source/);
    expect(hr.writes.at(-1)).toMatchObject({ status: 401, authorization: `Bearer ${TOKEN}` });
  });
});
