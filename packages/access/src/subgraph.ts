import { isDomainError } from '@fulfillment-mesh/runtime';
import type { Client } from './client.js';
import { AccessDomainError } from './errors.js';
import { readHeader, type HeaderSource } from './headers.js';
import { IDENTITY_HEADER, verifyIdentityHeader, type VerifyIdentityOptions } from './internal-header.js';
import type { ReplayGuard } from './replay-guard.js';

/**
 * For a subgraph's context function: the client the gateway signed into `x-fm-identity`, or a 401
 * UNAUTHENTICATED ("Missing gateway identity", "… tampered …", "… expired") — no bypassing the gateway.
 */
export function requireGatewayIdentity(headers: HeaderSource, options: VerifyIdentityOptions): Client {
  try {
    return verifyIdentityHeader(readHeader(headers, IDENTITY_HEADER), options).client;
  } catch (error) {
    throw asUnauthorized(error);
  }
}

/**
 * {@link requireGatewayIdentity} that also refuses a header whose fetch id `replay` has already seen (401
 * "Gateway identity was already used"): every subgraph fetch carries its own id (see signRequestIdentity).
 */
export async function requireFreshGatewayIdentity(
  headers: HeaderSource,
  options: VerifyIdentityOptions & { replay: ReplayGuard },
): Promise<Client> {
  let verified;
  try {
    verified = verifyIdentityHeader(readHeader(headers, IDENTITY_HEADER), options);
  } catch (error) {
    throw asUnauthorized(error);
  }
  if (!(await options.replay.firstSighting(verified.fetchId, verified.expiresAt, options.now))) {
    throw new AccessDomainError(
      'UNAUTHENTICATED',
      'Gateway identity was already used: each subgraph fetch carries its own',
      {},
      { status: 401 },
    );
  }
  return verified.client;
}

function asUnauthorized(error: unknown): unknown {
  if (!isDomainError(error)) return error;
  // Apollo Server wraps what a context function throws in a GraphQLError that copies the original's
  // `extensions`: the `http` status makes the answer a 401 instead of a 500.
  return new AccessDomainError(error.code, error.message, error.details, { status: 401 });
}
