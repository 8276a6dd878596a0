import { createHash, randomBytes } from 'node:crypto';
import type { Client } from '../client.js';
import { unauthenticated } from '../errors.js';
import { readHeader, type HeaderSource } from '../headers.js';
import type { ClientStore } from './client-store.js';

/** Prefix of every key this package issues: recognisable in secret scanners and easy to tell from a JWT. */
export const API_KEY_PREFIX = 'fm_';

/** A new random API key (`fm_` + 32 random bytes, base64url). Shown once; only its hash is stored. */
export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** SHA-256 (hex) of an API key: what stores index clients by. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The API key of a request: `x-api-key`, or `Authorization: ApiKey <key>`; undefined when neither is sent. */
export function apiKeyFromHeaders(headers: HeaderSource): string | undefined {
  const direct = readHeader(headers, 'x-api-key');
  if (direct) return direct;
  const authorization = readHeader(headers, 'authorization');
  const match = authorization ? /^ApiKey\s+(\S+)$/i.exec(authorization) : null;
  return match?.[1];
}

/**
 * Authenticates by API key against `store`. Null when the request carries no key; UNAUTHENTICATED when the key
 * is unknown or revoked (the message never repeats the key).
 */
export function createApiKeyAuthenticator(store: ClientStore): (headers: HeaderSource) => Promise<Client | null> {
  return async (headers) => {
    const key = apiKeyFromHeaders(headers);
    if (key === undefined) return null;
    const client = await store.findByKeyHash(hashApiKey(key));
    if (!client) throw unauthenticated('Unknown or revoked API key');
    return client;
  };
}
