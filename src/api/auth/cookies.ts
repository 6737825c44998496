import { fastifyCookie } from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerConfig } from '../../contracts/config.js';

/** The session cookie: a random token; the database keeps only its SHA-256. */
export const SESSION_COOKIE = 'rollcall_session';
/** Holds a sign-in with Microsoft in progress (state, nonce, PKCE verifier), signed. */
export const SSO_STATE_COOKIE = 'rollcall_sso';
export const SSO_STATE_COOKIE_PATH = '/api/auth/sso';

/**
 * Registers @fastify/cookie on the app unless something already did. The plugin is not
 * encapsulated, so registering it from a route module serves every route.
 */
export async function ensureCookieSupport(app: FastifyInstance): Promise<void> {
  if (!app.hasDecorator('parseCookie')) await app.register(fastifyCookie);
}

/** Cookies get `Secure` when the browser reached us over https, or Rollcall's public address is https. */
export function secureCookies(request: FastifyRequest, config: ServerConfig): boolean {
  return request.protocol === 'https' || (config.publicUrl?.startsWith('https:') ?? false);
}

/** A cookie of the request, whether or not @fastify/cookie parsed them. */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const parsed = (request as { cookies?: Record<string, string | undefined> }).cookies;
  if (parsed) return parsed[name];
  const header = request.headers.cookie;
  return header ? fastifyCookie.parse(header)[name] : undefined;
}

/** The session cookie: HttpOnly, SameSite=Lax, whole site, ends with the browser session. */
export function setSessionCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  config: ServerConfig,
  token: string,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies(request, config),
    path: '/',
  });
}

export function clearSessionCookie(reply: FastifyReply, request: FastifyRequest, config: ServerConfig): void {
  reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies(request, config),
    path: '/',
  });
}
