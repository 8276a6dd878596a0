import type { Client, ClientKind } from '../client.js';
import { unauthenticated } from '../errors.js';
import { readHeader, type HeaderSource } from '../headers.js';
import { createApiKeyAuthenticator } from './api-keys.js';
import type { ClientStore } from './client-store.js';
import { createJwtAuthenticator, type JwtOptions } from './jwt.js';

/** One way of recognising a caller: null when the request does not use it, a client, or an UNAUTHENTICATED throw. */
export type Authenticate = (headers: HeaderSource) => Promise<Client | null>;

/** Who a request without credentials is; `false` refuses such requests. */
export interface AnonymousPolicy {
  /** Default `anonymous`. Rate limits should key anonymous callers by address, not by this shared id. */
  id?: string;
  /** Default `storefront`. */
  kind?: ClientKind;
  /** Default `catalog:read inventory:read`: browsing products and availability only. */
  scopes?: string[];
}

/** Options of {@link createAuthenticator}. */
export interface AuthenticatorOptions {
  /** API-key clients; omit to refuse API keys. */
  apiKeys?: ClientStore;
  /** JWT bearer tokens; omit to refuse bearer tokens. */
  jwt?: JwtOptions;
  /** Identity of requests without credentials; default read-only storefront, `false` to require credentials. */
  anonymous?: AnonymousPolicy | false;
  /** Extra authenticators tried after API keys and JWTs (e.g. mTLS). */
  extra?: Authenticate[];
}

/** Default anonymous identity: a storefront that may read the catalog and availability. */
export const DEFAULT_ANONYMOUS: Required<AnonymousPolicy> = {
  id: 'anonymous',
  kind: 'storefront',
  scopes: ['catalog:read', 'inventory:read'],
};

/**
 * Builds the gateway's authenticator: the first credential the request carries decides (API key, then bearer
 * token), a credential that fails never falls back to anonymous, and no credential at all gives the anonymous
 * identity (or UNAUTHENTICATED when anonymous access is off).
 */
export function createAuthenticator(options: AuthenticatorOptions): (headers: HeaderSource) => Promise<Client> {
  const chain: Authenticate[] = [];
  if (options.apiKeys) chain.push(createApiKeyAuthenticator(options.apiKeys));
  if (options.jwt) chain.push(createJwtAuthenticator(options.jwt));
  chain.push(...(options.extra ?? []));
  const anonymous = options.anonymous === false ? null : { ...DEFAULT_ANONYMOUS, ...options.anonymous };

  return async (headers) => {
    for (const authenticate of chain) {
      const client = await authenticate(headers);
      if (client) return client;
    }
    // A credential nobody recognised must not silently become anonymous: the caller meant to be someone.
    const authorization = readHeader(headers, 'authorization');
    // The header is not echoed: a caller who forgot the scheme would see its secret in an error.
    if (authorization !== undefined)
      throw unauthenticated(`Unsupported Authorization header: use ${accepted(options)}`);
    if (readHeader(headers, 'x-api-key') !== undefined) throw unauthenticated('API keys are not accepted here');
    if (!anonymous) throw unauthenticated(`Missing credentials: send ${accepted(options)}`);
    return { id: anonymous.id, kind: anonymous.kind, scopes: [...anonymous.scopes], anonymous: true };
  };
}

function accepted(options: AuthenticatorOptions): string {
  const ways = [
    options.apiKeys ? 'an API key (x-api-key or Authorization: ApiKey <key>)' : '',
    options.jwt ? 'a bearer token (Authorization: Bearer <JWT>)' : '',
  ];
  return ways.filter(Boolean).join(' or ') || 'credentials this deployment accepts';
}
