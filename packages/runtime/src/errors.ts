import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from './logger.js';

/** The few error codes a client can act on; they become `extensions.code`. */
export type DomainErrorCode = 'NOT_FOUND' | 'INVALID_INPUT' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'UNAVAILABLE';

/** The one error type of every domain: a code, a message naming entity and id, and optional details. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** `<entity> "<id>" was not found`. */
export function notFound(entity: string, id: string): DomainError {
  return new DomainError('NOT_FOUND', `${entity} "${id}" was not found`, { entity, id });
}

/** An argument error that says which field, what was expected and what was received. */
export function invalidInput(field: string, expected: string, received: unknown): DomainError {
  return new DomainError('INVALID_INPUT', `Invalid ${field}: expected ${expected}, received ${describe(received)}`, {
    field,
    expected,
  });
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** True for a {@link DomainError}, also across module copies. */
export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError || (error instanceof Error && error.name === 'DomainError' && typeof (error as DomainError).code === 'string');
}

/** The innermost `originalError` of a (possibly wrapped) GraphQL error. */
function unwrap(error: unknown): unknown {
  let current = error;
  while (current && typeof current === 'object' && 'originalError' in current && (current as { originalError?: unknown }).originalError) {
    current = (current as { originalError: unknown }).originalError;
  }
  return current;
}

/** Codes that Apollo Server itself produces and that are safe to show unchanged. */
const PASS_THROUGH = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_REQUIRED',
  'COST_LIMIT_EXCEEDED',
  'DEPTH_LIMIT_EXCEEDED',
  'ALIAS_LIMIT_EXCEEDED',
  'BATCH_LIMIT_EXCEEDED',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
]);

/**
 * Builds Apollo's `formatError`: domain errors keep their code and message, GraphQL's own client errors pass,
 * everything else is logged in full and masked as INTERNAL_SERVER_ERROR without a stack trace.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // Duck-typed on purpose: graphql may be loaded both as CommonJS (by @apollo/subgraph) and as ESM, and
    // an instanceof check across the two copies fails.
    const original = unwrap(error);
    if (isDomainError(original)) {
      return {
        message: original.message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: original.code, ...original.details },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && (PASS_THROUGH.has(code) || code === 'FORBIDDEN' || code === 'UNAUTHENTICATED' || code === 'NOT_FOUND' || code === 'INVALID_INPUT' || code === 'CONFLICT' || code === 'UNAVAILABLE')) {
      const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error while resolving');
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
