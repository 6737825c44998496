import { z } from 'zod';

/**
 * Rollcall's server configuration: one schema for the environment and the config file. A wrong
 * value stops start-up with a message naming the setting and the fix (src/api/config).
 * Sections are owned by the parts that read them; every setting has a safe default.
 */
export const serverConfigSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().default('127.0.0.1'),
  /** The address people use to reach Rollcall (SSO redirect URIs and links are built from it). */
  publicUrl: z.url().optional(),
  /** Behind a reverse proxy: trust its X-Forwarded-For/-Proto headers (client address, https). */
  trustProxy: z.boolean().default(false),
  /**
   * What this instance is. Entra connections "Enabled for: production" import only on a
   * `production` instance, so a restored test copy does not import (guide 001, "Enabled for Instances").
   */
  instance: z.enum(['production', 'test']).default('production'),
  dataDir: z.string().default('./data'),
  /** PostgreSQL instead of the embedded database. */
  databaseUrl: z.string().startsWith('postgres').optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  sessions: z
    .object({
      idleMinutes: z.coerce
        .number()
        .int()
        .min(5)
        .max(24 * 60)
        .default(60),
      absoluteHours: z.coerce
        .number()
        .int()
        .min(1)
        .max(24 * 30)
        .default(12),
      /**
       * How long a process reuses a session it has read (0: read it on every request). Changes
       * made through this process's API apply at once; others within this many seconds.
       */
      cacheSeconds: z.coerce.number().int().min(0).max(60).default(5),
    })
    .prefault({}),
  login: z
    .object({
      /** Failed password attempts before the account is locked. */
      maxFailures: z.coerce.number().int().min(3).max(100).default(5),
      lockoutMinutes: z.coerce
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .default(15),
      /** Login attempts per client address per minute. */
      attemptsPerMinute: z.coerce.number().int().min(1).max(1000).default(10),
    })
    .prefault({}),
  /** Sign-in with Microsoft (OpenID Connect): the app registration used for sign-in. */
  sso: z
    .object({
      clientId: z.string().optional(),
      clientSecret: z.string().optional(),
    })
    .prefault({}),
  microsoft: z
    .object({
      authorityHost: z.url().default('https://login.microsoftonline.com'),
      graphBaseUrl: z.url().default('https://graph.microsoft.com/v1.0'),
      partnerCenterBaseUrl: z.url().default('https://api.partnercenter.microsoft.com'),
      /** The Partner API (price sheets); left out: beside Partner Center (docs/pricing.md). */
      partnerApiBaseUrl: z.url().optional(),
      /** PEM file of an extra CA to trust (the emulator's, in the sandbox). */
      extraCaPath: z.string().optional(),
    })
    .prefault({}),
  workers: z
    .object({
      /** `rollcall serve` runs job workers in-process (always in embedded mode). */
      inProcess: z.boolean().default(true),
      concurrency: z.coerce.number().int().min(1).max(64).default(4),
      /**
       * Seconds a running job's lease lasts: its process renews it every third of this; a job
       * whose worker died (its lease lapsed) is failed back to the queue and retried per its policy.
       */
      leaseSeconds: z.coerce.number().int().min(2).max(600).default(30),
    })
    .prefault({}),
  /** `/metrics` (Prometheus): public unless a bearer token is set here. */
  metrics: z
    .object({
      token: z.string().min(16, 'must be at least 16 characters').optional(),
    })
    .prefault({}),
  /**
   * Outgoing e-mail (the licence insight report): off until `host` is set. The password comes
   * from ROLLCALL_SMTP_PASSWORD or the file named by `passwordFile`, never from a config file.
   */
  smtp: z
    .object({
      host: z.string().min(1).optional(),
      port: z.coerce.number().int().min(1).max(65535).default(587),
      /** Implicit TLS from the first byte (port 465); otherwise STARTTLS after connecting. */
      secure: z.boolean().default(false),
      /** Without `secure`: send only after STARTTLS (false also allows a server without TLS). */
      requireTls: z.boolean().default(true),
      user: z.string().min(1).optional(),
      password: z.string().min(1).optional(),
      /** A file holding the password (read at start-up; trailing newline ignored). */
      passwordFile: z.string().min(1).optional(),
      /** The sender: `rollcall@example.com` or `Rollcall <rollcall@example.com>`. */
      from: z.string().refine(isMailbox, 'not an e-mail address').optional(),
    })
    .superRefine(checkSmtp)
    .prefault({}),
});

/** `a@b.example` or `Name <a@b.example>`, nothing that could break a header. */
export function isMailbox(value: string): boolean {
  const match = /^(?:[^<>\r\n"]*<([^<>\s]+)>|([^<>\s]+))$/.exec(value.trim());
  const address = match?.[1] ?? match?.[2];
  return address !== undefined && z.email().safeParse(address).success;
}

interface SmtpInput {
  host?: string | undefined;
  user?: string | undefined;
  password?: string | undefined;
  passwordFile?: string | undefined;
  from?: string | undefined;
}

/** The settings that only make sense together, each problem on the setting to change. */
function checkSmtp(smtp: SmtpInput, ctx: z.core.$RefinementCtx<SmtpInput>): void {
  const issue = (key: keyof SmtpInput, message: string) =>
    ctx.addIssue({ code: 'custom', path: [key], message });
  const others = (['user', 'password', 'passwordFile', 'from'] as const).filter((k) => smtp[k]);
  if (!smtp.host) {
    if (others.length > 0)
      issue(
        'host',
        `smtp.host (ROLLCALL_SMTP_HOST) is needed because smtp.${others[0]} is set: the SMTP server to send through, e.g. smtp.example.com; or remove the smtp settings`,
      );
    return;
  }
  if (!smtp.from)
    issue(
      'from',
      'smtp.from (ROLLCALL_SMTP_FROM) is needed with smtp.host: the address e-mail comes from, e.g. Rollcall <rollcall@example.com>',
    );
  if (smtp.password && smtp.passwordFile)
    issue('passwordFile', 'set either ROLLCALL_SMTP_PASSWORD or smtp.passwordFile, not both');
  const hasPassword = Boolean(smtp.password || smtp.passwordFile);
  if (smtp.user && !hasPassword)
    issue(
      'password',
      'smtp.user is set without a password: set ROLLCALL_SMTP_PASSWORD or smtp.passwordFile (a file holding it)',
    );
  if (!smtp.user && hasPassword)
    issue('user', 'a password is set without smtp.user (ROLLCALL_SMTP_USER): the user name to sign in with');
}

export type ServerConfig = z.output<typeof serverConfigSchema>;
export type ServerConfigInput = z.input<typeof serverConfigSchema>;
