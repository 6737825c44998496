import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AddressPreview,
  OnboardingConfigView,
  RequestDetail,
} from '../../../src/contracts/api/requests.js';
import { call } from '../access/fixtures.js';
import { EMS, SPB, startRequestWorld, type RequestWorld } from './request-world.js';

/**
 * New-starter requests end to end against the emulator: a customer's settings, the portal form,
 * approval by an agent with the automation, and the user, groups and licence in the tenant
 * exactly once; the app's own worker runs the automation.
 */
let w: RequestWorld;
let sales: string;
let everyone: string;
let dynamic: string;

beforeAll(async () => {
  w = await startRequestWorld({ workers: true });
  sales = w.group('Sales');
  everyone = w.group('All Staff');
  dynamic = w.group('Sales Dynamic', 'security', true);
}, 120_000);
afterAll(async () => {
  await w?.close();
});

const counters = () => w.world.emu.context.counters;
const created = () => counters().total({ route: 'POST /users', tenantId: w.s.tenantId });
const submit = (body: Record<string, unknown>, who = w.requester) =>
  call(w.app, who, 'POST', '/api/portal/requests/new-starter', body);
const approve = (id: string, body: Record<string, unknown> = {}) =>
  call(w.app, w.approver, 'POST', `/api/requests/${id}/decision`, { decision: 'approve', ...body });

describe("a customer's request settings", () => {
  it('are refused with the field named when a group or a domain is not in the tenant, and nothing is saved', async () => {
    const missing = await call(w.app, w.admin, 'PUT', `/api/customers/${w.customerId}/onboarding`, {
      tenantId: w.s.tenantId,
      groups: ['Sales', 'No Such Group'],
      allowedDomains: ['contoso.example'],
      naming: { format: 'firstname.lastname' },
    });
    expect(missing.statusCode, missing.body).toBe(400);
    const fields = (missing.json() as { errors: { field: string; message: string }[] }).errors;
    expect(fields).toEqual(
      expect.arrayContaining([
        { field: 'groups', message: 'no group named "No Such Group" in the tenant' },
        expect.objectContaining({
          field: 'allowedDomains',
          message: expect.stringContaining('not verified'),
        }),
      ]),
    );
    const view = (await call(w.app, w.admin, 'GET', `/api/customers/${w.customerId}/onboarding`)).json();
    expect(view.configured).toBe(false);
    // Before the first save the customer's only tenant is chosen and its verified domains listed.
    expect(view).toMatchObject({ tenantId: w.s.tenantId, verifiedDomains: [w.domain] });
  });

  it('are saved with group ids, and a dynamic group is kept with a warning that it is added by hand', async () => {
    await w.configure({ groups: ['Sales', 'All Staff', 'Sales Dynamic'], licences: [EMS, SPB] });
    const view = (
      await call(w.app, w.admin, 'GET', `/api/customers/${w.customerId}/onboarding`)
    ).json() as OnboardingConfigView;
    expect(view.configured).toBe(true);
    expect(view.groups).toEqual([
      { name: 'Sales', id: sales, kind: 'security', warning: null },
      { name: 'All Staff', id: everyone, kind: 'security', warning: null },
      {
        name: 'Sales Dynamic',
        id: dynamic,
        kind: 'dynamic',
        warning: expect.stringMatching(/dynamic group/),
      },
    ]);
    expect(view.warnings.some((m) => m.startsWith('Sales Dynamic:'))).toBe(true);
    expect(view.licences.filter((l) => l.offered).map((l) => l.skuId)).toEqual([EMS, SPB]);
    expect(view.verifiedDomains).toContain(w.domain);
  });
});

describe('a new starter, from the portal to Entra', () => {
  it('previews the address, waits for approval writing nothing, then creates the user, groups and licence once', async () => {
    const form = (await call(w.app, w.requester, 'GET', '/api/portal/requests/new-starter/form')).json();
    expect(form.unavailable).toBeNull();
    expect(form.groups).toEqual([
      { name: 'Sales', manual: false },
      { name: 'All Staff', manual: false },
      { name: 'Sales Dynamic', manual: true },
    ]);
    expect(form.licences.find((l: { skuId: string }) => l.skuId === EMS)).toMatchObject({
      name: 'Enterprise Mobility + Security E3',
    });

    const preview = await call(w.app, w.requester, 'POST', '/api/portal/requests/new-starter/preview', {
      firstName: 'Jane',
      lastName: 'Doe',
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json() as AddressPreview).toMatchObject({
      userPrincipalName: `jane.doe@${w.domain}`,
      displayName: 'Jane Doe',
      taken: [],
      checkedAgainst: 'tenant',
    });

    const before = created();
    const res = await submit({
      firstName: 'Jane',
      lastName: 'Doe',
      jobTitle: 'Account Manager',
      startDate: '2020-01-06',
      usageLocation: 'GB',
      groups: ['Sales', 'All Staff'],
      licences: [EMS],
    });
    expect(res.statusCode, res.body).toBe(201);
    const raised = res.json() as RequestDetail;
    expect(raised).toMatchObject({
      type: 'newStarter',
      status: 'awaitingApproval',
      reference: expect.stringMatching(/^REQ-\d{6}$/),
      canDecide: false,
      password: null, // never shown to the portal
    });
    expect(raised.newStarter).toMatchObject({
      userPrincipalName: `jane.doe@${w.domain}`,
      displayName: 'Jane Doe',
    });
    expect(created()).toBe(before); // nothing written before approval

    const decided = await approve(raised.id, { comment: 'Welcome aboard', triggerAutomation: true });
    expect(decided.statusCode, decided.body).toBe(200);
    const done = await w.settledRequest(raised.id);
    expect(done.status, JSON.stringify(done.steps)).toBe('completed');
    expect(done.steps.map((s) => [s.key, s.status])).toEqual([
      ['createUser', 'done'],
      ['waitUntilReadable', 'done'],
      ['addToGroups', 'done'],
      ['setManager', 'skipped'],
      ['assignLicences', 'done'],
      ['enableAccount', 'skipped'],
    ]);
    const [user] = w.usersNamed(`jane.doe@${w.domain}`);
    expect(w.usersNamed(`jane.doe@${w.domain}`)).toHaveLength(1);
    expect(created()).toBe(before + 1);
    expect(user!.props).toMatchObject({
      accountEnabled: true,
      usageLocation: 'GB',
      jobTitle: 'Account Manager',
    });
    expect((user!.props.assignedLicenses as { skuId: string }[]).map((l) => l.skuId)).toEqual([EMS]);
    expect(w.membersOf(sales).has(user!.id)).toBe(true);
    expect(w.membersOf(everyone).has(user!.id)).toBe(true);
    expect(done.entraObjectId).toBe(user!.id);

    // The temporary password: revealed once to an approver, refused the second time.
    expect(done.password).toEqual({ revealed: false, revealedBy: null, revealedAt: null });
    const reveal = await call(w.app, w.approver, 'POST', `/api/requests/${raised.id}/password`);
    expect(reveal.statusCode, reveal.body).toBe(200);
    expect(reveal.json().password).toMatch(/^.{16}$/);
    const again = await call(w.app, w.approver, 'POST', `/api/requests/${raised.id}/password`);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toMatch(/only once/);
    const portalReveal = await call(w.app, w.requester, 'POST', `/api/requests/${raised.id}/password`);
    expect(portalReveal.statusCode).toBe(403);

    // The Outbound Requests log keeps each write, never the password.
    const log = await call(
      w.app,
      w.admin,
      'GET',
      `/api/entra/connections/${w.s.connectionId}/outbound?kind=user.create`,
    );
    expect(log.statusCode, log.body).toBe(200);
    expect(log.body).not.toContain(reveal.json().password);
    expect(log.json().items.length).toBeGreaterThanOrEqual(1);

    // The next import brings the new user into the desk, linked to the request.
    await w.importUsers();
    const linked = (
      await call(w.app, w.approver, 'GET', `/api/requests/${raised.id}`)
    ).json() as RequestDetail;
    expect(linked.deskUserId).not.toBeNull();
    const desk = await call(w.app, w.admin, 'GET', `/api/users/${linked.deskUserId}`);
    expect(desk.json()).toMatchObject({ userPrincipalName: `jane.doe@${w.domain}`, linked: true });
  });
});
