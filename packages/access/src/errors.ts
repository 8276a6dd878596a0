import { GraphQLError } from 'graphql';
import { DomainError, httpStatusOf, type DomainErrorCode } from '@fulfillment-mesh/runtime';

/**
 * Error codes this package produces beyond the runtime's DomainError codes. The error formatter must let them
 * through unmasked (they are the client's only hint at what to change).
 */
export const ACCESS_ERROR_CODES = [
  'PERSISTED_QUERY_REQUIRED',
  'PERSISTED_QUERY_NOT_FOUND',
  'COST_LIMIT_EXCEEDED',
  'DEPTH_LIMIT_EXCEEDED',
  'ALIAS_LIMIT_EXCEEDED',
  'BATCH_LIMIT_EXCEEDED',
  'RATE_LIMITED',
  'BAD_REQUEST',
] as const;

/** One of {@link ACCESS_ERROR_CODES}. */
export type AccessErrorCode = (typeof ACCESS_ERROR_CODES)[number];

/** A client-facing GraphQL error with a named code and extra extensions (no HTTP details: transports add those). */
export function accessError(
  code: AccessErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

/**
 * A DomainError that also carries GraphQL `extensions` (code, details, optionally `http`). graphql-js and
 * Apollo Server copy an original error's `extensions` onto the GraphQLError they wrap it in, so the code
 * survives any error formatter (and any copy of graphql-js), while the mesh's formatter still sees a DomainError.
 */
export class AccessDomainError extends DomainError {
  readonly extensions: Record<string, unknown>;
  constructor(
    code: DomainErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    http?: { status: number },
  ) {
    super(code, message, details);
    this.extensions = { code, ...details, ...(http ? { http } : {}) };
  }
}

/** Missing or invalid credentials; `message` says what was wrong and never echoes a secret. */
export function unauthenticated(message: string): DomainError {
  return new AccessDomainError('UNAUTHENTICATED', message);
}

/** The HTTP status that fits an access error code: the runtime's one mapping ({@link httpStatusOf}). */
export const httpStatusFor: (code: string) => number = httpStatusOf;
