import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../../src/api/audit/audit-log.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { call, givenAgent, givenCustomer, type Caller } from '../access/fixtures.js';

type Event = {
  id: string;
  action: string;
  actor: { id: string | null; name: string | null };
  before?: unknown;
  after?: unknown;
};

describe('audit trail API', () => {
  let app: TestApp;
  let auditor: Caller;
  let writer: Caller;
  let customerId: string;
  const marker = `m${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    app = await startTestApp();
    auditor = await givenAgent(app.deps.db, { permissions: ['logs.view'], name: 'Audrey Auditor' });
    writer = await givenAgent(app.deps.db, { permissions: ['customers.write'], name: 'Will Writer' });
    customerId = (await givenCustomer(app.deps.db, 'Audited')).customer.id;
    for (const name of ['One', 'Two', 'Three']) {
      await call(app, writer, 'PATCH', `/api/customers/${customerId}`, { name: `${marker} ${name}` });
    }
    await createAuditLog(app.deps.db).record({
      actor: { type: 'system', id: null, name: '-2+3' },
      action: 'connection.update',
      target: { type: 'connection', id: `@${marker}` },
      before: {
        clientSecret: 'old-secret',
        settings: { refreshToken: 'rt', nested: [{ apiKey: 'k', ok: 1 }] },
      },
      after: { clientSecret: 'new-secret', name: '=HYPERLINK("http://evil.example","click")' },
    });
  });
  afterAll(() => app?.close());

  const list = async (query: string) => {
    const res = await call(app, auditor, 'GET', `/api/audit?${query}`);
    expect(res.statusCode).toBe(200);
    return res.json() as { items: Event[]; nextCursor: string | null; total: number | null };
  };

  it('lists events newest first, filtered, searched and paged without gaps', async () => {
    const filtered = await list(`customerId=${customerId}&action=customer.update&count=true`);
    expect(filtered.total).toBe(3);
    expect(filtered.items.map((e) => (e.after as { name: string }).name)).toEqual([
      `${marker} Three`,
      `${marker} Two`,
      `${marker} One`,
    ]);
    expect(filtered.items[0]).toMatchObject({ actor: { id: writer.accountId, name: 'Will Writer' } });

    const first = await list(`customerId=${customerId}&limit=2`);
    const second = await list(`customerId=${customerId}&limit=2&cursor=${first.nextCursor}`);
    expect([...first.items, ...second.items].map((e) => e.id)).toEqual(filtered.items.map((e) => e.id));
    expect(second.nextCursor).toBeNull();

    expect((await list('search=will wri')).items.length).toBe(3);
    expect((await list(`actorId=${writer.accountId}&targetType=connection`)).items).toEqual([]);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await list(`from=${future}`)).items).toEqual([]);
    const reversed = await call(app, auditor, 'GET', `/api/audit?from=${future}&to=2020-01-01T00:00:00Z`);
    expect(reversed.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'to' }] });
  });

  it('redacts every secret-looking key, at any depth', async () => {
    const [event] = (await list(`targetId=${encodeURIComponent(`@${marker}`)}`)).items;
    expect(event!.before).toEqual({
      clientSecret: '[redacted]',
      settings: { refreshToken: '[redacted]', nested: [{ apiKey: '[redacted]', ok: 1 }] },
    });
    expect(JSON.stringify(event)).not.toMatch(/old-secret|new-secret/);
  });

  it('exports the same filters as CSV a spreadsheet cannot be tricked into running, and audits the export', async () => {
    const res = await call(app, auditor, 'GET', `/api/audit/export.csv?search=${marker}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="rollcall-audit-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = res.body.split('\r\n');
    expect(lines[0]).toBe(
      'occurred_at,actor_type,actor_id,actor_name,action,target_type,target_id,customer_id,ip_address,request_id,before,after',
    );
    expect(lines).toHaveLength(1 + 1 + 1);
    expect(lines.at(-1)).toBe('');
    expect(lines[1]).toContain(`,system,,'-2+3,connection.update,connection,'@${marker},`);
    const byCustomer = await call(app, auditor, 'GET', `/api/audit/export.csv?customerId=${customerId}`);
    expect(byCustomer.body.split('\r\n')).toHaveLength(1 + 3 + 1);
    // The JSON cell is quoted with doubled quotes; the formula inside stays inert text of a JSON value.
    expect(lines[1]).toContain('"{""name"":""=HYPERLINK(');
    expect(lines[1]).toContain('""clientSecret"":""[redacted]""');
    expect(res.body).not.toContain('new-secret');

    const exports = await list('action=audit.export');
    expect(exports.items.map((e) => e.after)).toEqual([
      { filter: { customerId } },
      { filter: { search: marker } },
    ]);
    expect(exports.items[0]).toMatchObject({ actor: { id: auditor.accountId, name: 'Audrey Auditor' } });
  });

  it('is for logs.view holders only', async () => {
    expect((await call(app, writer, 'GET', '/api/audit')).statusCode).toBe(403);
    expect((await call(app, writer, 'GET', '/api/audit/export.csv')).statusCode).toBe(403);
    expect((await call(app, null, 'GET', '/api/audit/export.csv')).statusCode).toBe(401);
  });
});
