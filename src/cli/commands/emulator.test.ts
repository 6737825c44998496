import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorInfo } from '../../emulator/index.js';

const MAIN = join(import.meta.dirname, '..', 'main.ts');

/** One process (no npx/tsx wrapper), so the signal reaches the emulator itself. */
function rollcall(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { stdio: 'pipe' });
}

function exited(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

function httpsJson(
  url: string,
  ca: Buffer,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers, ca }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }),
      );
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('rollcall emulator --json', () => {
  let child: ChildProcessWithoutNullStreams;
  let exit: ReturnType<typeof exited>;
  let firstLine: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'rollcall-cli-emulator-'));

  beforeAll(async () => {
    child = rollcall(['emulator', '--preset', 'demo', '--json', '--port', '0', '--data-dir', dataDir]);
    exit = exited(child);
    const lines = createInterface({ input: child.stdout });
    firstLine = await new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`emulator exited (${code}) before printing`)));
    });
  });

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exit;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the emulator info as the first stdout line', () => {
    const info = JSON.parse(firstLine) as EmulatorInfo;
    expect(info.authorityHost).toMatch(/^https:\/\/localhost:\d+$/);
    expect(info.graphBaseUrl).toBe(`${info.authorityHost}/v1.0`);
    expect(info.partnerCenterBaseUrl).toBe(`${info.authorityHost}/partnercenter`);
    expect(info.adminUrl).toBe(`${info.authorityHost}/_emulator`);
    expect(info.caCertPath).toBe(join(dataDir, 'tls', 'ca.pem'));
    expect(new Set(info.apps.map((a) => a.kind))).toEqual(new Set(['partner', 'gdap', 'sso', 'graph']));
    for (const app of info.apps)
      expect(Object.keys(app).sort()).toEqual(['clientId', 'clientSecret', 'kind', 'tenantId']);
  });

  it('serves a token for a printed app over HTTPS trusted through the printed CA, and pages users', async () => {
    const info = JSON.parse(firstLine) as EmulatorInfo;
    const ca = readFileSync(info.caCertPath);
    const app = info.apps.find((a) => a.kind === 'graph')!;
    const token = await httpsJson(`${info.authorityHost}/${app.tenantId}/oauth2/v2.0/token`, ca, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: app.clientId,
        client_secret: app.clientSecret,
        scope: 'https://graph.microsoft.com/.default',
      }).toString(),
    });
    expect(token.status).toBe(200);
    const users = await httpsJson(`${info.graphBaseUrl}/users?$top=5`, ca, {
      headers: { authorization: `Bearer ${String(token.body.access_token)}` },
    });
    expect(users.status).toBe(200);
    expect(users.body.value).toHaveLength(5);
    expect(String(users.body['@odata.nextLink'])).toContain(`${info.graphBaseUrl}/users`);
  });

  it('stops cleanly on SIGTERM', async () => {
    child.kill('SIGTERM');
    expect((await exit).code).toBe(0);
  });
});

describe('rollcall emulator flag validation', () => {
  it('names the missing flag when --users comes without --tenants', async () => {
    const { code, stderr } = await exited(rollcall(['emulator', '--users', '10', '--port', '0']));
    expect(code).toBe(1);
    expect(stderr).toContain('--users needs --tenants');
  });
});
