import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createDirectoryUser,
  findUsersByEmployeeIds,
} from '../../../src/microsoft/directory/provisioning/index.js';
import {
  counted,
  startProvisioningFixture,
  type ProvisioningFixture,
} from '../provisioning/emulated-graph.js';

let f: ProvisioningFixture;
beforeAll(async () => {
  f = await startProvisioningFixture();
});
afterAll(() => f.emu.close());
beforeEach(() => f.reset());

async function joiner(nickname: string, employeeId: string): Promise<string> {
  const created = await createDirectoryUser(f.graph, {
    userPrincipalName: `${nickname}@contoso.com`,
    mailNickname: nickname,
    displayName: nickname,
    givenName: 'Kim',
    surname: 'Lee',
    accountEnabled: false,
    password: 'Kx7!mQv2#pLr9zTw',
    forceChangePasswordNextSignIn: true,
    employeeId,
  });
  if (!created.ok) throw new Error(created.refusal.title);
  return created.value.id;
}

describe('findUsersByEmployeeIds', () => {
  it('reads 40 employee ids with one $batch and shows every holder of a duplicated id', async () => {
    const first = await joiner('kim.lee', 'HR-7');
    const second = await joiner('kim.lee2', 'hr-7');
    const quoted = await joiner('sean.oneil', "O'N-1");
    f.sent.length = 0;
    f.emu.counters.reset();

    const others = Array.from({ length: 37 }, (_, i) => `NOBODY-${i}`);
    const found = await findUsersByEmployeeIds(f.graph, ['HR-7', 'e001', "O'N-1", ...others]);

    expect(f.sent).toEqual(['POST /v1.0/$batch']);
    expect(counted(f, 'POST /$batch')).toBe(1);
    expect(found.ok).toBe(true);
    if (!found.ok) return;
    expect(found.value.size).toBe(40);
    expect(
      found.value
        .get('hr-7')
        ?.map((u) => u.id)
        .sort(),
    ).toEqual([first, second].sort());
    expect(found.value.get('e001')).toMatchObject([
      {
        id: f.fx.users.adele,
        userPrincipalName: 'AdeleV@contoso.com',
        employeeId: 'E001',
        accountEnabled: true,
      },
    ]);
    expect(found.value.get("o'n-1")).toMatchObject([
      { id: quoted, employeeId: "O'N-1", accountEnabled: false, mail: null, proxyAddresses: [] },
    ]);
    expect(found.value.get('nobody-0')).toEqual([]);
    expect(found.response).toMatchObject({ status: 200, body: { usersByEmployeeId: { 'nobody-0': [] } } });
  });

  it('reads up to 15 ids with one GET, and nothing at all for none', async () => {
    const found = await findUsersByEmployeeIds(f.graph, ['E001', ' ', 'e001']);
    expect(found).toMatchObject({ ok: true, request: { method: 'GET' } });
    expect(f.sent).toHaveLength(1);
    expect(f.sent[0]).toContain("employeeId in ('E001')");

    expect(await findUsersByEmployeeIds(f.graph, [])).toMatchObject({ ok: true, request: null });
    expect(f.sent).toHaveLength(1);
  });
});
