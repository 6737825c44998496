import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RequestDetail } from '../../../src/contracts/api/requests.js';
import { createRequestWorkflowDeps } from '../../../src/api/integrations/requests/workflow-deps.js';
import { createRequestWorkflowRepository, queryRows } from '../../../src/store/index.js';
import { runRequestWorkflow, type WorkflowDeps } from '../../../src/workflows/requests/run-workflow.js';
import { call } from '../access/fixtures.js';
import { EMS, SPB, startRequestWorld, type RequestWorld } from './request-world.js';

/**
 * The new-starter automation step by step: the workflow is run here (no worker) at chosen times,
 * so fallbacks, faults, a crash between steps and a future start date are deterministic.
 */
let w: RequestWorld;
let sales: string;
const events: string[] = [];

beforeAll(async () => {
  w = await startRequestWorld({ workers: false });
  sales = w.group('Sales');
  w.group('Sales Dynamic', 'security', true);
  await w.configure({
    groups: ['Sales', 'Sales Dynamic'],
    licences: [EMS, SPB],
    naming: { format: 'firstname.lastname', fallbacks: ['middleInitial', 'number'], maxNumber: 99 },
  });
}, 120_000);
afterAll(async () => {
  await w?.close();
});
beforeEach(() => {
  events.length = 0;
});

const created = () => w.world.emu.context.counters.total({ route: 'POST /users', tenantId: w.s.tenantId });

function workflow(now = () => new Date(), overrides: Partial<WorkflowDeps> = {}): WorkflowDeps {
  const { db, secrets, microsoft } = w.app.deps;
  return {
    ...createRequestWorkflowDeps({
      db,
      secrets,
      microsoft,
      now,
      notify: async (_id, event) => void events.push(event),
      sleep: async () => {},
    }),
    ...overrides,
  };
}

async function raise(body: Record<string, unknown>): Promise<RequestDetail> {
  const res = await call(w.app, w.requester, 'POST', '/api/portal/requests/new-starter', {
    startDate: '2020-01-06',
    usageLocation: 'GB',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as RequestDetail;
}

async function approved(body: Record<string, unknown>): Promise<RequestDetail> {
  const raised = await raise(body);
  const res = await call(w.app, w.approver, 'POST', `/api/requests/${raised.id}/decision`, {
    decision: 'approve',
    triggerAutomation: true,
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().status).toBe('inProgress');
  return res.json() as RequestDetail;
}

const view = async (id: string) =>
  (await call(w.app, w.admin, 'GET', `/api/requests/${id}`)).json() as RequestDetail;
const step = (r: RequestDetail, key: string) => r.steps.find((s) => s.key === key)!;

describe('addresses', () => {
  it('skips addresses already used as a sign-in name or an alias, middle initial before numbers', async () => {
    w.s.person(40, { userPrincipalName: `jane.smith@${w.domain}` });
    w.s.person(41, {
      userPrincipalName: `other41@${w.domain}`,
      proxyAddresses: [`smtp:jane.q.smith@${w.domain}`],
    });
    const preview = await call(w.app, w.requester, 'POST', '/api/portal/requests/new-starter/preview', {
      firstName: 'Jane',
      middleName: 'Quinn',
      lastName: 'Smith',
    });
    expect(preview.json()).toMatchObject({
      userPrincipalName: `jane.smith2@${w.domain}`,
      taken: [`jane.smith@${w.domain}`, `jane.q.smith@${w.domain}`],
      checkedAgainst: 'tenant',
    });
  });

  it('strips accents and keeps hyphens: José Núñez-Ávila becomes jose.nunez-avila', async () => {
    const request = await approved({ firstName: 'José', lastName: 'Núñez-Ávila' });
    expect(request.newStarter!.userPrincipalName).toBe(`jose.nunez-avila@${w.domain}`);
    expect((await runRequestWorkflow(request.id, workflow())).outcome).toBe('completed');
    const [user] = w.usersNamed(`jose.nunez-avila@${w.domain}`);
    expect(user!.props).toMatchObject({
      givenName: 'José',
      surname: 'Núñez-Ávila',
      displayName: 'José Núñez-Ávila',
    });
  });

  it('takes the next free address when the one chosen at submission was taken before approval', async () => {
    const request = await approved({ firstName: 'Ann', lastName: 'Lee' });
    expect(request.newStarter!.userPrincipalName).toBe(`ann.lee@${w.domain}`);
    w.s.person(42, { userPrincipalName: `ann.lee@${w.domain}`, givenName: 'Ann', surname: 'Lee' });
    expect((await runRequestWorkflow(request.id, workflow())).outcome).toBe('completed');
    const done = await view(request.id);
    expect(step(done, 'createUser').detail).toContain(
      `Created ann.lee2@${w.domain} (ann.lee@${w.domain} was taken)`,
    );
    expect(w.usersNamed(`ann.lee2@${w.domain}`)).toHaveLength(1);
  });
});

describe('when Microsoft cannot do everything', () => {
  it('fails the licence step visibly when no seats are left, keeps the rest, and finishes after a retry', async () => {
    const sku = w.tenant().skus.get(SPB)!;
    const seats = sku.prepaidUnits.enabled;
    sku.prepaidUnits.enabled = sku.consumedUnits;
    const request = await approved({
      firstName: 'Noah',
      lastName: 'Seat',
      groups: ['Sales'],
      licences: [SPB],
    });
    expect((await runRequestWorkflow(request.id, workflow())).outcome).toBe('failed');
    const failed = await view(request.id);
    expect(failed.status).toBe('failed');
    expect(step(failed, 'addToGroups').status).toBe('done');
    expect(step(failed, 'assignLicences')).toMatchObject({
      status: 'failed',
      error: { code: 'Request_BadRequest.NoAvailableLicenses' },
    });
    expect(step(failed, 'assignLicences').error!.message).toContain('Microsoft 365 Business Premium');
    expect(step(failed, 'enableAccount').status).toBe('pending');
    expect(events).toContain('stepFailed');
    const [user] = w.usersNamed(`noah.seat@${w.domain}`);
    expect(w.membersOf(sales).has(user!.id)).toBe(true);

    sku.prepaidUnits.enabled = seats;
    const retry = await call(w.app, w.approver, 'POST', `/api/requests/${request.id}/retry`);
    expect(retry.statusCode, retry.body).toBe(202);
    expect((await runRequestWorkflow(request.id, workflow())).outcome).toBe('completed');
    expect(w.usersNamed(`noah.seat@${w.domain}`)).toHaveLength(1);
    expect(
      (w.usersNamed(`noah.seat@${w.domain}`)[0]!.props.assignedLicenses as { skuId: string }[])[0]!.skuId,
    ).toBe(SPB);
  });

  it('reports a dynamic group as needing manual action instead of skipping it silently', async () => {
    const request = await approved({
      firstName: 'Dina',
      lastName: 'Mic',
      groups: ['Sales', 'Sales Dynamic'],
    });
    expect((await runRequestWorkflow(request.id, workflow())).outcome).toBe('completed');
    const done = await view(request.id);
    expect(step(done, 'addToGroups')).toMatchObject({ status: 'needsManual' });
    expect(step(done, 'addToGroups').items).toEqual([
      { name: 'Sales Dynamic', status: 'needsManual', message: expect.stringMatching(/dynamic group/) },
      { name: 'Sales', status: 'done', message: null },
    ]);
  });

  it('rides out throttling in the middle and still creates one user', async () => {
    const fault = w.world.emu.context.faults.add({
      service: 'graph',
      route: 'POST /users/{id}/assignLicense',
      tenantId: w.s.tenantId,
      action: { type: 'status', status: 429, retryAfterSeconds: 1 },
      times: 1,
    });
    const request = await approved({ firstName: 'Theo', lastName: 'Throttle', licences: [EMS] });
    try {
      // Either the client retried within the call, or the step waits for Retry-After: run until done.
      let result = await runRequestWorkflow(request.id, workflow());
      for (let i = 0; result.outcome === 'waiting' && i < 3; i += 1)
        result = await runRequestWorkflow(
          request.id,
          workflow(() => new Date(Date.now() + 120_000)),
        );
      expect(result.outcome).toBe('completed');
    } finally {
      w.world.emu.context.faults.remove(fault.id);
    }
    expect(w.usersNamed(`theo.throttle@${w.domain}`)).toHaveLength(1);
  });
});

describe('restarts and refusals', () => {
  it('adopts the account when the process died after creating it and before recording it', async () => {
    const request = await approved({ firstName: 'Kim', lastName: 'Crash' });
    const before = created();
    const real = workflow();
    let died = false;
    const dying = workflow(undefined, {
      store: {
        ...real.store,
        async settle(id, key, outcome, status) {
          if (key === 'createUser' && !died) {
            died = true;
            throw new Error('the process was killed');
          }
          return real.store.settle(id, key, outcome, status);
        },
      },
    });
    await expect(runRequestWorkflow(request.id, dying)).rejects.toThrow('killed');
    expect(w.usersNamed(`kim.crash@${w.domain}`)).toHaveLength(1);
    expect(step(await view(request.id), 'createUser').status).toBe('running');

    // A later sweep finds the step abandoned (its worker silent for 5 minutes) and makes it due.
    await w.app.deps.db.execute(
      sql`update ticket_steps set updated_at = now() - interval '10 minutes' where ticket_id = ${request.id}`,
    );
    expect(await createRequestWorkflowRepository(w.app.deps.db).due(100)).toContain(request.id);
    expect((await runRequestWorkflow(request.id, workflow())).outcome).toBe('completed');
    expect(w.usersNamed(`kim.crash@${w.domain}`)).toHaveLength(1);
    expect(created() - before).toBe(2); // the first create, and the retry Microsoft refused as a duplicate
    expect(step(await view(request.id), 'createUser').detail).toMatch(/^Adopted kim\.crash@/);
  });

  it('writes nothing to Microsoft when the request is rejected', async () => {
    const before = created();
    const raised = await raise({ firstName: 'Rita', lastName: 'Reject', groups: ['Sales'], licences: [EMS] });
    const res = await call(w.app, w.approver, 'POST', `/api/requests/${raised.id}/decision`, {
      decision: 'reject',
      comment: 'Not budgeted',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rejected', steps: [] });
    expect(res.json().approval.steps[0]).toMatchObject({ status: 'rejected', comment: 'Not budgeted' });
    expect((await runRequestWorkflow(raised.id, workflow())).outcome).toBe('notRunnable');
    expect(created()).toBe(before);
    expect(w.usersNamed(`rita.reject@${w.domain}`)).toHaveLength(0);
  });

  it('creates a future starter disabled, waits for the start date, then enables sign-in', async () => {
    const today = new Date('2026-12-06T10:00:00Z');
    const request = await approved({ firstName: 'Fay', lastName: 'Future', startDate: '2027-01-04' });
    expect(
      (
        await runRequestWorkflow(
          request.id,
          workflow(() => today),
        )
      ).outcome,
    ).toBe('waiting');
    const waiting = await view(request.id);
    expect(waiting.status).toBe('scheduled');
    expect(step(waiting, 'enableAccount')).toMatchObject({
      status: 'waiting',
      dueAt: '2027-01-04T00:00:00.000Z',
      detail: 'Sign-in will be enabled on 2027-01-04.',
    });
    expect(w.usersNamed(`fay.future@${w.domain}`)[0]!.props.accountEnabled).toBe(false);

    const startDay = new Date('2027-01-04T00:05:00Z');
    expect(
      (
        await runRequestWorkflow(
          request.id,
          workflow(() => startDay),
        )
      ).outcome,
    ).toBe('completed');
    expect(w.usersNamed(`fay.future@${w.domain}`)[0]!.props.accountEnabled).toBe(true);
  });
});

describe('approval in steps', () => {
  it('asks a portal approver first, then the service desk; others may not decide', async () => {
    await w.configure({
      groups: ['Sales'],
      licences: [EMS],
      approval: {
        steps: [
          { name: 'Line manager', allowAgents: false, portalApproverIds: [w.portalApprover.accountId] },
          { name: 'Service desk' },
        ],
        triggerAutomationByDefault: false,
      },
    });
    const raised = await raise({ firstName: 'Step', lastName: 'Wise' });
    expect(raised.approval.steps.map((s) => [s.name, s.status])).toEqual([
      ['Line manager', 'open'],
      ['Service desk', 'waiting'],
    ]);
    const byAgent = await call(w.app, w.approver, 'POST', `/api/requests/${raised.id}/decision`, {
      decision: 'approve',
    });
    expect(byAgent.statusCode).toBe(403);
    const byRequester = await call(w.app, w.requester, 'POST', `/api/portal/requests/${raised.id}/decision`, {
      decision: 'approve',
    });
    expect(byRequester.statusCode).toBe(403);
    const mine = await call(w.app, w.portalApprover, 'GET', '/api/portal/requests?mine=true');
    expect(mine.json().items.map((r: { id: string }) => r.id)).toContain(raised.id);
    const first = await call(w.app, w.portalApprover, 'POST', `/api/portal/requests/${raised.id}/decision`, {
      decision: 'approve',
      comment: 'Yes, starts Monday',
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().status).toBe('awaitingApproval');
    const second = await call(w.app, w.approver, 'POST', `/api/requests/${raised.id}/decision`, {
      decision: 'approve',
    });
    // The customer's default leaves the automation off: approved for the desk to carry out by hand.
    expect(second.json()).toMatchObject({ status: 'approved', approval: { triggerAutomation: false } });
    const started = await call(w.app, w.approver, 'POST', `/api/requests/${raised.id}/automation`);
    expect(started.statusCode, started.body).toBe(202);
    expect(started.json().status).toBe('inProgress');
    expect((await runRequestWorkflow(raised.id, workflow())).outcome).toBe('completed');
  });
});

describe('assignment', () => {
  it('assigns a request to an active agent, shows it in the list, and refuses an unknown agent by field', async () => {
    const raised = await raise({ firstName: 'Asa', lastName: 'Signed' });
    const [agent] = await queryRows<{ id: string; display_name: string }>(
      w.app.deps.db,
      sql`select id, display_name from agents where not inactive order by display_name limit 1`,
    );
    const res = await call(w.app, w.approver, 'POST', `/api/requests/${raised.id}/assign`, {
      agentId: agent!.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().assignedTo).toEqual({ agentId: agent!.id, name: agent!.display_name });
    const listed = (await call(w.app, w.admin, 'GET', '/api/requests?search=Asa')).json().items;
    expect(listed[0].assignedTo).toEqual({ agentId: agent!.id, name: agent!.display_name });
    const unknown = await call(w.app, w.approver, 'POST', `/api/requests/${raised.id}/assign`, {
      agentId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ field: 'agentId' });
    const requester = await call(w.app, w.requester, 'POST', `/api/requests/${raised.id}/assign`, {
      agentId: null,
    });
    expect(requester.statusCode).toBe(403);
  });
});
