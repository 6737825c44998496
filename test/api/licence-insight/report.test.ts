import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLicenceReportSender } from '../../../src/api/routes/licence-insight-report-send.js';
import { reportPayloadSchema, type ReportPayload } from '../../../src/contracts/api/licence-insight.js';
import { jobCatalogue } from '../../../src/jobs/catalogue/index.js';
import { createLicenceReportHandler } from '../../../src/jobs/handlers/licence-insight.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { call, givenAgent, givenBuiltInRoles, type Caller } from '../access/fixtures.js';
import { givenLicenceEstate } from './fixtures.js';

interface Received {
  path: string;
  contentType: string | undefined;
  body: ReportPayload;
}

/** A webhook receiver on this machine: `/ok` takes the report, `/fail` answers 500. */
async function startReceiver(): Promise<{ server: Server; base: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        path: request.url ?? '',
        contentType: request.headers['content-type'],
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReportPayload,
      });
      response.statusCode = request.url === '/fail' ? 500 : 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

describe('the weekly licence insight report', () => {
  let app: TestApp;
  let admin: Caller;
  let reader: Caller;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.deps.db;
    await givenBuiltInRoles(db);
    admin = await givenAgent(db, { roleNames: ['Administrator'] });
    reader = await givenAgent(db, { permissions: ['customers.read'] });
    await givenLicenceEstate(db, app.deps.secrets);
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await app?.close();
    await new Promise((resolve) => receiver?.server.close(resolve));
  });

  const settings = (body: unknown, who: Caller = admin) =>
    call(app, who, 'PUT', '/api/licence-insight/report-settings', body);

  it('is off with no URL until an administrator sets it, and runs on Mondays', async () => {
    const response = await call(app, admin, 'GET', '/api/licence-insight/report-settings');
    expect(response.json()).toEqual({
      enabled: false,
      webhookUrls: [],
      inactiveDays: 90,
      renewingWithinDays: 30,
      schedule: '5 7 * * 1',
      emailRecipients: [],
      // This server has no smtp settings.
      emailAvailable: false,
    });
    expect(jobCatalogue['licence-insight.report'].schedule).toEqual({ cron: '5 7 * * 1' });
  });

  it('refuses a webhook that is not https (http only to localhost), naming the field', async () => {
    const base = { enabled: true, inactiveDays: 90, renewingWithinDays: 30 };
    for (const url of [
      'http://hooks.example.com/x',
      'ftp://localhost/x',
      'https://user:pw@hooks.example.com/',
      'not a url',
    ]) {
      const response = await settings({ ...base, webhookUrls: ['https://hooks.example.com/fine', url] });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().errors).toEqual([
        {
          field: 'webhookUrls.1',
          message: expect.stringContaining(
            'webhookUrls entries must be https:// URLs (http:// only to localhost)',
          ),
        },
      ]);
    }
    const days = await settings({ ...base, webhookUrls: [], inactiveDays: 0 });
    expect(days.json().errors[0].field).toBe('inactiveDays');
  });

  it('refuses e-mail recipients while the server has no SMTP settings, saying which to set', async () => {
    const base = { enabled: true, webhookUrls: [], inactiveDays: 90, renewingWithinDays: 30 };
    const response = await settings({ ...base, emailRecipients: ['it-team@customer.example'] });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      {
        field: 'emailRecipients.0',
        message:
          'e-mail is not set up on this server: set smtp.host and smtp.from in the server configuration (ROLLCALL_SMTP_HOST, ROLLCALL_SMTP_FROM; see docs/operations.md) and restart Rollcall',
      },
    ]);
    const got = await call(app, admin, 'GET', '/api/licence-insight/report-settings');
    expect(got.json().emailRecipients).toEqual([]);
  });

  it('refuses an e-mail recipient that is not an address, or more than 20, naming the entry', async () => {
    const base = { enabled: true, webhookUrls: [], inactiveDays: 90, renewingWithinDays: 30 };
    for (const bad of ['not-an-address', 'a@b@c.example', 'it@customer.example\r\nBcc: x@y.example', '']) {
      const response = await settings({ ...base, emailRecipients: ['ok@customer.example', bad] });
      expect(response.statusCode, bad).toBe(400);
      expect(response.json().errors, bad).toEqual([
        {
          field: 'emailRecipients.1',
          message: 'emailRecipients entries must be e-mail addresses, e.g. it-team@example.com',
        },
      ]);
    }
    const many = Array.from({ length: 21 }, (_, i) => `user${i}@customer.example`);
    const tooMany = await settings({ ...base, emailRecipients: many });
    expect(tooMany.json().errors).toEqual([
      { field: 'emailRecipients', message: 'emailRecipients may list at most 20 addresses' },
    ]);
  });

  it('is changed only with settings.manage', async () => {
    const body = { enabled: true, webhookUrls: [], inactiveDays: 90, renewingWithinDays: 30 };
    expect((await settings(body, reader)).statusCode).toBe(403);
    expect((await call(app, reader, 'POST', '/api/licence-insight/report/send')).statusCode).toBe(403);
    expect((await call(app, reader, 'GET', '/api/licence-insight/report-settings')).statusCode).toBe(403);
  });

  it('says to add a webhook URL or an e-mail recipient before Send now', async () => {
    await settings({ enabled: false, webhookUrls: [], inactiveDays: 90, renewingWithinDays: 30 });
    const response = await call(app, admin, 'POST', '/api/licence-insight/report/send');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { field: 'webhookUrls', message: 'the report has no webhook URL' },
      { field: 'emailRecipients', message: 'the report has no e-mail recipient' },
    ]);
  });

  it('Send now posts the summary to every URL and says which receiver refused it', async () => {
    const saved = await settings({
      enabled: false,
      webhookUrls: [`${receiver.base}/ok`, `${receiver.base}/fail`],
      inactiveDays: 120,
      renewingWithinDays: 60,
    });
    expect(saved.statusCode).toBe(200);
    receiver.received.length = 0;
    const response = await call(app, admin, 'POST', '/api/licence-insight/report/send');
    expect(response.statusCode).toBe(200);
    expect(response.json().deliveries).toEqual([
      { url: `${receiver.base}/ok`, ok: true, status: 204, error: null },
      { url: `${receiver.base}/fail`, ok: false, status: 500, error: 'the receiver answered HTTP 500' },
    ]);
    expect(response.json().emailDeliveries).toEqual([]);
    const ok = receiver.received.find((r) => r.path === '/ok')!;
    expect(ok.contentType).toBe('application/json');
    expect(reportPayloadSchema.parse(ok.body)).toMatchObject({
      event: 'licence-insight.report',
      trigger: 'manual',
      summary: {
        customerId: null,
        inactiveDays: 120,
        renewingWithinDays: 60,
        customers: 2,
        // At 120 days the user last seen 100 days ago counts as used.
        totals: { paid: 30, assigned: 17, used: 11, heldByDisabled: 3, heldByInactive: 2, wasted: 18 },
        renewals: { count: 3, autoRenewOff: 2 },
        money: { priced: 2, unpriced: 1 },
      },
    });
  });

  it('is sent by the weekly job only while it is on', async () => {
    const handler = createLicenceReportHandler({
      sendLicenceReport: createLicenceReportSender({ db: app.deps.db, now: () => new Date() }),
    });
    const context = { id: 'test', signal: new AbortController().signal } as Parameters<typeof handler>[1];
    const body = { webhookUrls: [`${receiver.base}/ok`], inactiveDays: 90, renewingWithinDays: 30 };
    await settings({ ...body, enabled: false });
    receiver.received.length = 0;
    await handler({}, context);
    expect(receiver.received).toEqual([]);

    await settings({ ...body, enabled: true });
    await handler({}, context);
    expect(receiver.received.map((r) => [r.path, r.body.trigger, r.body.summary.totals.wasted])).toEqual([
      ['/ok', 'schedule', 19],
    ]);
  });

  it('fails the job (to be retried) when no receiver took the report', async () => {
    await settings({
      enabled: true,
      webhookUrls: [`${receiver.base}/fail`],
      inactiveDays: 90,
      renewingWithinDays: 30,
    });
    const handler = createLicenceReportHandler({
      sendLicenceReport: createLicenceReportSender({ db: app.deps.db, now: () => new Date() }),
    });
    const context = { id: 'test', signal: new AbortController().signal } as Parameters<typeof handler>[1];
    await expect(handler({}, context)).rejects.toThrow(
      /no webhook took the licence insight report.*HTTP 500/,
    );
  });
});
