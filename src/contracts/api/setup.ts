import { z } from 'zod';
import { emailSchema, sessionViewSchema } from './auth.js';
import { defineEndpoint } from './endpoint.js';

/** Fewest characters of an administrator's password (length beats composition rules). */
export const ADMIN_PASSWORD_MIN_LENGTH = 12;

/** The password policy for administrators, shared by first-run setup and `rollcall admin create`. */
export const adminPasswordSchema = z
  .string()
  .min(ADMIN_PASSWORD_MIN_LENGTH, `password must be at least ${ADMIN_PASSWORD_MIN_LENGTH} characters`)
  .max(1024, 'password must be at most 1024 characters');

export const newAdministratorSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, 'name must not be empty').max(200, 'name must be at most 200 characters'),
  password: adminPasswordSchema,
});
export type NewAdministrator = z.infer<typeof newAdministratorSchema>;

export const setupStatus = defineEndpoint({
  method: 'GET',
  path: '/api/setup',
  access: { public: true },
  summary: 'Whether the first administrator still has to be created',
  tags: ['setup'],
  response: z.object({ needsSetup: z.boolean() }),
});

export const completeSetup = defineEndpoint({
  method: 'POST',
  path: '/api/setup',
  access: { public: true },
  csrf: false,
  summary: 'Create the first administrator and sign them in (only while no account exists)',
  tags: ['setup'],
  body: newAdministratorSchema,
  response: sessionViewSchema,
  status: 201,
});
