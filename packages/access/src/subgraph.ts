import { isDomainError } from '@fulfillment-mesh/runtime';
import type { Client } from './client.js';
import { AccessDomainError } from './errors.js';
import { readHeader, type HeaderSource } from './headers.js';
import { IDENTITY_HEADER, verifyIdentity, type VerifyIdentityOptions } from './internal-header.js';

/**
 * For a subgraph's context function: the client the gateway signed into `x-fm-identity`, or a 401
 * UNAUTHENTICATED ("Missing gateway identity", "… tampered …", "… expired") — no bypassing the gateway.
 */
export function requireGatewayIdentity(headers: HeaderSource, options: VerifyIdentityOptions): Client {
  try {
    return verifyIdentity(readHeader(headers, IDENTITY_HEADER), options);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    // Apollo Server wraps what a context function throws in a GraphQLError that copies the original's
    // `extensions`: the `http` status makes the answer a 401 instead of a 500.
    throw new AccessDomainError(error.code, error.message, error.details, { status: 401 });
  }
}
