import { graphSubscriptions, MicrosoftError } from '../../../microsoft/index.js';
import {
  createConnectionRepository,
  createGraphSubscriptionRepository,
  type ConnectionSummary,
} from '../../../store/index.js';
import type {
  MaintainPorts,
  NotifiedConnection,
  SubscriptionCalls,
  SubscriptionProblem,
} from '../../../sync/notifications/index.js';
import type { ApiDeps } from '../../deps.js';
import { ApiHttpError } from '../../http/api-error.js';
import { connectionGraph } from './connection-graph.js';
import { enabledOnThisInstance, entraSettings } from './connection-settings.js';
import { notificationUrls } from './notification-urls.js';

type Deps = Pick<ApiDeps, 'db' | 'secrets' | 'microsoft' | 'config' | 'now'>;

/** The tenants an Entra connection reads (its own tenant; the ports of imports say the same). */
export function connectionTenantIds(connection: Pick<ConnectionSummary, 'tenantId'>): string[] {
  return [connection.tenantId];
}

/** Whether a connection may hold subscriptions now, and why not. */
export function notifiedConnection(
  config: Deps['config'],
  connection: ConnectionSummary,
): NotifiedConnection {
  const tenantIds = connectionTenantIds(connection);
  if (connection.inactive) {
    return { id: connection.id, active: false, inactiveReason: 'The connection is disabled.', tenantIds };
  }
  if (!enabledOnThisInstance(config, entraSettings(connection).enabledFor)) {
    return {
      id: connection.id,
      active: false,
      inactiveReason: `The connection is enabled for production instances only and this is a ${config.instance} instance.`,
      tenantIds,
    };
  }
  return { id: connection.id, active: true, tenantIds };
}

const isGone = (error: unknown) => error instanceof MicrosoftError && error.status === 404;

/** Words for a failed subscription call that say what to do. */
export function describeSubscriptionError(
  error: unknown,
  during: 'create' | 'renew' | 'reauthorize' | 'delete',
  notificationUrl: string | null,
): SubscriptionProblem {
  if (error instanceof ApiHttpError) return { code: 'connectionIncomplete', message: error.message };
  if (!(error instanceof MicrosoftError)) {
    return {
      code: 'unexpected',
      message: `Could not ${during} the subscription: ${(error as Error).message}`,
    };
  }
  const said = error.microsoftMessage ? ` Microsoft said: ${error.microsoftMessage}` : '';
  if (
    during === 'create' &&
    (error.microsoftCode === 'ValidationError' || /validation/i.test(error.microsoftMessage ?? ''))
  ) {
    return {
      code: 'validationFailed',
      message: `Microsoft could not validate ${notificationUrl ?? 'the notification address'}: it must reach this server over https from the internet and get an answer within 10 seconds. Check the server setting publicUrl, DNS, the certificate and any firewall or reverse proxy in front of Rollcall.${said}`,
    };
  }
  if (error.status === 403) {
    return {
      code: 'forbidden',
      message: `Microsoft refused to ${during} the subscription. The app needs the User.Read.All and Group.Read.All application permissions with admin consent; Microsoft also allows at most 100 subscriptions per app in a tenant.${said}`,
    };
  }
  return { code: error.code, message: `${error.title}: ${error.whatHappened} ${error.howToFix}${said}` };
}

/** Graph's subscription calls for a stored connection, with 404 as `gone`. */
async function subscriptionCalls(
  deps: Deps,
  connection: ConnectionSummary,
  signal?: AbortSignal,
): Promise<SubscriptionCalls> {
  const { graph } = await connectionGraph(deps, connection);
  const calls = graphSubscriptions(graph);
  /** Runs a call; a 404 (the subscription no longer exists) is `gone`, not an error. */
  const goneAs = async <T extends string>(run: () => Promise<void>, ok: T): Promise<T | 'gone'> => {
    try {
      await run();
      return ok;
    } catch (error) {
      if (isGone(error)) return 'gone';
      throw error;
    }
  };
  return {
    create: (input) => calls.create(input, signal),
    renew: (id, until) => goneAs(() => calls.renew(id, until, signal), 'renewed'),
    reauthorize: (id) => goneAs(() => calls.reauthorize(id, signal), 'reauthorized'),
    delete: async (id) => void (await goneAs(() => calls.delete(id, signal), 'deleted')),
  };
}

/**
 * The maintenance pipeline's ports over the store and Graph (the composition root's half of
 * `maintainSubscriptions`). `catchUp` is what to do after a lost subscription was created again.
 */
export function createMaintainPorts(
  deps: Deps,
  options: { catchUp(connectionId: string, tenantId: string): Promise<void>; signal?: AbortSignal },
): MaintainPorts {
  const connections = createConnectionRepository(deps.db, deps.secrets);
  const store = createGraphSubscriptionRepository(deps.db);
  const loaded = new Map<string, ConnectionSummary>();
  const urls = notificationUrls(deps.config);
  return {
    now: deps.now,
    async connection(connectionId) {
      const connection = await connections.findById(connectionId);
      if (!connection || connection.kind !== 'entra') return null;
      loaded.set(connectionId, connection);
      return notifiedConnection(deps.config, connection);
    },
    urls: () => (urls.ok ? urls : { code: urls.code, message: urls.message }),
    async calls(connectionId) {
      const connection = loaded.get(connectionId) ?? (await connections.findById(connectionId));
      if (!connection) throw new Error(`connection ${connectionId} disappeared`);
      return subscriptionCalls(deps, connection, options.signal);
    },
    describe: (error, during) =>
      describeSubscriptionError(error, during, urls.ok ? urls.notificationUrl : null),
    store: {
      list: (connectionId) => store.list(connectionId),
      ensure: (connectionId, tenantId, resource) => store.ensure(connectionId, tenantId, resource),
      activated: (id, values) => store.activated(id, values),
      renewed: (id, expiresAt) => store.renewed(id, expiresAt),
      failed: (id, problem) => store.failed(id, problem),
      detached: (id, problem) => store.detached(id, problem),
      remove: (id) => store.remove(id),
    },
    catchUp: options.catchUp,
  };
}
