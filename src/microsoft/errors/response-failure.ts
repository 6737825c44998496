import { z } from 'zod';
import type { MicrosoftFailure, MicrosoftService } from './types.js';

/** Graph's error envelope (concepts/errors.md). */
export const graphErrorBodySchema = z.object({
  error: z.looseObject({
    code: z.string(),
    message: z.string().optional(),
    innerError: z.looseObject({ 'request-id': z.string().optional() }).optional(),
    details: z
      .array(
        z.looseObject({
          code: z.string().optional(),
          message: z.string().optional(),
          target: z.string().optional(),
        }),
      )
      .optional(),
  }),
});

/** Partner Center's error envelope (error-codes.md); `code` is a number or a string. */
export const partnerCenterErrorBodySchema = z.looseObject({
  code: z.union([z.string(), z.number()]),
  description: z.string().optional(),
  data: z.array(z.unknown()).optional(),
  source: z.string().optional(),
});

/** Partner Center's throttling body, which differs from its error envelope. */
export const partnerCenterThrottleBodySchema = z.looseObject({
  statusCode: z.number(),
  message: z.string().optional(),
});

/** The identity platform's token error body (reference-error-codes.md). */
export const tokenErrorBodySchema = z.looseObject({
  error: z.string(),
  error_description: z.string().optional(),
  error_codes: z.array(z.union([z.number(), z.string()])).optional(),
});

export interface ErrorResponse {
  status: number;
  headers: { get(name: string): string | null };
  body: unknown;
  retryAfterMs: number | undefined;
}

/** Turns a non-2xx answer of any Microsoft service into the raw failure description. */
export function describeErrorResponse(service: MicrosoftService, res: ErrorResponse): MicrosoftFailure {
  const base: MicrosoftFailure = {
    service,
    status: res.status,
    retryAfterSeconds: res.retryAfterMs === undefined ? undefined : res.retryAfterMs / 1000,
    location: res.headers.get('location') ?? undefined,
    requestId: res.headers.get('request-id') ?? res.headers.get('ms-requestid') ?? undefined,
  };
  const graph = graphErrorBodySchema.safeParse(res.body);
  if (graph.success) {
    const { code, message, details, innerError } = graph.data.error;
    return {
      ...base,
      microsoftCode: code,
      message,
      details,
      requestId: base.requestId ?? innerError?.['request-id'],
    };
  }
  const throttled = partnerCenterThrottleBodySchema.safeParse(res.body);
  if (throttled.success) return { ...base, message: throttled.data.message };
  const pc = partnerCenterErrorBodySchema.safeParse(res.body);
  if (pc.success) {
    const data = (pc.data.data ?? []).filter((d): d is string => typeof d === 'string');
    const message = [pc.data.description, ...data].filter(Boolean).join(' ');
    return { ...base, microsoftCode: String(pc.data.code), message: message || undefined };
  }
  const token = tokenErrorBodySchema.safeParse(res.body);
  if (token.success) {
    const first = token.data.error_codes?.[0];
    return {
      ...base,
      microsoftCode: token.data.error,
      aadsts: first === undefined ? undefined : Number(first),
      message: token.data.error_description,
    };
  }
  return base;
}
