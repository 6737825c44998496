import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/api/observability/logger.js';
import { startTestApp, type TestApp } from '../../support/app.js';

const SECRETS = {
  authorization: 'Bearer eyJ-very-secret-access-token',
  cookie: 'rollcall_session=session-cookie-secret',
  password: 'correct horse battery staple',
  clientSecret: 'client-secret-value-123',
  refreshToken: 'refresh-token-value-456',
  code: 'one-time-authorization-code-789',
};

/** Collects every JSON line the logger writes. */
function memoryStream() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

describe('logs', () => {
  const output = memoryStream();
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ logger: createLogger({ level: 'info', destination: output.stream }) });
    // A careless route: logs whole headers and bodies, and fails with secrets on the error.
    app.app.post('/test/careless', async (request) => {
      request.log.info({ headers: request.headers, body: request.body }, 'careless route called');
      const error = Object.assign(new Error('upstream refused'), {
        request: { headers: { authorization: SECRETS.authorization } },
        clientSecret: SECRETS.clientSecret,
      });
      throw error;
    });
  });
  afterAll(() => app.close());

  it('are JSON lines carrying the request id, with no secret anywhere', async () => {
    const res = await app.app.inject({
      method: 'POST',
      url: `/test/careless?code=${SECRETS.code}&tenant=contoso`,
      headers: {
        authorization: SECRETS.authorization,
        cookie: SECRETS.cookie,
        'x-request-id': 'req-logging-test-1',
      },
      payload: {
        email: 'ada@example.com',
        password: SECRETS.password,
        connection: { clientSecret: SECRETS.clientSecret, nested: [{ refreshToken: SECRETS.refreshToken }] },
      },
    });
    expect(res.statusCode).toBe(500);
    const entries = output.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const mine = entries.filter((e) => e.reqId === 'req-logging-test-1');
    expect(mine.map((e) => e.msg)).toEqual(
      expect.arrayContaining([
        'incoming request',
        'careless route called',
        'request failed',
        'request completed',
      ]),
    );
    const careless = mine.find((e) => e.msg === 'careless route called') as {
      headers: Record<string, string>;
      body: { email: string; password: string };
    };
    expect(careless.body.email).toBe('ada@example.com');
    expect(careless.body.password).toBe('[redacted]');
    expect(careless.headers.authorization).toBe('[redacted]');
    const incoming = mine.find((e) => e.msg === 'incoming request') as { req: { url: string } };
    expect(incoming.req.url).toContain('tenant=contoso');
    const all = output.lines.join('\n');
    for (const [name, secret] of Object.entries(SECRETS)) expect(all, name).not.toContain(secret);
    expect(all).not.toContain('session-cookie-secret');
  });
});
