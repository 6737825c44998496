import { z } from 'zod';
import type { EmulatorContext } from '../context.js';
import type { EmuRequest, EmuResponse } from '../http/types.js';
import type { PcCustomerRecord } from '../state/types.js';
import { pcRoute, type PcCaller } from './auth.js';
import { decodeContinuationToken, encodeContinuationToken, type SeekState } from './continuation.js';
import { pcErrors } from './errors.js';
import { pcCollection, pcJson, pcLink } from './respond.js';
import { customerJson, customerListJson } from './shapes.js';

const CONTINUATION_HEADER = 'MS-ContinuationToken';

/** `?filter={"Field":"CompanyName","Value":"Cont","Operator":"starts_with"}` (keys case-insensitive). */
const customerFilterSchema = z.object({
  field: z.enum(['companyname', 'domain']),
  value: z.string(),
  operator: z.literal('starts_with'),
});

type CustomerFilter = z.infer<typeof customerFilterSchema>;

function parseFilter(raw: string | null): CustomerFilter | null | 'invalid' {
  if (raw === null || raw === '') return null;
  try {
    const json = JSON.parse(raw) as Record<string, unknown>;
    const lowered = Object.fromEntries(
      Object.entries(json).map(([k, v]) => [
        k.toLowerCase(),
        typeof v === 'string' && k.toLowerCase() !== 'value' ? v.toLowerCase() : v,
      ]),
    );
    const parsed = customerFilterSchema.safeParse(lowered);
    return parsed.success ? parsed.data : 'invalid';
  } catch {
    return 'invalid';
  }
}

function matches(c: PcCustomerRecord, f: CustomerFilter | null): boolean {
  if (!f) return true;
  const subject = f.field === 'companyname' ? c.companyName : c.domain;
  return subject.toLowerCase().startsWith(f.value.toLowerCase());
}

/** Where this request starts: a fresh query, or the state a continuation token carries. */
function seekState(ctx: EmulatorContext, req: EmuRequest): SeekState | EmuResponse {
  const params = req.url.searchParams;
  const now = ctx.clock.now();
  if (params.get('seekOperation')?.toLowerCase() === 'next') {
    const token = req.headers[CONTINUATION_HEADER.toLowerCase()];
    const state = token
      ? decodeContinuationToken(token, now, ctx.behaviour.partnerCenter.continuationTokenLifetimeSeconds)
      : null;
    return state ?? pcErrors.badContinuationToken();
  }
  const rawSize = params.get('size');
  const size = rawSize === null ? 0 : Number(rawSize);
  if (!Number.isInteger(size) || size < 0) return pcErrors.invalidInput(`size '${rawSize}' is not valid.`);
  return {
    offset: 0,
    size: size || ctx.behaviour.partnerCenter.customersPageSize,
    filter: params.get('filter'),
    issuedAt: now,
  };
}

function listCustomers(ctx: EmulatorContext, req: EmuRequest, caller: PcCaller): EmuResponse {
  const state = seekState(ctx, req);
  if ('status' in state) return state;
  const filter = parseFilter(state.filter);
  if (filter === 'invalid') return pcErrors.invalidInput('filter is not a valid customer filter.');
  const all = [...caller.state.customers.values()].filter((c) => matches(c, filter));
  const items = all.slice(state.offset, state.offset + state.size).map(customerListJson);
  const selfUri = `/v1/customers?size=${state.size}`;
  const links: Record<string, ReturnType<typeof pcLink>> = { self: pcLink(selfUri) };
  const extra: Record<string, unknown> = {};
  if (state.offset + state.size < all.length) {
    const token = encodeContinuationToken({
      ...state,
      offset: state.offset + state.size,
      issuedAt: ctx.clock.now(),
    });
    links.next = pcLink(`${selfUri}&seekOperation=Next`, [{ key: CONTINUATION_HEADER, value: token }]);
    extra.continuationToken = token;
  }
  return pcJson(200, pcCollection(items, links, extra));
}

/** `GET /v1/customers` (seek paging, filter) and `GET /v1/customers/{id}`. */
export function registerCustomerRoutes(ctx: EmulatorContext): void {
  ctx.router.on(
    'GET',
    '/partnercenter/v1/customers',
    { service: 'partnercenter', name: 'GET /v1/customers' },
    pcRoute(ctx, (req, _params, caller) => listCustomers(ctx, req, caller)),
  );
  ctx.router.on(
    'GET',
    '/partnercenter/v1/customers/:customerId',
    { service: 'partnercenter', name: 'GET /v1/customers/{id}' },
    pcRoute(ctx, (_req, params, caller) => {
      const customer = caller.state.customers.get((params.customerId ?? '').toLowerCase());
      if (!customer) return pcErrors.customerNotFound(params.customerId ?? '');
      return pcJson(200, customerJson(ctx.estate, customer));
    }),
  );
}
