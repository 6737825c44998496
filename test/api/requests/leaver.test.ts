import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../src/store/index.js';
import type { RequestDetail } from '../../../src/contracts/api/requests.js';
import { createRequestWorkflowDeps } from '../../../src/api/integrations/requests/workflow-deps.js';
import { runRequestWorkflow } from '../../../src/workflows/requests/run-workflow.js';
import { call } from '../access/fixtures.js';
import { EMS, startRequestWorld, type RequestWorld } from './request-world.js';

/** Leaver requests: approval, then at the leave date everything switched off, each step recorded. */
let w: RequestWorld;
let sales: string;
let distribution: string;

beforeAll(async () => {
  w = await startRequestWorld({ workers: false });
  sales = w.group('Sales');
  distribution = w.group('Everyone DL', 'distribution');
  await w.configure({ groups: ['Sales'] });
}, 120_000);
afterAll(async () => {
  await w?.close();
});

const workflow = (now: Date) =>
  createRequestWorkflowDeps({
    db: w.app.deps.db,
    secrets: w.app.deps.secrets,
    microsoft: w.app.deps.microsoft,
    now: () => now,
    notify: async () => {},
    sleep: async () => {},
  });
const view = async (id: string) =>
  (await call(w.app, w.admin, 'GET', `/api/requests/${id}`)).json() as RequestDetail;
const step = (r: RequestDetail, key: string) => r.steps.find((s) => s.key === key)!;

describe('a leaver', () => {
  it('blocks sign-in, revokes sessions, removes groups and licences and deactivates the desk user on the leave date, and deletes later', async () => {
    const leaver = w.s.id(3);
    const estate = w.world.emu.estate;
    estate.addMember(w.tenant(), sales, leaver, '#microsoft.graph.user');
    estate.addMember(w.tenant(), distribution, leaver, '#microsoft.graph.user');
    estate.setLicenses(w.tenant(), leaver, [{ skuId: EMS, disabledPlans: [] }], []);
    const seatsBefore = w.seats(EMS).consumed;
    const deskId = await w.deskId(3);

    const res = await call(w.app, w.requester, 'POST', '/api/portal/requests/leaver', {
      userId: deskId,
      leaveDate: '2027-01-29',
      deleteAfterDays: 30,
      handoverNotes: 'Mailbox to their manager',
    });
    expect(res.statusCode, res.body).toBe(201);
    const raised = res.json() as RequestDetail;
    expect(raised.summary).toMatch(/^Leaver: Person 3/);
    const approved = await call(w.app, w.approver, 'POST', `/api/requests/${raised.id}/decision`, {
      decision: 'approve',
      triggerAutomation: true,
    });
    expect(approved.statusCode, approved.body).toBe(200);

    // Before the leave date nothing changes.
    expect((await runRequestWorkflow(raised.id, workflow(new Date('2027-01-20T09:00:00Z')))).outcome).toBe(
      'waiting',
    );
    expect((await view(raised.id)).status).toBe('scheduled');
    expect(w.tenant().users.get(leaver)!.props.accountEnabled).toBe(true);

    const leaveDay = new Date('2027-01-29T00:10:00Z');
    expect((await runRequestWorkflow(raised.id, workflow(leaveDay))).outcome).toBe('waiting');
    const left = await view(raised.id);
    expect(left.steps.map((s) => [s.key, s.status])).toEqual([
      ['blockSignIn', 'done'],
      ['revokeSessions', 'done'],
      ['removeGroups', 'needsManual'],
      ['removeLicences', 'done'],
      ['deactivateDeskUser', 'done'],
      ['deleteUser', 'waiting'],
    ]);
    const user = w.tenant().users.get(leaver)!;
    expect(user.props.accountEnabled).toBe(false);
    expect(user.props.signInSessionsValidFromDateTime).toBeTruthy();
    expect(w.membersOf(sales).has(leaver)).toBe(false);
    expect(w.membersOf(distribution).has(leaver)).toBe(true); // Exchange-managed: a person does it
    expect(step(left, 'removeGroups').items).toEqual(
      expect.arrayContaining([
        { name: 'Sales', status: 'done', message: null },
        { name: 'Everyone DL', status: 'needsManual', message: expect.stringMatching(/Exchange/) },
      ]),
    );
    expect(user.props.assignedLicenses).toEqual([]);
    expect(w.seats(EMS).consumed).toBe(seatsBefore - 1);
    expect(step(left, 'removeLicences').detail).toBe(
      'Freed one seat of each: Enterprise Mobility + Security E3.',
    );
    const desk = await call(w.app, w.admin, 'GET', `/api/users/${deskId}`);
    expect(desk.json().inactive).toBe(true);
    expect(step(left, 'deleteUser')).toMatchObject({ dueAt: '2027-02-28T00:00:00.000Z' });
    expect(left.leaver).toMatchObject({ handoverNotes: 'Mailbox to their manager', deleteAfterDays: 30 });

    expect((await runRequestWorkflow(raised.id, workflow(new Date('2027-02-28T01:00:00Z')))).outcome).toBe(
      'completed',
    );
    expect(w.tenant().users.get(leaver)!.deletedAt).not.toBeNull(); // in the recycle bin
    expect((await view(raised.id)).status).toBe('completed');
  });

  it('is refused for a user not linked to the tenant, or already leaving, naming the field', async () => {
    const [unlinked] = await queryRows<{ id: string }>(
      w.app.deps.db,
      sql`insert into desk_users (customer_id, site_id, display_name)
          values (${w.customerId}, ${(await w.s.desk(1))!.siteId}, 'Paper Only') returning id`,
    );
    const refused = await call(w.app, w.requester, 'POST', '/api/portal/requests/leaver', {
      userId: unlinked!.id,
      leaveDate: '2027-01-29',
    });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({
      field: 'userId',
      message: expect.stringContaining('not linked to the organisation’s Microsoft tenant'),
    });

    const leave = () =>
      call(w.app, w.requester, 'POST', '/api/portal/requests/leaver', {
        userId: w.requester.deskUserId,
        leaveDate: '2027-03-01',
      });
    expect((await leave()).statusCode).toBe(201);
    const twice = await leave();
    expect(twice.statusCode, twice.body).toBe(409);
    expect(twice.json().message).toMatch(/already has an open leaver request REQ-\d{6}/);
  });
});

describe('raised by an agent', () => {
  it('raises a leaver for the customer from the console, with the agent as requester', async () => {
    const deskId = await w.deskId(5);
    const res = await call(w.app, w.admin, 'POST', `/api/customers/${w.customerId}/requests/leaver`, {
      userId: deskId,
      leaveDate: '2027-02-15',
      removeGroups: false,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      type: 'leaver',
      status: 'awaitingApproval',
      requestedBy: w.admin.displayName,
      leaver: { removeGroups: false, removeLicences: true },
    });
    const portal = await call(w.app, w.requester, 'POST', `/api/customers/${w.customerId}/requests/leaver`, {
      userId: deskId,
      leaveDate: '2027-02-15',
    });
    expect(portal.statusCode).toBe(403);
  });
});
