import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { DomainError } from '@fulfillment-mesh/runtime';
import { isClientKind, type Client, type ClientKind } from '../client.js';
import { unauthenticated } from '../errors.js';
import { readHeader, type HeaderSource } from '../headers.js';

/** Where signing keys come from: a remote JWKS (fetched and cached by jose) or a JWKS object (tests, air-gapped setups). */
export type JwksSource =
  | {
      url: string | URL;
      /** Timeout of one JWKS fetch; default 5 seconds. */
      timeoutMs?: number;
      /** After a fetch, how long an unknown `kid` waits before triggering another; default 30 seconds. */
      cooldownMs?: number;
      /** Longest time keys are kept before refetching; default 10 minutes. */
      cacheMaxAgeMs?: number;
    }
  | { keys: JSONWebKeySet['keys'] };

/** Options of {@link createJwtAuthenticator}. */
export interface JwtOptions {
  jwks: JwksSource;
  /** Accepted `iss` value(s). */
  issuer: string | string[];
  /** Accepted `aud` value(s): the mesh's own audience, so tokens minted for other APIs are refused. */
  audience: string | string[];
  /** Tolerated clock difference for `exp`/`nbf`/`iat`; default 30 seconds. */
  clockToleranceSeconds?: number;
  /** Accepted signature algorithms; default asymmetric only (RS*, PS*, ES*, EdDSA), so no shared-secret confusion. */
  algorithms?: string[];
  /** Kind given to tokens without an `fm_kind` claim; default none: such tokens are refused. */
  defaultKind?: ClientKind;
  /** Claim holding the client id; default `sub`. */
  idClaim?: string;
}

const ASYMMETRIC = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
];

/** The bearer token of a request, or undefined when `Authorization` does not carry one. */
export function bearerToken(headers: HeaderSource): string | undefined {
  const authorization = readHeader(headers, 'authorization');
  const match = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
  return match?.[1];
}

/**
 * Authenticates `Authorization: Bearer <JWT>` against a JWKS with issuer, audience and clock-skew checks and
 * maps the claims to a {@link Client}: `scope` (space-separated) and/or `scp` (array) → scopes, `fm_kind` →
 * kind, `fm_partner` → partnerId. Null without a bearer token; UNAUTHENTICATED naming what was wrong otherwise.
 */
export function createJwtAuthenticator(options: JwtOptions): (headers: HeaderSource) => Promise<Client | null> {
  const source = options.jwks;
  const keySet =
    'keys' in source
      ? createLocalJWKSet({ keys: source.keys })
      : createRemoteJWKSet(new URL(source.url), {
          timeoutDuration: source.timeoutMs ?? 5_000, // 5 seconds
          cooldownDuration: source.cooldownMs ?? 30_000, // 30 seconds
          cacheMaxAge: source.cacheMaxAgeMs ?? 600_000, // 10 minutes
        });
  const verifyOptions = {
    issuer: options.issuer,
    audience: options.audience,
    clockTolerance: options.clockToleranceSeconds ?? 30, // seconds
    algorithms: options.algorithms ?? ASYMMETRIC,
  };
  const idClaim = options.idClaim ?? 'sub';

  return async (headers) => {
    const token = bearerToken(headers);
    if (token === undefined) return null;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keySet, verifyOptions));
    } catch (error) {
      throw describeFailure(error, 'url' in source ? String(source.url) : 'the configured JWKS');
    }
    return clientFromClaims(payload, idClaim, options.defaultKind);
  };
}

/** Maps verified claims to a client, refusing tokens that do not say who or what kind of client they are. */
export function clientFromClaims(payload: JWTPayload, idClaim: string, defaultKind?: ClientKind): Client {
  const id = payload[idClaim];
  if (typeof id !== 'string' || id === '' || id.length > 256)
    throw unauthenticated(`Bearer token has no usable "${idClaim}" claim`);
  const kind = payload.fm_kind ?? defaultKind;
  if (!isClientKind(kind))
    throw unauthenticated(
      `Bearer token has no valid "fm_kind" claim (expected storefront, console, partner, operator or service)`,
    );
  const partnerId = payload.fm_partner;
  if (kind === 'partner' && (typeof partnerId !== 'string' || partnerId === ''))
    throw unauthenticated('Bearer token of a partner has no "fm_partner" claim');
  const scopes = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string') for (const s of value.split(' ')) if (s) scopes.add(s);
    if (Array.isArray(value)) for (const s of value) if (typeof s === 'string' && s) scopes.add(s);
  };
  add(payload.scope);
  add(payload.scp);
  return { id, kind, scopes: [...scopes], ...(typeof partnerId === 'string' && partnerId !== '' ? { partnerId } : {}) };
}

/** Turns a jose failure into a message that names the problem, never the token. */
function describeFailure(error: unknown, jwksName: string): DomainError {
  if (error instanceof errors.JWTExpired) return unauthenticated('Bearer token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return unauthenticated('Bearer token has the wrong audience');
    if (error.claim === 'iss') return unauthenticated('Bearer token has the wrong issuer');
    if (error.claim === 'nbf') return unauthenticated('Bearer token is not valid yet');
    if (error.claim === 'iat') return unauthenticated('Bearer token was issued in the future');
    return unauthenticated(`Bearer token claim "${error.claim}" is invalid`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return unauthenticated('Bearer token has a bad signature');
  if (error instanceof errors.JWKSNoMatchingKey)
    return unauthenticated('Bearer token is signed with a key the key set does not contain');
  if (error instanceof errors.JOSEAlgNotAllowed)
    return unauthenticated('Bearer token uses a signature algorithm that is not allowed');
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid)
    return unauthenticated('Bearer token is malformed');
  if (error instanceof errors.JOSENotSupported)
    return unauthenticated('Bearer token uses an unsupported algorithm or key type');
  // Anything else (timeout, unreachable or invalid JWKS) is our side failing, not the client's credentials.
  return new DomainError('UNAVAILABLE', `Cannot verify bearer tokens right now: ${jwksName} could not be used`);
}
