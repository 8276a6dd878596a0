import { GraphQLError } from 'graphql';
import { HeaderMap } from '@apollo/server';
import { isDomainError } from '@fulfillment-mesh/runtime';
import { httpStatusFor } from '../errors.js';

/**
 * A copy of `error` whose extensions carry the HTTP status that fits its code (and `headers`), which Apollo
 * Server uses for the response when the error ends a request before execution. Plain errors pass unchanged.
 */
export function withHttpStatus(error: unknown, headers?: Record<string, string>): GraphQLError {
  const own = (error as { extensions?: Record<string, unknown> }).extensions;
  const extensions = own ?? (isDomainError(error) ? { code: error.code, ...error.details } : undefined);
  const code = typeof extensions?.code === 'string' ? extensions.code : undefined;
  if (!code) throw error; // not a refusal but a failure: let the server log and mask it
  return new GraphQLError((error as Error).message, {
    ...(error instanceof Error ? { originalError: error } : {}),
    extensions: {
      ...extensions,
      http: {
        status: httpStatusFor(code),
        ...(headers ? { headers: new HeaderMap(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])) } : {}),
      },
    },
  });
}
