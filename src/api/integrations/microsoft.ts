import { readFile } from 'node:fs/promises';
import type { ServerConfig } from '../../contracts/config.js';
import {
  createHttpsTransport,
  createMicrosoftClients,
  type MicrosoftClients,
  type Transport,
} from '../../microsoft/index.js';

/**
 * The server's way to Microsoft (or the sandbox), built from the `microsoft` section of the
 * server config on first use: a process that never talks to Microsoft never reads the CA file.
 */
export interface MicrosoftIntegration {
  /** Tokens (msal-node), Graph and Partner Center clients. */
  clients(): Promise<MicrosoftClients>;
  /** HTTPS with the same trusted CA, for OAuth calls made outside msal-node (authorization code). */
  transport(): Promise<Transport>;
  /** Closes pooled connections (on server shutdown). */
  close(): void;
}

/** Endpoints and the extra CA of `config.microsoft`, as `createMicrosoftClients` takes them. */
export async function microsoftEndpointsFromConfig(config: ServerConfig) {
  const { authorityHost, graphBaseUrl, partnerCenterBaseUrl, partnerApiBaseUrl, extraCaPath } =
    config.microsoft;
  return {
    authorityHost: authorityHost.replace(/\/+$/, ''),
    graphBaseUrl: graphBaseUrl.replace(/\/+$/, ''),
    partnerCenterBaseUrl: partnerCenterBaseUrl.replace(/\/+$/, ''),
    ...(partnerApiBaseUrl ? { partnerApiBaseUrl: partnerApiBaseUrl.replace(/\/+$/, '') } : {}),
    ...(extraCaPath ? { extraCaPem: await readFile(extraCaPath, 'utf8') } : {}),
  };
}

interface Built {
  clients: MicrosoftClients;
  transport: Transport;
}

export function createMicrosoftIntegration(config: ServerConfig): MicrosoftIntegration {
  let built: Promise<Built> | undefined;
  let closed = false;
  const build = () => {
    if (closed) return Promise.reject(new Error('the Microsoft clients were closed with the server'));
    built ??= microsoftEndpointsFromConfig(config)
      .then((endpoints) => ({
        clients: createMicrosoftClients({ endpoints }),
        transport: createHttpsTransport(endpoints.extraCaPem ? { extraCaPem: endpoints.extraCaPem } : {}),
      }))
      .catch((error: unknown) => {
        // A missing CA file is fixed by the operator; the next call tries again.
        built = undefined;
        throw error;
      });
    return built;
  };
  return {
    clients: async () => (await build()).clients,
    transport: async () => (await build()).transport,
    close() {
      closed = true;
      void built
        ?.then(({ clients, transport }) => {
          clients.close();
          transport.close();
        })
        .catch(() => undefined);
    },
  };
}
