import type { AddressInfo } from 'node:net';
import { startTestApp, type StartTestAppOptions, type TestApp } from '../../support/app.js';
import { ensureWebBuilt } from './web-build.js';

/** The real Rollcall (API and built web app) listening on a free loopback port for a browser. */
export interface E2eServer {
  app: TestApp;
  /** `http://127.0.0.1:PORT` */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Builds the web app if needed, composes Rollcall on a fresh database the way `rollcall serve`
 * does, and listens on a free port.
 */
export async function startE2eServer(options: StartTestAppOptions = {}): Promise<E2eServer> {
  await ensureWebBuilt();
  const app = await startTestApp(options);
  try {
    await app.app.listen({ port: 0, host: '127.0.0.1' });
  } catch (error) {
    await app.close();
    throw error;
  }
  const { port } = app.app.server.address() as AddressInfo;
  return { app, baseUrl: `http://127.0.0.1:${port}`, close: () => app.close() };
}
