import {
  createEmulator,
  type Emulator,
  type EmulatorInfo,
  type EmulatorOptions,
} from '../../src/emulator/index.js';
import { GRAPH_RESOURCE, PARTNER_CENTER_RESOURCE } from '../../src/emulator/state/types.js';

/** Starts an emulator for a test file; call `close()` in afterAll. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return createEmulator({ listen: false, ...options });
}

/** Rollcall's `microsoft` configuration for a listening emulator: its authority, Graph, Partner Center and CA. */
export function emulatorEndpoints(info: EmulatorInfo) {
  return {
    authorityHost: info.authorityHost,
    graphBaseUrl: info.graphBaseUrl,
    partnerCenterBaseUrl: info.partnerCenterBaseUrl,
    extraCaPath: info.caCertPath,
  };
}

/**
 * Mints an access token directly (bypassing the token endpoint) for tests of Graph and Partner
 * Center behaviour; tests of the identity platform itself use the token endpoint.
 */
export async function mintToken(
  emulator: Emulator,
  input: {
    tenantId: string;
    appId?: string;
    roles?: string[];
    scopes?: string[];
    userId?: string;
    resource?: 'graph' | 'partnercenter';
    lifetimeSeconds?: number;
  },
): Promise<string> {
  const delegated = input.scopes !== undefined;
  const tid = input.tenantId;
  return emulator.context.issuer.sign(
    {
      aud: input.resource === 'partnercenter' ? PARTNER_CENTER_RESOURCE : GRAPH_RESOURCE,
      iss: `https://sts.windows.net/${tid}/`,
      tid,
      appid: input.appId ?? '11111111-1111-4111-8111-111111111111',
      oid: input.userId ?? '22222222-2222-4222-8222-222222222222',
      idtyp: delegated ? 'user' : 'app',
      ...(delegated ? { scp: input.scopes!.join(' ') } : { roles: input.roles ?? [] }),
    },
    input.lifetimeSeconds ?? 3599,
  );
}
