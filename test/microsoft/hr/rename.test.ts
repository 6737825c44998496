import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DIRECTORY_REFUSAL_CODES,
  type NewDirectoryUser,
} from '../../../src/contracts/onboarding/directory.js';
import {
  createDirectoryUser,
  findAddressesInUse,
  readDirectoryUser,
  updateDirectoryUser,
} from '../../../src/microsoft/directory/provisioning/index.js';
import { startProvisioningFixture, type ProvisioningFixture } from '../provisioning/emulated-graph.js';

const OLD = 'jo.bloggs@contoso.com';
const NEW = 'jo.smith@contoso.com';
const person = (upn: string, nickname: string): NewDirectoryUser => ({
  userPrincipalName: upn,
  mailNickname: nickname,
  displayName: 'Jo Bloggs',
  givenName: 'Jo',
  surname: 'Bloggs',
  accountEnabled: true,
  password: 'Kx7!mQv2#pLr9zTw',
  forceChangePasswordNextSignIn: true,
});

let f: ProvisioningFixture;
beforeAll(async () => {
  f = await startProvisioningFixture();
});
afterAll(() => f.emu.close());
beforeEach(() => f.reset());

/** A mailbox user whose address is its sign-in name, as Exchange Online sets it up. */
async function mailboxUser(): Promise<string> {
  const created = await createDirectoryUser(f.graph, person(OLD, 'jo.bloggs'));
  if (!created.ok) throw new Error(created.refusal.title);
  const mail = await updateDirectoryUser(f.graph, created.value.id, { mail: OLD });
  if (!mail.ok) throw new Error(mail.refusal.title);
  return created.value.id;
}

describe('renaming a user (mover: new surname)', () => {
  it('keeps the old address as a secondary smtp alias', async () => {
    const id = await mailboxUser();
    const renamed = await updateDirectoryUser(f.graph, id, {
      userPrincipalName: NEW,
      mail: NEW,
      profile: { surname: 'Smith', displayName: 'Jo Smith' },
    });
    expect(renamed).toMatchObject({
      ok: true,
      request: { method: 'PATCH', body: { userPrincipalName: NEW, mail: NEW, surname: 'Smith' } },
    });

    const user = await readDirectoryUser(f.graph, id);
    expect(user).toMatchObject({
      ok: true,
      value: {
        userPrincipalName: NEW,
        mail: NEW,
        surname: 'Smith',
        proxyAddresses: [`SMTP:${NEW}`, `smtp:${OLD}`],
      },
    });
    // Signing in or looking up by the old name no longer finds the user.
    expect(await readDirectoryUser(f.graph, OLD)).toMatchObject({ ok: true, value: null });
  });

  it('does not let a new user take the old address while it is still an alias', async () => {
    const id = await mailboxUser();
    await updateDirectoryUser(f.graph, id, { userPrincipalName: NEW, mail: NEW });

    const taken = await createDirectoryUser(f.graph, person(OLD, 'jo.bloggs'));
    expect(taken).toMatchObject({
      ok: false,
      refusal: { code: DIRECTORY_REFUSAL_CODES.addressTaken },
      response: { status: 400, body: { error: { code: 'Request_BadRequest' } } },
    });
    expect(await findAddressesInUse(f.graph, [OLD, 'jo.bloggs2@contoso.com'])).toMatchObject({
      ok: true,
      value: [OLD],
    });

    // Renaming back makes the old address primary again, the newer one an alias.
    await updateDirectoryUser(f.graph, id, { userPrincipalName: OLD, mail: OLD });
    expect(await readDirectoryUser(f.graph, id)).toMatchObject({
      value: { userPrincipalName: OLD, proxyAddresses: [`SMTP:${OLD}`, `smtp:${NEW}`] },
    });
  });
});
