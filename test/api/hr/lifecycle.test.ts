import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HrSourceDetail } from '../../../src/contracts/api/hr-sources.js';
import type { HrEventView, HrPersonDetail, HrPersonSummary } from '../../../src/contracts/api/hr-persons.js';
import type { HrRulePreview, HrRulesView } from '../../../src/contracts/api/hr-rules.js';
import type { HrRule } from '../../../src/contracts/hr/rules.js';
import { call, givenAgent, type Caller } from '../access/fixtures.js';
import { CSV_HEADER, startHrWorld, type HrWorld } from './hr-world.js';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const RULES: HrRule[] = [
  {
    id: '0b3d5f4e-1111-4a4a-8a8a-000000000001',
    name: 'Everyone has an account',
    description: '',
    enabled: true,
    conditions: [],
    entitlements: [{ kind: 'account' }],
    dynamicGroups: [],
  },
  {
    id: '0b3d5f4e-1111-4a4a-8a8a-000000000002',
    name: 'Department groups',
    description: '',
    enabled: true,
    conditions: [{ field: 'department', operator: 'isSet', values: [] }],
    entitlements: [],
    dynamicGroups: [{ template: 'Dept-{department}', createMissing: true }],
  },
  {
    id: '0b3d5f4e-1111-4a4a-8a8a-000000000003',
    name: 'Engineers',
    description: '',
    enabled: true,
    conditions: [{ field: 'title', operator: 'startsWith', values: ['engineer'] }],
    entitlements: [{ kind: 'group', name: 'Engineers' }],
    dynamicGroups: [],
  },
];

describe('HR lifecycle: a CSV source drives joiners, movers and leavers in Entra', () => {
  let w: HrWorld;
  let sourceId: string;
  let reader: Caller;
  let engineers: string;

  const person = async (employeeId: string) => {
    const res = await call(w.app, w.admin, 'GET', `/api/hr/sources/${sourceId}/persons/${employeeId}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as HrPersonDetail;
  };
  const enforce = async () => {
    const before = await w.finishedRun(sourceId).catch(() => null);
    const res = await call(w.app, w.admin, 'POST', `/api/hr/sources/${sourceId}/runs`, { dryRun: false });
    expect(res.statusCode, res.body).toBe(202);
    return w.finishedRun(sourceId, before?.id);
  };

  beforeAll(async () => {
    w = await startHrWorld();
    engineers = w.group('Engineers');
    reader = await givenAgent(w.app.deps.db, { permissions: ['hr.read'] });
    sourceId = await w.csvSource({
      lifecycle: {
        createDaysBeforeStart: null,
        enableDaysBeforeStart: 3,
        deleteAfterDays: null,
        revokeSessionsOnLeave: true,
        renameOnNameChange: true,
      },
    });
  }, 120_000);
  afterAll(() => w?.close());

  it('refuses a source whose domain the tenant has not verified, naming the field, and saves nothing', async () => {
    const before = (await call(w.app, w.admin, 'GET', '/api/hr/sources')).json() as { items: unknown[] };
    const res = await call(w.app, w.admin, 'POST', '/api/hr/sources', {
      name: 'Wrong domain',
      kind: 'csv',
      customerId: w.customerId,
      tenantId: w.s.tenantId,
      domain: 'not-ours.example',
      naming: { format: 'firstname.lastname' },
      csv: { columns: { employeeId: 'id', givenName: 'first', surname: 'last', startDate: 'start' } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      expect.objectContaining({ field: 'domain', message: expect.stringContaining('not verified') }),
    ]);
    const after = (await call(w.app, w.admin, 'GET', '/api/hr/sources')).json() as { items: unknown[] };
    expect(after.items).toHaveLength(before.items.length);
  });

  it('imports persons, previews the draft rules and publishes them: joiners get accounts, groups and managers', async () => {
    const imported = await w.upload(sourceId, [
      `E100;Ann;Ash;Sales;Account manager;London;;${day(-30)};`,
      `E200;Bob;Birch;Engineering;Engineer II;Leeds;E100;${day(-30)};`,
      `E300;Cid;Cole;Engineering;Engineer I;Leeds;E100;${day(10)};`,
    ]);
    expect(imported).toMatchObject({ status: 'applied', counts: { added: 3, removed: 0, problems: 0 } });

    const saved = await call(w.app, w.admin, 'PUT', `/api/hr/sources/${sourceId}/rules`, { rules: RULES });
    expect(saved.statusCode, saved.body).toBe(200);
    const view = saved.json() as HrRulesView;
    expect(view).toMatchObject({ draftPending: true, publishedVersion: 0 });

    const previewed = await call(w.app, w.admin, 'POST', `/api/hr/sources/${sourceId}/rules/preview`);
    expect(previewed.statusCode, previewed.body).toBe(200);
    const preview = previewed.json() as HrRulePreview;
    expect(preview.totals).toMatchObject({ persons: 3, personsAffected: 3 });
    expect(preview.byEntitlement).toEqual(
      expect.arrayContaining([
        { kind: 'account', name: 'account', gains: 3, losses: 0 },
        expect.objectContaining({ kind: 'group', name: 'Dept-Engineering', gains: 2 }),
        expect.objectContaining({ kind: 'group', name: 'Engineers', gains: 2 }),
      ]),
    );
    expect(preview.missingGroups).toEqual(
      expect.arrayContaining([
        { name: 'Dept-Sales', willBeCreated: true },
        { name: 'Dept-Engineering', willBeCreated: true },
      ]),
    );
    expect(w.usersWithEmployeeId('E100')).toHaveLength(0);

    const published = await call(w.app, w.admin, 'POST', `/api/hr/sources/${sourceId}/rules/publish`, {
      draftUpdatedAt: view.draftUpdatedAt,
      enforce: true,
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ publishedVersion: 1, draftPending: false });
    const run = await w.finishedRun(sourceId);
    expect(run).toMatchObject({ status: 'completed', dryRun: false });
    expect(run.counts).toMatchObject({ create: 3, failed: 0 });

    const [ann] = w.usersWithEmployeeId('E100');
    const [bob] = w.usersWithEmployeeId('E200');
    const [cid] = w.usersWithEmployeeId('E300');
    expect(ann).toMatchObject({
      userPrincipalName: `ann.ash@${w.domain}`,
      accountEnabled: true,
      department: 'Sales',
      jobTitle: 'Account manager',
    });
    expect(bob).toMatchObject({ accountEnabled: true, department: 'Engineering' });
    // Cid starts in 10 days and is enabled 3 days before: created now, sign-in blocked.
    expect(cid).toMatchObject({ accountEnabled: false });
    expect(w.groupNamed('Dept-Sales')!.members).toEqual(new Set([ann!.id]));
    expect(w.groupNamed('Dept-Engineering')!.members).toEqual(new Set([bob!.id, cid!.id]));
    expect(w.groupNamed('Engineers')!.id).toBe(engineers);
    expect(w.groupNamed('Engineers')!.members).toEqual(new Set([bob!.id, cid!.id]));
    expect(w.tenant().users.get(String(bob!.id))!.managerId).toBe(ann!.id);

    const cidView = await person('E300');
    expect(cidView).toMatchObject({
      phase: 'preboarding',
      pendingActions: 0,
      userPrincipalName: `cid.cole@${w.domain}`,
    });
    const audit = await call(w.app, reader, 'GET', `/api/hr/sources/${sourceId}/events?employeeId=E200`);
    expect(audit.statusCode, audit.body).toBe(200);
    const events = (audit.json() as { items: HrEventView[] }).items;
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['create', 'setManager', 'addGroups', 'enable']),
    );
    const added = events.find((e) => e.action === 'addGroups')!;
    expect(added).toMatchObject({
      event: 'joiner',
      result: 'done',
      reasons: expect.arrayContaining(['Department groups', 'Engineers']),
    });
  });

  it('a second enforcement with nothing changed sends nothing to Microsoft', async () => {
    w.world.emu.counters.reset();
    const run = await enforce();
    expect(run.counts).toMatchObject({ personsWithActions: 0, failed: 0 });
    expect(w.world.emu.counters.total({ service: 'graph', tenantId: w.s.tenantId })).toBe(0);
  });

  it('movers: attributes change at attribute level, the department group follows, a renamed person keeps the old address as an alias', async () => {
    const [annBefore] = w.usersWithEmployeeId('E100');
    await w.upload(sourceId, [
      `E100;Ann;Ashby;Sales;Sales director;London;;${day(-30)};`,
      `E200;Bob;Birch;Sales;Engineer II;Leeds;E100;${day(-30)};`,
      `E300;Cid;Cole;Engineering;Engineer I;Leeds;E100;${day(10)};`,
    ]);
    const run = await w.finishedRun(sourceId);
    expect(run.counts, JSON.stringify({ run, ann: await person('E100') })).toMatchObject({
      failed: 0,
      rename: 1,
    });
    const [ann] = w.usersWithEmployeeId('E100');
    const [bob] = w.usersWithEmployeeId('E200');
    expect(ann!.id).toBe(annBefore!.id);
    expect(ann).toMatchObject({
      userPrincipalName: `ann.ashby@${w.domain}`,
      jobTitle: 'Sales director',
      surname: 'Ashby',
    });
    expect(ann!.proxyAddresses).toEqual(
      expect.arrayContaining([`SMTP:ann.ashby@${w.domain}`, `smtp:ann.ash@${w.domain}`]),
    );
    expect(bob).toMatchObject({ department: 'Sales', jobTitle: 'Engineer II' });
    expect(w.groupNamed('Dept-Sales')!.members).toEqual(new Set([ann!.id, bob!.id]));
    expect(w.groupNamed('Dept-Engineering')!.members.has(String(bob!.id))).toBe(false);
    const bobEvents = (
      await call(w.app, w.admin, 'GET', `/api/hr/sources/${sourceId}/events?employeeId=E200&limit=50`)
    ).json() as { items: HrEventView[] };
    expect(bobEvents.items.filter((e) => e.event === 'mover').map((e) => e.action)).toEqual(
      expect.arrayContaining(['updateAttributes', 'removeGroups', 'addGroups']),
    );
  });

  it('an import that would remove more than the threshold is held until confirmed; then leavers are disabled and lose their groups', async () => {
    const held = await w.upload(sourceId, [`E300;Cid;Cole;Engineering;Engineer I;Leeds;E100;${day(10)};`]);
    expect(held.status).toBe('held');
    expect(held.heldReasons.join(' ')).toMatch(/would add or remove 66\.7% of 3 persons \(limit 10%\)/);
    const listed = (await call(w.app, w.admin, 'GET', `/api/hr/sources/${sourceId}/persons`)).json() as {
      items: HrPersonSummary[];
    };
    expect(listed.items.filter((p) => p.removedOn !== null)).toHaveLength(0);
    expect(w.usersWithEmployeeId('E100')[0]).toMatchObject({ accountEnabled: true });

    const refused = await call(
      w.app,
      reader,
      'POST',
      `/api/hr/sources/${sourceId}/imports/${held.id}/confirm`,
    );
    expect(refused.statusCode).toBe(403);
    const confirmed = await call(
      w.app,
      w.admin,
      'POST',
      `/api/hr/sources/${sourceId}/imports/${held.id}/confirm`,
    );
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed' });
    const run = await w.finishedRun(sourceId);
    expect(run.counts).toMatchObject({ disable: 2, failed: 0 });
    const [ann] = w.usersWithEmployeeId('E100');
    expect(ann).toMatchObject({ accountEnabled: false });
    expect(w.groupNamed('Dept-Sales')!.members.size).toBe(0);
    expect(await person('E100')).toMatchObject({ phase: 'left', pendingActions: 0 });
  });

  it('a dry run records what it would do and sends nothing', async () => {
    await w.upload(sourceId, [
      `E300;Cid;Cole;Engineering;Engineer I;Leeds;E100;${day(10)};`,
      `E400;Dee;Dunn;Finance;Analyst;York;;${day(-1)};`,
    ]);
    await w.finishedRun(sourceId);
    await w.upload(sourceId, [
      `E300;Cid;Cole;Engineering;Engineer I;Leeds;E100;${day(10)};`,
      `E400;Dee;Dunn;Finance;Senior analyst;York;;${day(-1)};`,
    ]);
    await w.finishedRun(sourceId);
    const paused = await call(w.app, w.admin, 'GET', `/api/hr/sources/${sourceId}`);
    expect(paused.statusCode).toBe(200);
    const published = await call(w.app, w.admin, 'PUT', `/api/hr/sources/${sourceId}/rules`, {
      rules: RULES.map((r) => (r.name === 'Engineers' ? { ...r, enabled: false } : r)),
    });
    expect(published.statusCode).toBe(200);
    const view = published.json() as HrRulesView;
    const done = await call(w.app, w.admin, 'POST', `/api/hr/sources/${sourceId}/rules/publish`, {
      draftUpdatedAt: view.draftUpdatedAt,
      enforce: false,
    });
    expect(done.statusCode, done.body).toBe(200);
    w.world.emu.counters.reset();
    const res = await call(w.app, w.admin, 'POST', `/api/hr/sources/${sourceId}/runs`, { dryRun: true });
    expect(res.statusCode, res.body).toBe(202);
    const run = await w.finishedRun(sourceId);
    expect(run).toMatchObject({ dryRun: true, status: 'completed' });
    expect(run.counts).toMatchObject({ removeGroups: 1 });
    expect(w.world.emu.counters.total({ service: 'graph', tenantId: w.s.tenantId })).toBe(0);
    const events = (
      await call(w.app, w.admin, 'GET', `/api/hr/sources/${sourceId}/events?runId=${run.id}`)
    ).json() as { items: HrEventView[] };
    expect(events.items).toEqual([
      expect.objectContaining({
        employeeId: 'E300',
        action: 'removeGroups',
        result: 'dryRun',
        event: 'rules',
      }),
    ]);
    expect(w.groupNamed('Engineers')!.members.size).toBe(1);
  });

  it('publishing a draft someone changed after the preview is refused', async () => {
    const res = await call(w.app, w.admin, 'POST', `/api/hr/sources/${sourceId}/rules/publish`, {
      draftUpdatedAt: '2020-01-01T00:00:00.000Z',
      enforce: false,
    });
    expect(res.statusCode).toBe(409);
  });

  it('exports the audit trail as CSV', async () => {
    const res = await call(
      w.app,
      reader,
      'GET',
      `/api/hr/sources/${sourceId}/events/export.csv?employeeId=E100`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe('at,employeeId,event,action,result,reasons,message,runId');
    expect(lines.slice(1).every((l) => l.split(',')[1] === 'E100')).toBe(true);
    expect(lines.some((l) => l.includes(',leaver,disable,done,'))).toBe(true);
  });

  it('imports each CSV file dropped in a watched folder once, then moves it to processed/', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'rollcall-hr-'));
    const base = (await call(w.app, w.admin, 'GET', `/api/hr/sources/${sourceId}`)).json() as HrSourceDetail;
    const watched = await w.csvSource({ csv: { ...base.settings.csv!, watchFolder: folder } });
    await writeFile(
      join(folder, 'week-49.csv'),
      [CSV_HEADER, `W1;Eve;Elm;Legal;Counsel;Bath;;${day(-2)};`].join('\n'),
    );
    const res = await call(w.app, w.admin, 'POST', `/api/hr/sources/${watched}/read`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().imports).toEqual([
      expect.objectContaining({ origin: 'folder', fileName: 'week-49.csv', status: 'applied' }),
    ]);
    expect(await readdir(folder)).toEqual(['processed']);
    expect(await readdir(join(folder, 'processed'))).toEqual([expect.stringMatching(/week-49\.csv$/)]);
    const again = await call(w.app, w.admin, 'POST', `/api/hr/sources/${watched}/read`);
    expect(again.json().imports).toEqual([]);
    const people = (await call(w.app, w.admin, 'GET', `/api/hr/sources/${watched}/persons`)).json() as {
      items: HrPersonSummary[];
    };
    expect(people.items.map((p) => p.employeeId)).toEqual(['W1']);
  });

  it('an agent with hr.read only cannot change a source, its rules or start a run', async () => {
    for (const [method, url, body] of [
      ['PUT', `/api/hr/sources/${sourceId}/rules`, { rules: RULES }],
      ['POST', `/api/hr/sources/${sourceId}/rules/publish`, { draftUpdatedAt: null }],
      ['POST', `/api/hr/sources/${sourceId}/runs`, { dryRun: true }],
      ['POST', `/api/hr/sources/${sourceId}/imports`, { csv: 'x' }],
    ] as const) {
      const res = await call(w.app, reader, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
  });
});
