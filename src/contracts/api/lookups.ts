import { z } from 'zod';
import { IMPORT_CONFIG_READERS } from '../permissions.js';
import { defineEndpoint } from './endpoint.js';
import { idSchema } from './fields.js';
import { pageSchema } from './pagination.js';

/**
 * Names and ids of desk records for the Microsoft Entra import configuration's pickers, for
 * everyone who may open that configuration: holders of `integrations.entra.configure` and agents
 * with a grant on an Entra connection (who may hold no other permission). Names only: these
 * endpoints reveal nothing the records' own endpoints guard (users, permissions, settings).
 */

/** A desk record a mapping may point at. */
export const namedRecordSchema = z.object({ id: idSchema, name: z.string() });
export type NamedRecord = z.infer<typeof namedRecordSchema>;

/** Everything the import configuration editor picks from, but sites (see {@link lookupSites}). */
export const entraImportLookupsSchema = z.object({
  /** Inactive teams too (a saved mapping may name one), marked. */
  teams: z.array(namedRecordSchema.extend({ inactive: z.boolean() })),
  cabs: z.array(namedRecordSchema),
  cabRoles: z.array(namedRecordSchema),
  agentRoles: z.array(namedRecordSchema),
  /** Portal ("user") roles. */
  userRoles: z.array(namedRecordSchema),
  /** Custom fields of desk users; field mappings write them as `custom.<name>`. */
  customFields: z.array(namedRecordSchema.extend({ label: z.string() })),
});
export type EntraImportLookups = z.infer<typeof entraImportLookupsSchema>;

/** A site with its customer, as pickers and tables name it ("London — Contoso"). */
export const siteLookupSchema = z.object({
  id: idSchema,
  name: z.string(),
  customerId: idSchema,
  customerName: z.string(),
  isDefault: z.boolean(),
  inactive: z.boolean(),
});
export type SiteLookup = z.infer<typeof siteLookupSchema>;

/** At most this many sites by id in one request. */
export const MAX_SITE_LOOKUP_IDS = 100;
/** Sites per page of a search. */
export const SITE_LOOKUP_PAGE = 50;

/** `a,b,c` (or `ids=a&ids=b`): site ids. */
const siteIdsSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((value) =>
    [value]
      .flat()
      .flatMap((part) => part.split(','))
      .map((id) => id.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(idSchema)
      .min(1, 'ids must name at least one site')
      .max(MAX_SITE_LOOKUP_IDS, `ids: at most ${MAX_SITE_LOOKUP_IDS} sites at a time`),
  );

export const siteLookupQuerySchema = z
  .object({
    ids: siteIdsSchema
      .optional()
      .describe(`Comma-separated site ids (at most ${MAX_SITE_LOOKUP_IDS}); no search or paging with it`),
    search: z
      .string()
      .trim()
      .max(200)
      .optional()
      .describe("Start of the site's or its customer's name, any case"),
    cursor: z.string().max(500).optional().describe('Opaque cursor from the previous page'),
  })
  .superRefine((query, ctx) => {
    if (query.ids && (query.search || query.cursor)) {
      ctx.addIssue({
        code: 'custom',
        path: ['ids'],
        message: 'ids cannot be combined with search or cursor: ask for sites by id, or search them',
      });
    }
  });

export const getEntraImportLookups = defineEndpoint({
  method: 'GET',
  path: '/api/lookups/entra-import',
  access: { signedIn: 'agent' },
  alsoRequires: IMPORT_CONFIG_READERS,
  summary:
    'Teams, CABs, CAB roles, agent and user roles and user custom fields, by name, for an import configuration (Entra or CSP)',
  tags: ['lookups'],
  response: entraImportLookupsSchema,
});

export const lookupSites = defineEndpoint({
  method: 'GET',
  path: '/api/lookups/sites',
  access: { signedIn: 'agent' },
  alsoRequires: IMPORT_CONFIG_READERS,
  summary: `Sites with their customer's name: by id (ids=a,b), or searched by site or customer name (pages of ${SITE_LOOKUP_PAGE})`,
  tags: ['lookups'],
  query: siteLookupQuerySchema,
  response: pageSchema(siteLookupSchema),
});
