import { z } from 'zod';

/** How the app proves who it is to the identity platform. */
export const clientCredentialSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('secret'), secret: z.string().min(1) }),
  z.object({
    kind: z.literal('certificate'),
    /** Hex SHA-256 thumbprint of the certificate (sent as `x5t#S256`). */
    thumbprintSha256: z.string().regex(/^[0-9a-fA-F]{64}$/, 'a 64-character hex SHA-256 thumbprint'),
    /** PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`). */
    privateKeyPem: z.string().min(1),
    /** Public certificate chain (PEM) for subject-name/issuer authentication. */
    x5c: z.string().optional(),
  }),
]);

export type ClientCredential = z.infer<typeof clientCredentialSchema>;

/** An app-only token for one resource in one tenant (client credentials). */
export const appTokenRequestSchema = z.object({
  /** Tenant GUID or a verified domain; never `common`. */
  tenantId: z.string().min(1),
  clientId: z.string().min(1),
  credential: clientCredentialSchema,
  /** e.g. `https://graph.microsoft.com/.default`. */
  scopes: z.array(z.string().min(1)).min(1),
});

export type AppTokenRequest = z.infer<typeof appTokenRequestSchema>;

/**
 * Where a delegated connection's refresh token lives. The caller persists it encrypted;
 * `save` is called whenever Microsoft hands out a new one (they rotate on use).
 */
export interface RefreshTokenStore {
  load(): Promise<string>;
  save(refreshToken: string): Promise<void>;
}

/** A delegated (app + user) token from a stored refresh token. */
export interface DelegatedTokenRequest extends AppTokenRequest {
  /** Identifies the signed-in account (e.g. the connection id) in the token cache key. */
  accountKey: string;
  refreshTokens: RefreshTokenStore;
}

/** An access token and when it stops being valid (epoch ms). */
export interface AccessToken {
  token: string;
  expiresAt: number;
}
