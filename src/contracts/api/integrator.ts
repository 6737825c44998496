import { z } from 'zod';
import { cronProblem } from '../cron.js';
import { defineEndpoint } from './endpoint.js';
import { idParamsSchema, idSchema, timestampSchema } from './fields.js';

/**
 * The integrator (guide 001 "Halo Integrator"): scheduled synchronisation of an Entra connection's
 * modules, tenant by tenant. Reading needs a read grant on the connection (or
 * integrations.entra.configure); saving and "Run now" need modify. See docs/integrator.md.
 */

/** Per-connection routes: the handler checks `read`/`modify` on the connection (docs/access-control.md). */
const CONNECTION_SCOPED = { signedIn: 'agent' } as const;

/**
 * What the integrator can synchronise, in the order it runs and the console lists them (assets
 * after users: devices link to the users imported before them).
 */
export const INTEGRATOR_MODULES = [
  'tenants',
  'licences',
  'users',
  'agents',
  'assets',
  'pricing',
  'consumption',
] as const;
export type IntegratorModule = (typeof INTEGRATOR_MODULES)[number];

/**
 * The modules each kind of connection runs (guide 001 for Entra; guide 002 "Select Modules to
 * Import" for CSP: tenants, licences, users, assets; "Subscription Pricing": pricing, weekly;
 * "Consumption Billing": consumption).
 */
export const MODULES_OF_KIND: Record<'entra' | 'csp', readonly IntegratorModule[]> = {
  entra: ['licences', 'users', 'agents', 'assets'],
  csp: ['tenants', 'licences', 'users', 'assets', 'pricing', 'consumption'],
};

/**
 * Modules that run once per connection rather than per tenant (a CSP partner's list of customer
 * tenants): they run under the connection's home tenant.
 */
export const CONNECTION_WIDE_MODULES: readonly IntegratorModule[] = ['tenants', 'pricing', 'consumption'];

/** Who started a run: the schedule, a person (console, CLI, API) or a Graph change notification. */
export const INTEGRATOR_TRIGGERS = ['scheduled', 'manual', 'cli', 'api', 'notification'] as const;
export type IntegratorTrigger = (typeof INTEGRATOR_TRIGGERS)[number];

/** Triggers that mean a person asked: a success un-quarantines, and quarantine does not hold them back. */
export const PERSON_TRIGGERS: readonly IntegratorTrigger[] = ['manual', 'cli', 'api'];

export const integratorModuleSchema = z.enum(
  INTEGRATOR_MODULES,
  `module must be one of ${INTEGRATOR_MODULES.join(', ')}`,
);

const modulesSchema = z
  .array(integratorModuleSchema)
  .refine((modules) => new Set(modules).size === modules.length, 'modules must not repeat a module');

export const MIN_INTERVAL_MINUTES = 5;
export const MAX_INTERVAL_MINUTES = 1440;

/** Every `minutes` after the tenant's last run (its first run is due at once). */
export const intervalScheduleSchema = z.object({
  kind: z.literal('interval'),
  minutes: z
    .number()
    .int('schedule.minutes must be a whole number')
    .min(MIN_INTERVAL_MINUTES, `schedule.minutes must be at least ${MIN_INTERVAL_MINUTES}`)
    .max(MAX_INTERVAL_MINUTES, `schedule.minutes must be at most ${MAX_INTERVAL_MINUTES} (a day)`),
});

/** At the times a five-field cron expression names (UTC), e.g. `0 6-18/2 * * MON-FRI`. */
export const cronScheduleSchema = z.object({
  kind: z.literal('cron'),
  expression: z
    .string()
    .trim()
    .max(200, 'schedule.expression must be at most 200 characters')
    .superRefine((expression, ctx) => {
      const problem = cronProblem(expression);
      if (problem) ctx.addIssue({ code: 'custom', message: `schedule.expression: ${problem}` });
    }),
});

export const integratorScheduleSchema = z.discriminatedUnion(
  'kind',
  [intervalScheduleSchema, cronScheduleSchema],
  {
    error: 'schedule.kind must be interval or cron',
  },
);
export type IntegratorSchedule = z.infer<typeof integratorScheduleSchema>;

/**
 * Guide 001 "Setting up Multiple integrators": which modules run for one tenant. A tenant without
 * an override runs the connection's modules.
 */
export const tenantOverrideSchema = z.object({
  tenantId: idSchema,
  /** False: the schedule skips this tenant ("Run now" still runs it). */
  enabled: z.boolean().default(true),
  /** Instead of the connection's modules. */
  modules: modulesSchema,
});
export type TenantOverride = z.infer<typeof tenantOverrideSchema>;

/** One connection's integrator: what runs, how often, how many tenants at once. */
export const integratorConfigSchema = z.object({
  /** Off until switched on: the schedule runs nothing; "Run now" works either way. */
  enabled: z.boolean().default(false),
  modules: modulesSchema.default(['users']),
  schedule: integratorScheduleSchema.default({ kind: 'interval', minutes: 60 }),
  /** Tenants of this connection synchronised at once by the schedule. */
  concurrency: z
    .number()
    .int('concurrency must be a whole number')
    .min(1, 'concurrency must be at least 1')
    .max(32, 'concurrency must be at most 32')
    .default(4),
  /** Failed scheduled runs in a row before a (tenant, module) is quarantined. */
  quarantineAfterFailures: z
    .number()
    .int('quarantineAfterFailures must be a whole number')
    .min(1, 'quarantineAfterFailures must be at least 1')
    .max(20, 'quarantineAfterFailures must be at most 20')
    .default(5),
  tenantOverrides: z
    .array(tenantOverrideSchema)
    .max(1000)
    .default([])
    .superRefine((overrides, ctx) => {
      const seen = new Set<string>();
      overrides.forEach((override, index) => {
        const key = override.tenantId.toLowerCase();
        if (seen.has(key)) {
          ctx.addIssue({
            code: 'custom',
            path: [index, 'tenantId'],
            message: 'tenantOverrides: a tenant may have one override only',
          });
        }
        seen.add(key);
      });
    }),
});
export type IntegratorConfig = z.infer<typeof integratorConfigSchema>;
export type IntegratorConfigInput = z.input<typeof integratorConfigSchema>;

/** The defaults a connection has before its integrator is first saved. */
export const DEFAULT_INTEGRATOR_CONFIG: IntegratorConfig = integratorConfigSchema.parse({});

export const integratorConfigViewSchema = z.object({
  connectionId: idSchema,
  /** 0 until first saved (the defaults are shown). Send it back when saving. */
  version: z.number().int(),
  updatedAt: timestampSchema.nullable(),
  config: integratorConfigSchema,
  /** The connection's tenants: overrides may name only these. */
  tenantIds: z.array(idSchema),
  /** The modules this kind of connection runs, in catalogue order. */
  modules: z.array(integratorModuleSchema),
});
export type IntegratorConfigView = z.infer<typeof integratorConfigViewSchema>;

export const saveIntegratorConfigSchema = z.object({
  /** The version read; a save over a newer version is refused with 409 (someone saved meanwhile). */
  expectedVersion: z.number().int().min(0),
  config: integratorConfigSchema,
});

export const runIntegratorRequestSchema = z.object({
  tenantId: idSchema.optional().describe('One tenant of the connection; default every tenant'),
  module: integratorModuleSchema
    .optional()
    .describe('One module; default the modules the integrator runs for each tenant (after overrides)'),
});

export const integratorJobStates = [
  'created',
  'retry',
  'active',
  'completed',
  'cancelled',
  'failed',
] as const;

export const runIntegratorResponseSchema = z.object({
  jobs: z.array(
    z.object({
      tenantId: idSchema,
      module: integratorModuleSchema,
      jobId: idSchema,
      /** True when an identical manual run was already waiting: its job is answered instead of a new one. */
      alreadyQueued: z.boolean(),
    }),
  ),
});

const errorSchema = z.object({ code: z.string(), message: z.string() });

export const integratorTenantStateSchema = z.object({
  tenantId: idSchema,
  module: integratorModuleSchema,
  /** Whether the schedule runs this (tenant, module), after overrides (and the integrator is enabled). */
  scheduled: z.boolean(),
  consecutiveFailures: z.number().int(),
  lastRunAt: timestampSchema.nullable(),
  lastSuccessAt: timestampSchema.nullable(),
  lastError: errorSchema.nullable(),
  nextDueAt: timestampSchema.nullable(),
  quarantine: z.object({ at: timestampSchema, reason: errorSchema }).nullable(),
  /** The newest unfinished job of this (tenant, module), if any. */
  job: z
    .object({
      id: idSchema,
      state: z.enum(integratorJobStates),
      trigger: z.enum(INTEGRATOR_TRIGGERS).nullable(),
      retryCount: z.number().int(),
    })
    .nullable(),
});
export type IntegratorTenantState = z.infer<typeof integratorTenantStateSchema>;

/** Where a kind of connection's integrator routes live. */
const INTEGRATOR_BASES = { entra: '/api/entra/connections', csp: '/api/csp/connections' } as const;

/** The integrator's endpoints under one kind of connection (the same contract for every kind). */
function integratorEndpoints(kind: keyof typeof INTEGRATOR_BASES) {
  const base = `${INTEGRATOR_BASES[kind]}/:id/integrator`;
  const name = kind === 'csp' ? 'a CSP connection' : 'a connection';
  return {
    get: defineEndpoint({
      method: 'GET',
      path: base,
      access: CONNECTION_SCOPED,
      summary: `${name}'s integrator: schedule, modules, concurrency, overrides (defaults when never saved)`,
      tags: ['integrator'],
      params: idParamsSchema,
      response: integratorConfigViewSchema,
    }),
    save: defineEndpoint({
      method: 'PUT',
      path: base,
      access: CONNECTION_SCOPED,
      summary: `Save ${name}'s integrator (409 when someone saved since it was read)`,
      tags: ['integrator'],
      params: idParamsSchema,
      body: saveIntegratorConfigSchema,
      response: integratorConfigViewSchema,
    }),
    run: defineEndpoint({
      method: 'POST',
      path: `${base}/run`,
      access: CONNECTION_SCOPED,
      summary: `Run now: queue ${name}, one tenant, or one module (manual runs; a success un-quarantines)`,
      tags: ['integrator'],
      params: idParamsSchema,
      body: runIntegratorRequestSchema,
      response: runIntegratorResponseSchema,
      status: 201,
    }),
    tenants: defineEndpoint({
      method: 'GET',
      path: `${base}/tenants`,
      access: CONNECTION_SCOPED,
      summary: `Where ${name}'s integrator stands per tenant and module: last run, next due, failures, quarantine, job`,
      tags: ['integrator'],
      params: idParamsSchema,
      response: z.object({ items: z.array(integratorTenantStateSchema) }),
    }),
  };
}

/** The integrator's endpoints for each kind of connection. */
export const integratorEndpointsOf = { entra: integratorEndpoints('entra'), csp: integratorEndpoints('csp') };

export const getIntegratorConfig = integratorEndpointsOf.entra.get;
export const saveIntegratorConfig = integratorEndpointsOf.entra.save;
export const runIntegrator = integratorEndpointsOf.entra.run;
export const listIntegratorTenants = integratorEndpointsOf.entra.tenants;
