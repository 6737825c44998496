import { z } from 'zod';

/**
 * Behaviour switches for places where Microsoft's behaviour is uncertain or where tests need to
 * provoke an edge. All have Microsoft's documented (or most commonly observed) value as default;
 * the admin API changes them at run time (`PATCH /_emulator/config`).
 */
export const emulatorBehaviourSchema = z.object({
  identity: z
    .object({
      accessTokenLifetimeSeconds: z.number().int().min(60).default(3599),
      refreshTokenLifetimeDays: z.number().int().min(1).default(90),
      authorizationCodeLifetimeSeconds: z.number().int().min(10).default(600),
      /** AADSTS code answered when a multi-tenant app is used in a tenant without its service principal. */
      missingServicePrincipalCode: z
        .union([z.literal(7000229), z.literal(700016), z.literal(90099)])
        .default(7000229),
      /**
       * AADSTS code answered when a multi-tenant app restricted to some tenants is used (consent or
       * token) in another tenant. Guide 002 quotes AADSTS7000119 with the message below; Microsoft's
       * error table does not list it (fact sheet §1.4), so the nearby codes can be chosen instead.
       */
      restrictedTenantCode: z
        .union([z.literal(7000119), z.literal(90099), z.literal(500011), z.literal(700016)])
        .default(7000119),
      /** Clock skew tolerated on client assertions' nbf/exp (Microsoft allows about 5 minutes). */
      assertionClockSkewSeconds: z.number().int().min(0).default(300),
      /**
       * Microsoft does not revoke a refresh token when it is redeemed (refresh-tokens.md); turn on
       * to make clients that keep using the old one fail.
       */
      revokeUsedRefreshTokens: z.boolean().default(false),
    })
    .prefault({}),
  graph: z
    .object({
      /** Delta tokens for directory objects live 7 days (delta-query-overview "Token duration"). */
      deltaTokenLifetimeSeconds: z
        .number()
        .int()
        .min(1)
        .default(7 * 24 * 3600),
      /** Directory skip tokens are short-lived; a stale one is `Directory_ExpiredPageToken`. */
      pageTokenLifetimeSeconds: z.number().int().min(1).default(600),
      /** Objects per delta page (server-chosen in Graph; ~100–200 observed). */
      deltaPageSize: z.number().int().min(1).max(999).default(200),
      /**
       * Most items any paged Graph list (users, groups, members, memberOf, deleted items…) serves
       * per page whatever `$top` asks; null: `$top` decides. Graph chooses page sizes itself and
       * `$top` is only an upper bound (paging.md: "Paging behavior varies across different
       * Microsoft Graph APIs"). Delta rounds have `deltaPageSize` instead.
       */
      listPageCap: z.number().int().min(1).nullable().default(null),
      /**
       * Order of lists read without `$orderby`: `stable` (by id), or a pseudo-random permutation
       * of the seed, the same on every page of one read. Without `$orderby` the order is the
       * service's choice (MS-ODATA 2.2.3.6.1.8: "a sorting scheme determined by the data service").
       */
      listOrder: z
        .union(
          [z.literal('stable'), z.strictObject({ shuffleSeed: z.number().int() })],
          'listOrder must be "stable" or { "shuffleSeed": <integer> }',
        )
        .default('stable'),
      /** Members per group per delta page before `members@delta` is split across pages. */
      deltaMembersPerPage: z.number().int().min(1).default(1000),
      /**
       * Replays in users and groups delta rounds, off by default. Graph may send the same object
       * more than once in a round and replay a change in a later round (delta-query-overview);
       * clients must be idempotent. Replayed entries show the object's current state, so applying
       * them in any order converges. Which entries are replayed is drawn per round from the
       * emulator's seeded generator: the same seed gives the same replays, and a page asked for
       * again (a retry) is the same page.
       */
      deltaReplays: z
        .object({
          /** Chance that an entry is sent again on a later page of its round (pages of their own at the end). */
          duplicateProbability: z.number().min(0).max(1).default(0),
          /** Chance that an entry of a round is sent again at the start of the next round. */
          nextRoundProbability: z.number().min(0).max(1).default(0),
        })
        .prefault({}),
      /** How an expired or unknown delta token is answered. */
      expiredDeltaToken: z
        .object({
          status: z.number().int().default(410),
          code: z.string().default('syncStateNotFound'),
          /** Send `Location` pointing at a fresh delta query (synchronization reset). */
          location: z.boolean().default(true),
        })
        .prefault({}),
      /** Adding a member to a dynamic group: Microsoft's exact body is unverified. */
      dynamicGroupWriteError: z
        .object({
          status: z.number().int().default(400),
          code: z.string().default('Request_BadRequest'),
          message: z
            .string()
            .default(
              'Insufficient privileges to complete the operation. Dynamic group membership is managed by its membership rule.',
            ),
        })
        .prefault({}),
      /**
       * Replication delay for users created with `POST /users`, off by default (both 0). Graph
       * warns that newly created users "may not show up immediately" (user-list.md); clients must
       * wait until the user is readable. While hidden, the user answers 404 wherever it is
       * addressed (`/users/{id | upn}`, member `$ref`, manager, assignLicense) and lists omit it.
       * It stays hidden for the next `requests` Graph requests to its tenant (any route, batch
       * items included; deterministic for tests) and until the emulator clock has moved on
       * `seconds`; whichever ends later.
       */
      newUserReplication: z
        .object({
          requests: z.number().int().min(0).default(0),
          seconds: z.number().min(0).default(0),
        })
        .prefault({}),
      /** Subscription validation handshake and delivery timeouts (ms). */
      webhookValidationTimeoutMs: z.number().int().min(1).default(10_000),
      webhookDeliveryTimeoutMs: z.number().int().min(1).default(3_000),
      /** Notifications for one URL raised within this window go out in one POST. */
      webhookCoalesceMs: z.number().int().min(0).default(50),
      /** Real-time delay before the first redelivery; doubles per attempt up to `webhookRetryMaxMs`. */
      webhookRetryInitialMs: z.number().int().min(1).default(1_000),
      webhookRetryMaxMs: z.number().int().min(1).default(60_000),
      /** Graph retries undelivered notifications for up to 4 hours (emulator clock), then drops them. */
      webhookRetryWindowSeconds: z
        .number()
        .int()
        .min(1)
        .default(4 * 3600),
    })
    .prefault({}),
  partnerCenter: z
    .object({
      /** Prepend a UTF-8 BOM to JSON bodies, as some Partner Center responses do. */
      bom: z.boolean().default(false),
      /** New-commerce: decreases allowed only this many days after purchase or renewal. */
      decreaseWindowDays: z.number().int().min(0).default(7),
      /** Answer quantity PATCHes with 202 + Location, completing after this many ms (0: 200 at once). */
      slowPatchMs: z.number().int().min(0).default(0),
      customersPageSize: z.number().int().min(1).default(100),
      /** Seek-paging continuation tokens stop working after this long (Microsoft's value is unverified). */
      continuationTokenLifetimeSeconds: z.number().int().min(1).default(900),
    })
    .prefault({}),
  partnerBilling: z
    .object({
      /** Polls of an export operation answered `running` before it succeeds (Microsoft: minutes to hours). */
      pollsBeforeReady: z.number().int().min(0).default(1),
      /** `Retry-After` on a running operation (Microsoft does not document a value). */
      retryAfterSeconds: z.number().int().min(0).default(1),
      /** Line items per exported blob (Microsoft partitions large exports into several files). */
      linesPerBlob: z.number().int().min(1).default(5000),
      /** How long a manifest's SAS token lets blobs be read. */
      sasLifetimeSeconds: z.number().int().min(1).default(3600),
    })
    .prefault({}),
});

export type EmulatorBehaviour = z.output<typeof emulatorBehaviourSchema>;
export type EmulatorBehaviourInput = z.input<typeof emulatorBehaviourSchema>;
