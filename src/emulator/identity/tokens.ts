import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';

/** Claims of an access token the emulator issued (v1-format, as Graph tokens are). */
export interface AccessClaims {
  aud: string;
  iss: string;
  tid: string;
  appid: string;
  oid: string;
  idtyp: 'app' | 'user';
  roles?: string[];
  scp?: string;
  upn?: string;
  exp: number;
  iat: number;
}

export type VerifyResult =
  | { ok: true; claims: AccessClaims }
  | { ok: false; reason: 'empty' | 'malformed' | 'expired' | 'signature' | 'audience' };

/** Signs every token the identity platform hands out and verifies them for Graph and Partner Center. */
export interface TokenIssuer {
  readonly kid: string;
  jwks(): { keys: JWK[] };
  sign(claims: Record<string, unknown>, lifetimeSeconds: number): Promise<string>;
  verifyAccess(authorization: string | undefined, audiences: string[]): Promise<VerifyResult>;
}

export async function createTokenIssuer(clock: Clock): Promise<TokenIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID().replace(/-/g, '').slice(0, 27);
  const publicJwk = { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' };
  // Verifying RSA signatures on every page of a 100k-user read adds up; tokens are immutable.
  const verified = new Map<string, AccessClaims>();

  return {
    kid,
    jwks: () => ({ keys: [publicJwk] }),
    async sign(claims, lifetimeSeconds) {
      const now = Math.floor(clock.now() / 1000);
      return new SignJWT({ ...claims, ver: claims.ver ?? '1.0' })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid })
        .setIssuedAt(now)
        .setNotBefore(now)
        .setExpirationTime(now + lifetimeSeconds)
        .sign(privateKey);
    },
    async verifyAccess(authorization, audiences) {
      const token = authorization?.replace(/^Bearer\s+/i, '').trim();
      if (!token) return { ok: false, reason: 'empty' };
      let claims = verified.get(token);
      if (!claims) {
        if (token.split('.').length !== 3) return { ok: false, reason: 'malformed' };
        try {
          const { payload } = await jwtVerify(token, publicKey, { currentDate: new Date(clock.now()) });
          claims = payload as unknown as AccessClaims;
        } catch (err) {
          const code = (err as { code?: string }).code;
          if (code === 'ERR_JWT_EXPIRED') return { ok: false, reason: 'expired' };
          if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return { ok: false, reason: 'signature' };
          return { ok: false, reason: 'malformed' };
        }
        verified.set(token, claims);
      }
      if (claims.exp * 1000 <= clock.now()) return { ok: false, reason: 'expired' };
      if (!audiences.includes(claims.aud)) return { ok: false, reason: 'audience' };
      return { ok: true, claims };
    },
  };
}
