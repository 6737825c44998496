import { expect } from 'vitest';
import { decodeJwt, type JWTPayload } from 'jose';
import type { Emulator } from '../../../src/emulator/index.js';

/** Response of `emu.inject` narrowed to what identity tests read. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export async function postToken(
  emu: Emulator,
  tenant: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const res = await emu.inject({
    method: 'POST',
    url: `/${tenant}/oauth2/v2.0/token`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, headers: res.headers ?? {}, body: res.body };
}

export interface TokenBody {
  token_type: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  scope?: string;
  refresh_token?: string;
  id_token?: string;
  client_info?: string;
}

export function claimsOf(token: string): JWTPayload & Record<string, unknown> {
  return decodeJwt(token) as JWTPayload & Record<string, unknown>;
}

/** Hidden and visible inputs of the first form on a page, as a browser would submit them. */
export function formOf(html: string): { action: string; fields: Record<string, string> } {
  const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  if (!form) throw new Error(`no form in page:\n${html}`);
  const unescape = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const fields: Record<string, string> = {};
  for (const m of form[2]!.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields[unescape(m[1]!)] = unescape(m[2]!);
  }
  return { action: unescape(form[1]!), fields };
}

export async function getPage(emu: Emulator, url: string): Promise<Reply> {
  const res = await emu.inject({ method: 'GET', url });
  return { status: res.status, headers: res.headers ?? {}, body: res.body };
}

export async function postPage(emu: Emulator, path: string, fields: Record<string, string>): Promise<Reply> {
  const res = await emu.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, headers: res.headers ?? {}, body: res.body };
}

/** Query parameters of a 302 `Location`. */
export function redirectParams(reply: Reply): URLSearchParams {
  const location = reply.headers.location;
  if (reply.status !== 302 || !location) throw new Error(`expected a redirect, got ${reply.status}`);
  return new URL(location).searchParams;
}

/** Shape every identity-platform error body has (reference-error-codes.md). */
export const ERROR_DESCRIPTION =
  /^AADSTS(\d+): [\s\S]+\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: [0-9a-f-]{36}\r\nTimestamp: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/;
export const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/;
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Asserts Microsoft's exact error envelope and the AADSTS code. */
export function expectAadError(
  reply: Reply,
  expected: { status: number; error: string; code: number; message?: string },
): void {
  expect(reply.status).toBe(expected.status);
  const body = reply.body as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(
    [
      'correlation_id',
      'error',
      'error_codes',
      'error_description',
      'error_uri',
      'timestamp',
      'trace_id',
    ].sort(),
  );
  expect(body.error).toBe(expected.error);
  expect(body.error_codes).toEqual([expected.code]);
  expect(body.error_description).toMatch(ERROR_DESCRIPTION);
  expect(String(body.error_description).startsWith(`AADSTS${expected.code}: `)).toBe(true);
  expect(body.timestamp).toMatch(TIMESTAMP);
  expect(String(body.error_description)).toContain(`Timestamp: ${String(body.timestamp)}`);
  expect(body.trace_id).toMatch(GUID);
  expect(body.correlation_id).toMatch(GUID);
  if (expected.message) expect(String(body.error_description)).toContain(expected.message);
}
