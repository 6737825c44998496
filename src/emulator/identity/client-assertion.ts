import { compactVerify, decodeProtectedHeader, type ProtectedHeaderParameters } from 'jose';
import { createPublicKey } from 'node:crypto';
import type { EmulatorContext } from '../context.js';
import type { AppRegistration } from '../state/types.js';
import { aadErrors, type AadError } from './errors.js';

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const SUPPORTED_ALGORITHMS = ['RS256', 'PS256'];

const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const hexThumbprint = (b64url: string) => Buffer.from(b64url, 'base64url').toString('hex').toUpperCase();

/** Reads `sub` without verifying: only to learn which client an assertion claims to be. */
export function assertionSubject(assertion: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(assertion.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof payload.sub === 'string' ? payload.sub : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks a certificate client assertion as Microsoft does (certificate-credentials.md): the key
 * is found by `x5t#S256` or `x5t` among the app's registered certificates, then signature,
 * `iss`==`sub`==client_id, audience (the token endpoint) and the nbf/exp window.
 */
export async function verifyClientAssertion(
  ctx: EmulatorContext,
  input: {
    app: AppRegistration;
    assertion: string;
    assertionType: string | null;
    audienceOk: (aud: string) => boolean;
  },
): Promise<AadError | null> {
  if (!input.assertionType) return aadErrors.missingParameter('client_assertion_type');
  if (input.assertionType !== JWT_BEARER) return aadErrors.unsupportedAssertionType(input.assertionType);
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(input.assertion);
  } catch {
    return aadErrors.malformedAssertion();
  }
  const s256 = typeof header['x5t#S256'] === 'string' ? header['x5t#S256'] : undefined;
  const sha1 = typeof header.x5t === 'string' ? header.x5t : undefined;
  const thumbprint = s256 ?? sha1;
  if (!thumbprint) return aadErrors.assertionNoThumbprint();
  const cert = input.app.certificates.find(
    (c) => (s256 !== undefined && c.x5tS256 === s256) || (sha1 !== undefined && c.x5t === sha1),
  );
  if (!cert) return aadErrors.assertionKeyNotFound(hexThumbprint(thumbprint), input.app.clientId);
  if (cert.expiresAt <= ctx.clock.now()) return aadErrors.assertionKeyExpired(hexThumbprint(thumbprint));
  if (!header.alg || !SUPPORTED_ALGORITHMS.includes(header.alg)) return aadErrors.assertionBadSignature();

  let claims: Record<string, unknown>;
  try {
    const { payload } = await compactVerify(input.assertion, createPublicKey(cert.publicKeyPem), {
      algorithms: [header.alg],
    });
    claims = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
  } catch (err) {
    return err instanceof SyntaxError ? aadErrors.malformedAssertion() : aadErrors.assertionBadSignature();
  }

  if (claims.iss !== claims.sub) return aadErrors.assertionSubjectMismatch();
  if (typeof claims.sub !== 'string' || claims.sub.toLowerCase() !== input.app.clientId.toLowerCase()) {
    return aadErrors.assertionClientMismatch();
  }
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.some((a) => typeof a === 'string' && input.audienceOk(a))) {
    return aadErrors.assertionAudience();
  }
  const now = Math.floor(ctx.clock.now() / 1000);
  const skew = ctx.behaviour.identity.assertionClockSkewSeconds;
  const exp = typeof claims.exp === 'number' ? claims.exp : 0;
  const nbf = typeof claims.nbf === 'number' ? claims.nbf : typeof claims.iat === 'number' ? claims.iat : 0;
  if (nbf > now + skew || exp <= now - skew) {
    return aadErrors.assertionTimeRange(iso(now), iso(nbf), iso(exp));
  }
  return null;
}
