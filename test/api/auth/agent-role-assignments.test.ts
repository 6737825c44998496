import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoleRepository, schema } from '../../../src/store/index.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { call, givenAgent, givenBuiltInRoles } from '../access/fixtures.js';

let app: TestApp;
beforeAll(async () => {
  // Read every session from the database: the assignment below is written outside any request.
  app = await startTestApp({ config: { sessions: { cacheSeconds: 0 } } });
  await givenBuiltInRoles(app.deps.db);
});
afterAll(() => app?.close());

describe('agent roles assigned by an Entra import (group → agent role mappings)', () => {
  it("grant their permissions to the agent's account, like roles given by hand", async () => {
    const agent = await givenAgent(app.deps.db, { permissions: [] });
    expect((await call(app, agent, 'GET', '/api/audit')).statusCode).toBe(403);
    const role = await createRoleRepository(app.deps.db).create({
      kind: 'agent',
      name: 'Log readers (from Entra)',
      permissions: ['logs.view'],
    });
    await app.deps.db.insert(schema.agentRoleAssignments).values({ agentId: agent.agentId, roleId: role.id });
    expect((await call(app, agent, 'GET', '/api/audit')).statusCode).toBe(200);
    const me = await call(app, agent, 'GET', '/api/auth/me');
    expect(JSON.stringify(me.json())).toContain('logs.view');
  });

  it('never grant portal permissions to an agent', async () => {
    const agent = await givenAgent(app.deps.db, { permissions: [] });
    const portalRole = await createRoleRepository(app.deps.db).create({
      kind: 'portal',
      name: 'Portal approvers (misassigned)',
      permissions: ['portal.requests.approve'],
    });
    await app.deps.db
      .insert(schema.agentRoleAssignments)
      .values({ agentId: agent.agentId, roleId: portalRole.id });
    const me = await call(app, agent, 'GET', '/api/auth/me');
    expect(JSON.stringify(me.json())).not.toContain('portal.requests.approve');
  });

  it('count as administrators: the last administrator by hand may step down, and not the last one', async () => {
    const roles = createRoleRepository(app.deps.db);
    const fromEntra = await roles.create({
      kind: 'agent',
      name: 'Administrators (from Entra)',
      permissions: ['administrator'],
    });
    const byHand = await givenAgent(app.deps.db, { roleNames: ['Administrator'] });
    const viaEntra = await givenAgent(app.deps.db, { permissions: [] });
    await app.deps.db
      .insert(schema.agentRoleAssignments)
      .values({ agentId: viaEntra.agentId, roleId: fromEntra.id });
    const listed = await call(app, byHand, 'GET', '/api/roles');
    const agentRole = (listed.json().items as { id: string; name: string }[]).find(
      (r) => r.name === 'Agent',
    )!;

    const stepDown = await call(app, byHand, 'PUT', `/api/accounts/${byHand.accountId}/roles`, {
      roleIds: [agentRole.id],
    });
    expect(stepDown.statusCode).toBe(200);

    const last = await givenAgent(app.deps.db, { roleNames: ['Administrator'] });
    await app.deps.db
      .update(schema.agents)
      .set({ inactive: true })
      .where(eq(schema.agents.id, viaEntra.agentId));
    const refused = await call(app, last, 'PUT', `/api/accounts/${last.accountId}/roles`, {
      roleIds: [agentRole.id],
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('no enabled administrator');
  });
});
