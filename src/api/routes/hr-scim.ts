import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EMPTY_APPLIED_STATE, type HrAppliedState } from '../../contracts/hr/lifecycle.js';
import { personHash } from '../../domain/hr/import-diff.js';
import { personLabel } from '../../domain/hr/preview.js';
import {
  SCIM_MAX_RESULTS,
  ScimError,
  applyScimPatch,
  badRequest,
  describeIssues,
  parseScimFilter,
  parseScimUser,
  personManagerReferences,
  personToScimUser,
  scimAccountOf,
  scimListResponse,
  scimManagerReferences,
  scimPatchRequestSchema,
  scimUserToPerson,
  serviceProviderConfig,
  userResourceType,
  userSchemas,
  type ScimPersonWrite,
} from '../../domain/hr/scim/index.js';
import {
  createHrScimRepository,
  type HrScimPersonRow,
  type HrScimWrite,
} from '../../store/repositories/hr-scim-repository.js';
import type { ApiDeps } from '../deps.js';
import { SCIM_CONTENT_TYPE, installScimHttp, isAuthorised, refuse, sendScimError } from './hr-scim-http.js';

type Deps = Pick<ApiDeps, 'db' | 'config' | 'now'>;

/** Where a source's endpoint lives; the console shows it as the source's SCIM base URL. */
export const HR_SCIM_PREFIX = '/scim/v2/hr/:sourceId';

type SourceParams = { sourceId: string };
type UserParams = SourceParams & { id: string };

/** A page parameter: a whole number, or the default when absent. */
function pageNumber(raw: unknown, name: string, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw badRequest('invalidValue', `${name} must be a whole number.`);
  return value;
}

/**
 * The SCIM 2.0 service provider HR systems push persons to (issue 9; docs/hr.md "SCIM 2.0 push"):
 * Users (create, read, list with an eq filter and paging, replace, patch, delete) and the
 * discovery documents, under `/scim/v2/hr/:sourceId`. No session and no CSRF: each request
 * carries its source's bearer token. Not in the OpenAPI document (SCIM has its own media type and
 * error format). `onPersonsChanged` runs after every write that changed something.
 */
export function registerHrScimRoutes(
  app: FastifyInstance,
  deps: Deps,
  onPersonsChanged: (sourceId: string) => Promise<void>,
): void {
  const repo = createHrScimRepository(deps.db);
  const today = () => deps.now().toISOString().slice(0, 10);
  const baseUrl = (request: FastifyRequest) => {
    const origin = deps.config.publicUrl?.replace(/\/+$/, '') ?? `${request.protocol}://${request.host}`;
    return `${origin}/scim/v2/hr/${(request.params as SourceParams).sourceId}`;
  };
  const send = (reply: FastifyReply, body: unknown, status = 200) =>
    reply.code(status).type(SCIM_CONTENT_TYPE).header('cache-control', 'no-store').send(body);

  /** The User resources of `rows`, managers shown by their SCIM ids, with their accounts once made. */
  const render = async (request: FastifyRequest, rows: HrScimPersonRow[]) => {
    const { sourceId } = request.params as SourceParams;
    const managerScimIds = await repo.scimIdsOf(sourceId, [
      ...new Set(rows.flatMap((r) => personManagerReferences(r.person))),
    ]);
    const base = baseUrl(request);
    return rows.map((row) =>
      personToScimUser(
        {
          ...row,
          created: row.createdAt,
          lastModified: row.updatedAt,
          account: scimAccountOf({ ...EMPTY_APPLIED_STATE, ...(row.applied as Partial<HrAppliedState>) }),
        },
        { location: `${base}/Users/${row.scimId}`, today: today(), managerScimIds },
      ),
    );
  };

  /** Maps a User body to the write, managers' SCIM ids resolved to employee ids. */
  const toWrite = async (sourceId: string, body: unknown, previous: HrScimPersonRow | null) => {
    const user = parseScimUser(body);
    const managerEmployeeIds = await repo.employeeIdsOf(sourceId, scimManagerReferences(user));
    const mapped: ScimPersonWrite = scimUserToPerson(user, {
      today: today(),
      previous: previous?.person ?? null,
      managerEmployeeIds,
    });
    if (previous && mapped.person.employeeId !== previous.employeeId) {
      throw badRequest(
        'mutability',
        `The employee id cannot change (it is ${previous.employeeId}): delete this user and create a new one.`,
      );
    }
    return {
      ...mapped,
      contentHash: personHash(mapped.person),
      displayName: personLabel(mapped.person),
    } satisfies HrScimWrite;
  };

  const changed = async (request: FastifyRequest, sourceId: string) => {
    try {
      await onPersonsChanged(sourceId);
    } catch (err) {
      // The write is stored: failing the request would only make the HR system repeat it.
      request.log.warn({ err, sourceId }, 'SCIM write stored, but queueing enforcement failed');
    }
  };

  /** Writes a replace or patch unless it changes nothing (Entra repeats unchanged updates). */
  const update = async (
    request: FastifyRequest,
    reply: FastifyReply,
    existing: HrScimPersonRow,
    body: unknown,
  ) => {
    const { sourceId } = request.params as SourceParams;
    const write = await toWrite(sourceId, body, existing);
    const same =
      write.contentHash === existing.contentHash &&
      write.userName === existing.userName &&
      write.externalId === existing.externalId &&
      write.active === existing.active;
    const row = same ? existing : await repo.replace(sourceId, existing.scimId, write, today());
    if (!row) return sendScimError(reply, 404, 'No such user.');
    if (!same) await changed(request, sourceId);
    return send(reply, (await render(request, [row]))[0]);
  };

  const found = async (request: FastifyRequest<{ Params: UserParams }>) => {
    const row = await repo.get(request.params.sourceId, request.params.id);
    if (!row) throw new ScimError(404, 'No such user.');
    return row;
  };

  void app.register(
    async (scim) => {
      installScimHttp(scim);
      scim.addHook('onRequest', async (request, reply) => {
        if (!(await isAuthorised(request, repo))) return refuse(reply);
      });
      const route = { schema: { hide: true } };

      scim.get('/ServiceProviderConfig', route, async (request, reply) =>
        send(reply, serviceProviderConfig(baseUrl(request))),
      );
      scim.get('/ResourceTypes', route, async (request, reply) =>
        send(reply, scimListResponse([userResourceType(baseUrl(request))], 1, 1)),
      );
      scim.get<{ Params: SourceParams & { name: string } }>(
        '/ResourceTypes/:name',
        route,
        async (request, reply) =>
          request.params.name === 'User'
            ? send(reply, userResourceType(baseUrl(request)))
            : sendScimError(reply, 404, 'Only the User resource type exists.'),
      );
      scim.get('/Schemas', route, async (request, reply) => {
        const schemas = userSchemas(baseUrl(request));
        return send(reply, scimListResponse(schemas, schemas.length, 1));
      });
      scim.get<{ Params: SourceParams & { uri: string } }>('/Schemas/:uri', route, async (request, reply) => {
        const schema = userSchemas(baseUrl(request)).find((s) => s.id === request.params.uri);
        return schema ? send(reply, schema) : sendScimError(reply, 404, 'No such schema.');
      });

      scim.get<{ Params: SourceParams; Querystring: Record<string, string | undefined> }>(
        '/Users',
        route,
        async (request, reply) => {
          const { filter, startIndex, count } = request.query;
          const query = {
            filter: filter ? parseScimFilter(filter) : null,
            startIndex: Math.max(1, pageNumber(startIndex, 'startIndex', 1)),
            count: Math.min(SCIM_MAX_RESULTS, Math.max(0, pageNumber(count, 'count', SCIM_MAX_RESULTS))),
          };
          const { totalResults, rows } = await repo.list(request.params.sourceId, query);
          return send(reply, scimListResponse(await render(request, rows), totalResults, query.startIndex));
        },
      );

      scim.post<{ Params: SourceParams }>('/Users', route, async (request, reply) => {
        const { sourceId } = request.params;
        const row = await repo.insert(sourceId, await toWrite(sourceId, request.body, null), today());
        await changed(request, sourceId);
        const [user] = await render(request, [row]);
        return send(reply.header('location', `${baseUrl(request)}/Users/${row.scimId}`), user, 201);
      });

      scim.get<{ Params: UserParams }>('/Users/:id', route, async (request, reply) =>
        send(reply, (await render(request, [await found(request)]))[0]),
      );

      scim.put<{ Params: UserParams }>('/Users/:id', route, async (request, reply) =>
        update(request, reply, await found(request), request.body),
      );

      scim.patch<{ Params: UserParams }>('/Users/:id', route, async (request, reply) => {
        const existing = await found(request);
        const parsed = scimPatchRequestSchema.safeParse(request.body);
        if (!parsed.success) throw badRequest('invalidSyntax', describeIssues(parsed.error));
        const [current] = await render(request, [existing]);
        return update(request, reply, existing, applyScimPatch(current!, parsed.data.Operations));
      });

      scim.delete<{ Params: UserParams }>('/Users/:id', route, async (request, reply) => {
        const { sourceId, id } = request.params;
        if (!(await repo.remove(sourceId, id, today()))) return sendScimError(reply, 404, 'No such user.');
        await changed(request, sourceId);
        return reply.code(204).send();
      });

      scim.all('/*', route, async (request, reply) =>
        sendScimError(reply, 404, `No such SCIM endpoint: ${request.method} ${request.url.split('?')[0]}`),
      );
    },
    { prefix: HR_SCIM_PREFIX },
  );
}
