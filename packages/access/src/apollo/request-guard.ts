import type { Client, ClientKind } from '../client.js';
import type { HeaderSource } from '../headers.js';
import {
  DEFAULT_BUCKETS,
  rateLimitError,
  rateLimitHeaders,
  rateLimitKey,
  type BucketConfig,
  type RateLimiter,
  type RateLimitResult,
} from '../rate-limit.js';
import { withHttpStatus } from './http-errors.js';

/** Dependencies of {@link createRequestGuard}. */
export interface RequestGuardDeps {
  /** From `createAuthenticator`. */
  authenticate: (headers: HeaderSource) => Promise<Client>;
  /** Omit to skip rate limiting (tests). */
  limiter?: RateLimiter;
  /** Buckets per client kind; default {@link DEFAULT_BUCKETS}. */
  buckets?: Readonly<Record<ClientKind, BucketConfig>>;
}

/** What the guard adds to the GraphQL context. */
export interface GuardedRequest {
  client: Client;
  rateLimit?: RateLimitResult;
}

/**
 * For the gateway's context function (which runs before parsing, and whose errors Apollo Server answers with
 * their `extensions.http`): authenticates the request, then charges its client's rate-limit bucket. Throws
 * UNAUTHENTICATED as 401, RATE_LIMITED as 429 with `Retry-After` and the RateLimit headers.
 */
export function createRequestGuard(
  deps: RequestGuardDeps,
): (headers: HeaderSource, remoteAddress?: string) => Promise<GuardedRequest> {
  const buckets = deps.buckets ?? DEFAULT_BUCKETS;
  return async (headers, remoteAddress) => {
    let client: Client;
    try {
      client = await deps.authenticate(headers);
    } catch (error) {
      throw withHttpStatus(error);
    }
    if (!deps.limiter) return { client };
    const rateLimit = await deps.limiter.consume(rateLimitKey(client, remoteAddress), { bucket: buckets[client.kind] });
    if (!rateLimit.allowed) throw withHttpStatus(rateLimitError(rateLimit), rateLimitHeaders(rateLimit));
    return { client, rateLimit };
  };
}
