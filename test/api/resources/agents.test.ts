import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentRepository, createAuditRepository } from '../../../src/store/index.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { call, givenAgent, type Caller } from '../access/fixtures.js';

describe('agents API', () => {
  let app: TestApp;
  let reader: Caller & { agentId: string };
  let writer: Caller & { agentId: string };

  beforeAll(async () => {
    app = await startTestApp();
    reader = await givenAgent(app.deps.db, { permissions: ['agents.read'], name: 'Rita Reader' });
    writer = await givenAgent(app.deps.db, { permissions: ['agents.write'], name: 'Walter Writer' });
    await createAgentRepository(app.deps.db).create({ displayName: 'Sam Synced', email: 'sam@msp.example' });
  });
  afterAll(() => app?.close());

  it('lists agents by name with their accounts, and searches names and emails', async () => {
    const res = await call(app, reader, 'GET', '/api/agents?limit=200');
    expect(res.statusCode).toBe(200);
    const page = res.json();
    const names = page.items.map((a: { displayName: string }) => a.displayName);
    const lower = names.map((n: string) => n.toLowerCase());
    expect(lower).toEqual([...lower].sort());
    expect(page.total).toBe(page.items.length);
    expect(page.items.find((a: { id: string }) => a.id === reader.agentId)).toMatchObject({
      accountId: reader.accountId,
      licenceType: 'named',
    });
    const search = await call(app, reader, 'GET', '/api/agents?search=SAM@');
    expect(search.json().items).toMatchObject([{ displayName: 'Sam Synced', accountId: null }]);
  });

  it('edits an agent, checks the line manager, and audits before/after', async () => {
    const res = await call(app, writer, 'PATCH', `/api/agents/${reader.agentId}`, {
      licenceType: 'concurrent',
      lineManagerId: writer.agentId,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ licenceType: 'concurrent', lineManagerId: writer.agentId });
    const [event] = (await createAuditRepository(app.deps.db).list({ targetId: reader.agentId })).items;
    expect(event).toMatchObject({
      action: 'agent.update',
      actorId: writer.accountId,
      details: {
        actorName: 'Walter Writer',
        before: { licenceType: 'named', lineManagerId: null },
        after: { licenceType: 'concurrent', lineManagerId: writer.agentId },
      },
    });

    const self = await call(app, writer, 'PATCH', `/api/agents/${reader.agentId}`, {
      lineManagerId: reader.agentId,
    });
    expect(self.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'lineManagerId' }] });
    const badType = await call(app, writer, 'PATCH', `/api/agents/${reader.agentId}`, {
      licenceType: 'floating',
    });
    expect(badType.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'licenceType' }] });
  });

  it('refuses edits to readers and reads to agents without agents.read', async () => {
    expect(
      (await call(app, reader, 'PATCH', `/api/agents/${reader.agentId}`, { inactive: true })).statusCode,
    ).toBe(403);
    const outsider = await givenAgent(app.deps.db, { permissions: ['customers.read'] });
    expect((await call(app, outsider, 'GET', `/api/agents/${reader.agentId}`)).statusCode).toBe(403);
    expect((await call(app, reader, 'GET', `/api/agents/${writer.agentId}`)).json()).toMatchObject({
      displayName: 'Walter Writer',
    });
  });
});
