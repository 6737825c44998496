import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpMailer } from '../../../src/api/integrations/mail/smtp-mailer.js';
import { createRequestNotifier } from '../../../src/api/integrations/requests/request-notifier.js';
import type { RequestDetail } from '../../../src/contracts/api/requests.js';
import { serverConfigSchema } from '../../../src/contracts/config.js';
import { call } from '../access/fixtures.js';
import { startRequestWorld, type RequestWorld } from './request-world.js';

/**
 * Who hears of a request (issue 8 "Notifications"): through a real SMTP server and a real HTTP
 * receiver on this machine, with the customer's notification settings.
 */
let w: RequestWorld;
const mails: { to: string[]; raw: string }[] = [];
const hooks: { event: string; request: { reference: string; status: string } }[] = [];
let smtp: SMTPServer;
let receiver: Server;
let hookStatus = 204;
let hookUrl: string;
let smtpPort: number;

beforeAll(async () => {
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          // Quoted-printable soft line breaks joined, so the text reads as a person sees it.
          raw: Buffer.concat(chunks)
            .toString('utf8')
            .replace(/=\r?\n/g, ''),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hooks.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.statusCode = hookStatus;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/rollcall`;

  w = await startRequestWorld({ workers: false });
  await w.configure({
    approval: {
      steps: [{ name: 'Manager', allowAgents: false, portalApproverIds: [w.portalApprover.accountId] }],
      triggerAutomationByDefault: true,
    },
    notifications: {
      emailRequester: true,
      emailApprovers: true,
      extraEmails: ['desk@msp.example'],
      webhookUrl: hookUrl,
    },
  });
}, 120_000);
afterAll(async () => {
  await w?.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

function notifier() {
  const config = serverConfigSchema.parse({
    smtp: { host: '127.0.0.1', port: smtpPort, from: 'Rollcall <rollcall@msp.example>', requireTls: false },
  });
  return createRequestNotifier({
    db: w.app.deps.db,
    mailer: createSmtpMailer(config.smtp),
    publicUrl: 'https://desk.msp.example',
  });
}

describe('request notifications', () => {
  it('e-mails the approver when approval is needed and the requester when decided, and posts every event', async () => {
    const res = await call(w.app, w.requester, 'POST', '/api/portal/requests/new-starter', {
      firstName: 'Nora',
      lastName: 'Notify',
      startDate: '2020-01-06',
      usageLocation: 'GB',
    });
    expect(res.statusCode, res.body).toBe(201);
    const request = res.json() as RequestDetail;
    const notify = notifier();

    await notify({ requestId: request.id, event: 'approvalNeeded', detail: '' });
    expect(mails.at(-1)!.to.sort()).toEqual(
      ['desk@msp.example', w.portalApprover.email.toLowerCase()].sort(),
    );
    expect(mails.at(-1)!.raw).toContain(`Subject: [${request.reference}] New starter needs your approval`);
    expect(mails.at(-1)!.raw).toContain(`https://desk.msp.example/requests/${request.id}`);

    await call(w.app, w.portalApprover, 'POST', `/api/portal/requests/${request.id}/decision`, {
      decision: 'reject',
      comment: 'No budget',
    });
    await notify({ requestId: request.id, event: 'rejected', detail: 'No budget' });
    expect(mails.at(-1)!.to.sort()).toEqual(['desk@msp.example', w.requester.email.toLowerCase()].sort());
    expect(mails.at(-1)!.raw).toContain('No budget');
    expect(hooks.map((h) => [h.event, h.request.reference, h.request.status])).toEqual([
      ['approvalNeeded', request.reference, 'awaitingApproval'],
      ['rejected', request.reference, 'rejected'],
    ]);
  });

  it('fails (so the job retries) when the webhook refuses', async () => {
    hookStatus = 500;
    const [first] = (await call(w.app, w.admin, 'GET', '/api/requests')).json().items as { id: string }[];
    await expect(notifier()({ requestId: first!.id, event: 'completed', detail: '' })).rejects.toThrow(
      /webhook: .* answered 500/,
    );
    hookStatus = 204;
  });
});
