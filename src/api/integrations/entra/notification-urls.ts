import {
  graphLifecycleEndpoint,
  graphNotificationEndpoint,
} from '../../../contracts/api/graph-notifications.js';
import type { ServerConfig } from '../../../contracts/config.js';

/** Plain http is accepted only for a receiver on this machine (a local emulator, tests). */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export type NotificationUrls =
  | { ok: true; notificationUrl: string; lifecycleNotificationUrl: string }
  | { ok: false; code: 'publicUrlMissing' | 'publicUrlNotHttps'; message: string };

/**
 * Where Microsoft delivers change notifications: the server's `publicUrl` plus the receiver's
 * path. Graph requires https (and validates the address before creating a subscription).
 */
export function notificationUrls(config: Pick<ServerConfig, 'publicUrl'>): NotificationUrls {
  if (!config.publicUrl) {
    return {
      ok: false,
      code: 'publicUrlMissing',
      message:
        'Change notifications need the server setting publicUrl: the https address at which Microsoft can reach this server from the internet (e.g. https://rollcall.example.com).',
    };
  }
  const base = new URL(config.publicUrl);
  const loopback = base.protocol === 'http:' && LOOPBACK_HOSTS.has(base.hostname.toLowerCase());
  if (base.protocol !== 'https:' && !loopback) {
    return {
      ok: false,
      code: 'publicUrlNotHttps',
      message: `Change notifications need an https publicUrl (Microsoft delivers only to https addresses); it is ${base.origin}.`,
    };
  }
  const root = base.href.replace(/\/+$/, '');
  return {
    ok: true,
    notificationUrl: `${root}${graphNotificationEndpoint.path}`,
    lifecycleNotificationUrl: `${root}${graphLifecycleEndpoint.path}`,
  };
}
