import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../access/fixtures.js';
import { givenScenario, type ImportScenario } from './import-scenario.js';
import {
  eventually,
  startNotificationWorld,
  subscriptionsOf,
  type NotificationWorld,
} from './notifications-fixtures.js';

let w: NotificationWorld;
let scenario: ImportScenario;

beforeAll(async () => {
  // An address Microsoft (the emulator) cannot reach.
  w = await startNotificationWorld({ publicUrl: 'https://rollcall.invalid' });
  scenario = await givenScenario({ world: w.world, app: w.app, admin: w.admin }, 'unreachable');
}, 60_000);
afterAll(() => w?.close());

describe('Graph change notifications when Microsoft cannot reach Rollcall', () => {
  it('records the failed validation on each subscription with what to check', async () => {
    const base = `/api/entra/connections/${scenario.connectionId}/notifications`;
    const res = await call(w.app, w.admin, 'PUT', base, { enabled: true });
    expect(res.statusCode, res.body).toBe(200);
    const rows = await eventually(
      'failed subscriptions',
      async () => {
        const rows = await subscriptionsOf(w.app, scenario.connectionId);
        return rows.length === 2 && rows.every((r) => r.status === 'failed') && rows;
      },
      30_000,
    );
    for (const row of rows) {
      expect(row.lastError?.code).toBe('validationFailed');
      expect(row.lastError?.message).toContain('https://rollcall.invalid/api/notifications/graph');
      expect(row.lastError?.message).toContain('publicUrl');
    }
    const view = (await call(w.app, w.admin, 'GET', base)).json();
    expect(view.subscriptions.map((s: { status: string }) => s.status)).toEqual(['failed', 'failed']);
    expect(w.world.emu.estate.tenant(scenario.tenantId)!.graphSubscriptions.size).toBe(0);
  });
});
