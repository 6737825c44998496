import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLicenceReportSender } from '../../../src/api/routes/licence-insight-report-send.js';
import { reportPayloadSchema } from '../../../src/contracts/api/licence-insight.js';
import { serverConfigSchema, type ServerConfig } from '../../../src/contracts/config.js';
import { createLicenceReportHandler } from '../../../src/jobs/handlers/licence-insight.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { call, givenAgent, givenBuiltInRoles, type Caller } from '../access/fixtures.js';
import { givenLicenceEstate } from './fixtures.js';

const SMTP_USER = 'rollcall';
const SMTP_PASSWORD = 'smtp-pa55word-not-to-be-seen';

interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/**
 * A real SMTP server on this machine (smtp-server): it signs in `rollcall` with the password,
 * refuses recipients at nobody@…, and keeps every message it took. It offers no STARTTLS.
 */
async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: SMTP_USER });
      else callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('nobody@')) {
        callback(Object.assign(new Error('5.1.1 No such mailbox here'), { responseCode: 550 }));
      } else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { server, port, received, close: () => new Promise<void>((resolve) => server.close(resolve)) };
}

/** A port nothing listens on (the connection is refused). */
async function closedPort(): Promise<number> {
  const probe = createTcpServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A webhook receiver that takes the report (204). */
async function startReceiver(): Promise<{ server: Server; url: string }> {
  const server = createHttpServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.statusCode = 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ok` };
}

/** The message's headers (unfolded) and its MIME parts, enough to read what a mail client shows. */
function parseMail(raw: string) {
  const unfold = (text: string) => text.replace(/\r\n[ \t]+/g, ' ');
  const [head = ''] = raw.split(/\r\n\r\n/);
  const headers = new Map<string, string>();
  for (const line of unfold(head).split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  // Every multipart boundary (mixed, alternative): the text between two of them is one part.
  const boundaries = [...unfold(raw).matchAll(/boundary="?([^";\r\n]+)"?/gi)].map((m) => m[1]!);
  let parts = [raw];
  for (const boundary of boundaries) parts = parts.flatMap((p) => p.split(`--${boundary}`));
  const leaves = parts
    .map((p) => p.replace(/^\r\n/, ''))
    .filter((p) => /^content-type:/i.test(p) && !/^content-type: multipart/i.test(p));
  const part = (match: RegExp) => {
    const found = leaves.find((p) => match.test(unfold(p.split(/\r\n\r\n/)[0]!)));
    if (!found) return null;
    const [partHead = '', ...rest] = found.split(/\r\n\r\n/);
    const body = rest.join('\r\n\r\n').replace(/\r\n$/, '');
    if (/content-transfer-encoding: base64/i.test(partHead))
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (/content-transfer-encoding: quoted-printable/i.test(partHead))
      return Buffer.from(
        body
          .replace(/=\r\n/g, '')
          .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
        'latin1',
      ).toString('utf8');
    return body;
  };
  return { headers, part, partHeads: leaves.map((p) => unfold(p.split(/\r\n\r\n/)[0]!)) };
}

const smtpConfig = (port: number, more: Partial<ServerConfig['smtp']> = {}): ServerConfig['smtp'] =>
  serverConfigSchema.shape.smtp.parse({
    host: '127.0.0.1',
    port,
    // The test server offers no TLS; production defaults require it.
    requireTls: false,
    user: SMTP_USER,
    password: SMTP_PASSWORD,
    from: 'Rollcall <rollcall@msp.example>',
    ...more,
  });

describe('the licence insight report by e-mail', () => {
  let app: TestApp;
  let admin: Caller;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let estate: Awaited<ReturnType<typeof givenLicenceEstate>>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    receiver = await startReceiver();
    app = await startTestApp({
      config: { smtp: smtpConfig(smtp.port), publicUrl: 'https://rollcall.msp.example/' },
    });
    await givenBuiltInRoles(app.deps.db);
    admin = await givenAgent(app.deps.db, { roleNames: ['Administrator'] });
    estate = await givenLicenceEstate(app.deps.db, app.deps.secrets);
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await new Promise((resolve) => receiver?.server.close(resolve));
  });

  const save = (body: Record<string, unknown>) =>
    call(app, admin, 'PUT', '/api/licence-insight/report-settings', {
      enabled: true,
      webhookUrls: [],
      inactiveDays: 120,
      renewingWithinDays: 60,
      ...body,
    });
  const sender = (config: Pick<ServerConfig, 'smtp' | 'publicUrl'>) =>
    createLicenceReportSender({ db: app.deps.db, now: () => new Date(), config });
  const context = { id: 'test', signal: new AbortController().signal } as Parameters<
    ReturnType<typeof createLicenceReportHandler>
  >[1];

  it('saves recipients (one e-mail per address, whatever its case) when the server can send e-mail', async () => {
    const saved = await save({
      emailRecipients: [' it-team@customer.example ', 'Boss@MSP.example', 'boss@msp.example'],
    });
    expect(saved.statusCode).toBe(200);
    const got = await call(app, admin, 'GET', '/api/licence-insight/report-settings');
    expect(got.json()).toMatchObject({
      emailAvailable: true,
      emailRecipients: ['it-team@customer.example', 'Boss@MSP.example'],
      webhookUrls: [],
    });
    // Leaving the recipients out keeps them (clients that predate them do not wipe them).
    await call(app, admin, 'PUT', '/api/licence-insight/report-settings', {
      enabled: true,
      webhookUrls: [],
      inactiveDays: 120,
      renewingWithinDays: 60,
    });
    const again = await call(app, admin, 'GET', '/api/licence-insight/report-settings');
    expect(again.json().emailRecipients).toEqual(['it-team@customer.example', 'Boss@MSP.example']);
  });

  it('Send now e-mails the summary with a subject of its numbers, text, HTML and the JSON attached', async () => {
    await save({ emailRecipients: ['it-team@customer.example', 'boss@msp.example'] });
    smtp.received.length = 0;
    const response = await call(app, admin, 'POST', '/api/licence-insight/report/send');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      deliveries: [],
      emailDeliveries: [
        { to: 'it-team@customer.example', ok: true, error: null },
        { to: 'boss@msp.example', ok: true, error: null },
      ],
    });
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail!.from).toBe('rollcall@msp.example');
    expect(mail!.to).toEqual(['it-team@customer.example', 'boss@msp.example']);

    const parsed = parseMail(mail!.raw);
    expect(parsed.headers.get('subject')).toBe(
      'Rollcall licence insight: 13 unassigned seats, 3 licences held by disabled users, 2 by inactive users, 3 renewals within 60 days',
    );
    expect(parsed.headers.get('from')).toBe('Rollcall <rollcall@msp.example>');
    expect(parsed.headers.get('to')).toBe('it-team@customer.example, boss@msp.example');

    const text = parsed.part(/content-type: text\/plain/i)!.replace(/\r\n/g, '\n');
    const alpha = estate.alpha.customer.name;
    const bravo = estate.bravo.customer.name;
    expect(text).toContain('Licence insight across 2 customers');
    expect(text).toMatch(/Wasted \(unassigned \+ disabled \+ inactive\)\s+18/);
    // The most wasted licences first (7, 7, 4), each with why.
    const worst = text.split('Licences wasting most seats')[1]!.split('\n\n')[0]!;
    expect(worst.split('\n').filter((l) => l.startsWith('- '))).toEqual([
      `- ${alpha} · Microsoft 365 Business Premium: 7 wasted of 15 paid (3 unassigned, 2 held by disabled users, 2 held by inactive users)`,
      `- ${bravo} · Microsoft 365 E3: 7 wasted of 10 paid (7 unassigned)`,
      `- ${alpha} · Exchange Online (Plan 1): 4 wasted of 5 paid (3 unassigned, 1 held by disabled users)`,
    ]);
    expect(text).toContain('3 subscriptions, 2 of which will not renew by themselves.');
    expect(text).toContain(
      `(in 10 days): ${alpha} · Microsoft 365 Business Premium ×15; cost £271.50, price £309.00 a month`,
    );
    expect(text).toContain(`(in 20 days): ${bravo} · Microsoft 365 E3 ×10, will not renew by itself`);
    expect(text).toMatch(/GBP\s+cost £286\.50, price £329\.00/);
    expect(text).toContain('2 subscriptions priced, 1 without a price yet.');
    expect(text).toContain('Open licence insight: https://rollcall.msp.example/licence-insight');

    const html = parsed.part(/content-type: text\/html/i)!;
    expect(html).toContain(
      '<h2 style="font-size: 16px; margin: 20px 0 6px">Licences wasting most seats</h2>',
    );
    // Names are escaped: the fixture's offer name holds quotes.
    expect(html).toContain('Exchange Online (Plan 1), &quot;Kiosk&quot;');
    expect(html).toContain('<a href="https://rollcall.msp.example/licence-insight">');

    expect(parsed.partHeads.find((h) => /filename=/i.test(h))).toMatch(
      /content-type: application\/json.*content-disposition: attachment; filename=rollcall-licence-insight-\d{4}-\d{2}-\d{2}\.json/is,
    );
    const attached = reportPayloadSchema.parse(JSON.parse(parsed.part(/filename=/i)!));
    expect(attached).toMatchObject({
      event: 'licence-insight.report',
      trigger: 'manual',
      summary: { customers: 2, totals: { unassigned: 13, heldByDisabled: 3, wasted: 18 } },
    });
  });

  it('says per recipient which one the SMTP server refused, and delivers to the others', async () => {
    await save({ emailRecipients: ['nobody@customer.example', 'it-team@customer.example'] });
    smtp.received.length = 0;
    const response = await call(app, admin, 'POST', '/api/licence-insight/report/send');
    expect(response.json().emailDeliveries).toEqual([
      {
        to: 'nobody@customer.example',
        ok: false,
        error: 'the SMTP server refused this recipient (it answered "550 5.1.1 No such mailbox here")',
      },
      { to: 'it-team@customer.example', ok: true, error: null },
    ]);
    expect(smtp.received.map((m) => m.to)).toEqual([['it-team@customer.example']]);
  });

  it('reports a refused connection for every recipient, and the job fails only when nothing took the report', async () => {
    const port = await closedPort();
    const down = sender({ smtp: smtpConfig(port), publicUrl: undefined });
    await save({ emailRecipients: ['it-team@customer.example', 'boss@msp.example'] });
    const outcome = await down('manual');
    const refused = `the SMTP server 127.0.0.1:${port} refused the connection: nothing is listening there or a firewall blocks it; check smtp.host and smtp.port`;
    expect(outcome.emailDeliveries).toEqual([
      { to: 'it-team@customer.example', ok: false, error: refused },
      { to: 'boss@msp.example', ok: false, error: refused },
    ]);

    const handler = (config: Pick<ServerConfig, 'smtp' | 'publicUrl'>) =>
      createLicenceReportHandler({ sendLicenceReport: sender(config) });
    await expect(handler({ smtp: smtpConfig(port), publicUrl: undefined })({}, context)).rejects.toThrow(
      `no webhook or e-mail recipient took the licence insight report (it-team@customer.example: ${refused}; boss@msp.example: ${refused}); it is retried`,
    );
    // A webhook took it: the job is done although no e-mail went out (a retry would repeat the webhook).
    await save({ webhookUrls: [receiver.url], emailRecipients: ['it-team@customer.example'] });
    await expect(
      handler({ smtp: smtpConfig(port), publicUrl: undefined })({}, context),
    ).resolves.toBeUndefined();
    // And the other way round: the e-mail went out, the webhook did not matter.
    await save({ webhookUrls: [], emailRecipients: ['it-team@customer.example'] });
    await expect(
      handler({ smtp: smtpConfig(smtp.port), publicUrl: undefined })({}, context),
    ).resolves.toBeUndefined();
  });

  it('does not send in clear when TLS is required, and names a refused sign-in without the password', async () => {
    await save({ webhookUrls: [], emailRecipients: ['it-team@customer.example'] });
    smtp.received.length = 0;
    const [clear] = (
      await sender({ smtp: smtpConfig(smtp.port, { requireTls: true }), publicUrl: undefined })('manual')
    ).emailDeliveries;
    expect(clear).toMatchObject({ ok: false });
    expect(clear!.error).toMatch(
      new RegExp(
        `^the SMTP server 127\\.0\\.0\\.1:${smtp.port} did not start TLS \\(.+\\); the report is not sent in clear while smtp\\.requireTls is true$`,
      ),
    );

    // A server offering STARTTLS with a certificate Node does not trust (smtp-server's own).
    const tls = new SMTPServer({ authOptional: true, logger: false });
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    const tlsPort = (tls.server.address() as AddressInfo).port;
    const [untrusted] = (
      await sender({ smtp: smtpConfig(tlsPort, { requireTls: true }), publicUrl: undefined })('manual')
    ).emailDeliveries;
    await new Promise<void>((resolve) => tls.close(resolve));
    expect(untrusted!.error).toMatch(
      new RegExp(`^the SMTP server 127\\.0\\.0\\.1:${tlsPort}'s certificate is not trusted \\(\\w+\\)`),
    );

    const wrong = 'wrong-password-also-secret';
    const [refused] = (
      await sender({ smtp: smtpConfig(smtp.port, { password: wrong }), publicUrl: undefined })('manual')
    ).emailDeliveries;
    expect(refused).toEqual({
      to: 'it-team@customer.example',
      ok: false,
      error: expect.stringMatching(
        /^the SMTP server refused to sign in as smtp\.user \(it answered "535 .+"\); check the user name and password$/,
      ),
    });
    expect(refused!.error).not.toContain(wrong);
    expect(smtp.received).toEqual([]);
  });
});
