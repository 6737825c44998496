import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineEndpoint } from '../../contracts/api/endpoint.js';
import type { Principal } from '../auth/principal.js';
import { createServer } from '../server.js';
import { ApiHttpError } from './api-error.js';
import { CSRF_HEADER, registerEndpoint } from './register-endpoint.js';

const agent = (permissions: Principal['permissions']): Principal => ({
  accountId: 'a1',
  kind: 'agent',
  displayName: 'Ada',
  email: 'ada@example.com',
  permissions,
  customerId: null,
  connectionGrants: new Map(),
  sessionId: 's1',
  csrfToken: 'csrf-1',
});

const rename = defineEndpoint({
  method: 'POST',
  path: '/api/things/:id/name',
  access: { permission: 'customers.write' },
  summary: 'Rename a thing',
  tags: ['test'],
  params: z.object({ id: z.uuid() }),
  body: z.object({ name: z.string().min(1, 'name must not be empty') }),
  response: z.object({ id: z.string(), name: z.string() }),
});

async function server(principal: Principal | null) {
  return createServer({
    routes: (app) => {
      registerEndpoint(
        app,
        rename,
        async () => principal,
        ({ params, body }) => {
          if (body.name === 'boom') throw new Error('database exploded with secret details');
          if (body.name === 'taken') throw new ApiHttpError('conflict', 'That name is taken.');
          return { id: params.id, name: body.name };
        },
      );
    },
  });
}

const id = '6f1c0c4e-9a59-4f0e-8d7e-6a1f4f1d2b3c';
const post = (app: Awaited<ReturnType<typeof server>>, body: unknown, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: `/api/things/${id}/name`,
    payload: body as object,
    headers: { [CSRF_HEADER]: 'csrf-1', ...headers },
  });

describe('registerEndpoint', () => {
  it('runs the handler for a principal with the permission (administrators hold all agent permissions)', async () => {
    for (const permissions of [new Set(['customers.write'] as const), new Set(['administrator'] as const)]) {
      const res = await post(await server(agent(permissions)), { name: 'New' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ id, name: 'New' });
      expect(res.headers['x-request-id']).toBeTruthy();
    }
  });

  it('answers 400 naming each invalid field', async () => {
    const res = await post(await server(agent(new Set(['customers.write']))), { name: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'validation_failed',
      errors: [{ field: 'name', message: 'name must not be empty' }],
    });
  });

  it('refuses without a session (401), without the permission (403) and without the CSRF token (403)', async () => {
    expect((await post(await server(null), { name: 'x' })).json()).toMatchObject({ code: 'unauthenticated' });
    const denied = await post(await server(agent(new Set(['customers.read']))), { name: 'x' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().message).toContain('customers.write');
    const noCsrf = await post(
      await server(agent(new Set(['customers.write']))),
      { name: 'x' },
      { [CSRF_HEADER]: 'wrong' },
    );
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json()).toMatchObject({ code: 'csrf_failed' });
  });

  it('keeps typed errors and hides internal ones', async () => {
    const app = await server(agent(new Set(['customers.write'])));
    const conflict = await post(app, { name: 'taken' });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toMatchObject({ code: 'conflict', message: 'That name is taken.' });
    const boom = await post(app, { name: 'boom' });
    expect(boom.statusCode).toBe(500);
    expect(boom.body).not.toContain('secret details');
    expect(boom.json()).toMatchObject({ code: 'internal' });
    const missing = await app.inject({ method: 'GET', url: '/api/nothing' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'not_found' });
  });

  it('records every registered contract', async () => {
    const app = await server(null);
    expect(app.endpoints).toEqual([rename]);
  });
});
