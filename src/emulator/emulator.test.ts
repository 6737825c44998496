import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:https';
import { readFileSync } from 'node:fs';
import { createEmulator, type Emulator } from './index.js';

describe('emulator transport', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await createEmulator({ preset: 'empty' });
  });
  afterAll(() => emu.close());

  it('serves HTTPS with a certificate signed by the CA it printed', async () => {
    const info = emu.info();
    const url = new URL(`${info.graphBaseUrl}/nothing-here`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(url, { ca: readFileSync(info.caCertPath) }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(400);
  });

  it('answers unknown Graph segments in the Graph error envelope and counts nothing', async () => {
    const res = await emu.inject({ method: 'GET', url: '/v1.0/nothing-here' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: { code: 'BadRequest', message: "Resource not found for the segment 'nothing-here'." },
    });
    expect(res.headers?.['request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
