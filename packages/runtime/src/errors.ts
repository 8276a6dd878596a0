import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from './logger.js';

/** The few error codes a client can act on; they become `extensions.code`. */
export type DomainErrorCode =
  'NOT_FOUND' | 'INVALID_INPUT' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'UNAVAILABLE';

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
  return (
    error instanceof DomainError ||
    (error instanceof Error && error.name === 'DomainError' && typeof (error as DomainError).code === 'string')
  );
}

/** The innermost `originalError` of a (possibly wrapped) GraphQL error. */
function unwrap(error: unknown): unknown {
  let current = error;
  while (
    current &&
    typeof current === 'object' &&
    'originalError' in current &&
    (current as { originalError?: unknown }).originalError
  ) {
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

/** Every code whose message a client sees: the domain's, and the client errors of access and Apollo Server. */
const CLIENT_CODES = new Set<string>([
  ...PASS_THROUGH,
  'NOT_FOUND',
  'INVALID_INPUT',
  'CONFLICT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'UNAVAILABLE',
]);

/** What a client may see of an error: its code, message and extensions. */
export interface ClientError {
  code: string;
  message: string;
  extensions: Record<string, unknown>;
}

/**
 * The one mapping from an error to `extensions.code`, used by the subgraphs' and the gateway's error formatters
 * and by the subscription engine: a DomainError keeps its code, message and details; a GraphQL error whose code is
 * a client error passes (without a stack trace); anything else is null — to be logged in full and masked as
 * INTERNAL_SERVER_ERROR.
 */
export function clientErrorOf(error: unknown): ClientError | null {
  // Duck-typed on purpose: graphql may be loaded both as CommonJS (by @apollo/subgraph) and as ESM, and
  // an instanceof check across the two copies fails.
  const original = unwrap(error);
  if (isDomainError(original)) {
    return { code: original.code, message: original.message, extensions: { code: original.code, ...original.details } };
  }
  for (const candidate of [error, original]) {
    const extensions = (candidate as { extensions?: Record<string, unknown> } | null)?.extensions;
    const code = extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) {
      const { stacktrace: _drop, ...rest } = extensions!;
      return { code, message: (candidate as { message?: string }).message ?? code, extensions: rest };
    }
  }
  return null;
}

/** The HTTP status that fits an error code (a GraphQL error's `extensions.http` and refused socket upgrades). */
export function httpStatusOf(code: string): number {
  switch (code) {
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'RATE_LIMITED':
      return 429;
    case 'UNAVAILABLE':
      return 503;
    default:
      return 400;
  }
}

/**
 * Builds Apollo's `formatError` from {@link clientErrorOf}: client errors keep their code and message, everything
 * else is logged in full and masked as INTERNAL_SERVER_ERROR without a stack trace.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrap(error);
    if (isDomainError(original)) {
      const { message, extensions } = clientErrorOf(original)!;
      const where = {
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
      };
      return { message, ...where, extensions };
    }
    // Apollo's own client errors (and codes set by the access layer) as Apollo formatted them, minus the stack.
    const passed = clientErrorOf(formatted);
    if (passed) return { ...formatted, extensions: passed.extensions };
    logger.error({ err: original, path: formatted.path }, 'unexpected error while resolving');
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
