import { GraphQLError } from 'graphql';
import { clientErrorOf } from '@fulfillment-mesh/runtime';

/** The document fields of one subscribe request, as a transport received them. */
export interface DocumentRequest {
  query?: unknown;
  /** GraphQL-over-HTTP persisted document id (`sha256:<hex>`): SSE body or query string, graphql-ws payload or extensions. */
  documentId?: unknown;
  extensions?: unknown;
}

/** The document a request runs: its text, and the registered hash when it came from the caller's manifest. */
export interface ResolvedDocument {
  query: string;
  hash?: string;
}

/**
 * Finds the document of a request sent over a subscription transport for `identity` (the same rule as HTTP:
 * partners run only registered operations). Throw an error with `extensions.code` (PERSISTED_QUERY_REQUIRED,
 * PERSISTED_QUERY_NOT_FOUND, BAD_REQUEST) to refuse; default: the query as sent.
 */
export type ResolveDocument<TIdentity> = (
  identity: TIdentity | null,
  request: DocumentRequest,
) => Promise<ResolvedDocument>;

/** Without a resolver every request runs the query it sent. */
export const queryAsSent: ResolveDocument<unknown> = (_identity, request) =>
  typeof request.query === 'string' && request.query !== ''
    ? Promise.resolve({ query: request.query })
    : Promise.reject(new GraphQLError('Send a query (or a documentId)', { extensions: { code: 'BAD_REQUEST' } }));

/** The code a refusal carries; undefined for unexpected failures (which are masked). */
export function refusalCodeOf(error: unknown): string | undefined {
  return clientErrorOf(error)?.code;
}

/** `documentId` from a graphql-ws subscribe payload: top level (as over HTTP) or in `extensions`. */
export function documentIdOf(payload: { documentId?: unknown; extensions?: unknown }): unknown {
  if (payload.documentId !== undefined) return payload.documentId;
  const extensions = payload.extensions;
  return extensions && typeof extensions === 'object' ? (extensions as { documentId?: unknown }).documentId : undefined;
}
