import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import type { AuthorizationContext } from '../authorization.js';
import {
  persistedInputFromSearch,
  resolvePersistedRequest,
  type PersistedRequestInput,
  type ResolvePersistedOptions,
} from '../persisted/resolve.js';
import { withHttpStatus } from './http-errors.js';

// A valid document that touches nothing, run in place of a refused request so the refusal can be reported
// from didResolveOperation: an error thrown earlier (requestDidStart) becomes a masked 500 in Apollo Server.
const PLACEHOLDER = '{ __typename }';

/**
 * Apollo Server plugin for trusted documents: replaces `documentId` / `extensions.persistedQuery.sha256Hash`
 * with the document from the calling client's manifest (POST and GET, so persisted GETs can be cached by a
 * CDN), and refuses what {@link resolvePersistedRequest} refuses, with status 400 and nothing executed.
 * Needs `context.client` (set by the context function before any plugin runs).
 */
export function persistedOperationsPlugin<TContext extends BaseContext & AuthorizationContext>(
  options: ResolvePersistedOptions,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      const client = contextValue.client;
      if (!client)
        throw new Error('persistedOperationsPlugin needs context.client: authenticate in the context function');
      const http = request.http;
      const fromHttp: PersistedRequestInput =
        http?.method === 'GET' ? persistedInputFromSearch(http.search) : { documentId: documentIdOf(http?.body) };
      let refusal: GraphQLError | undefined;
      try {
        const resolution = await resolvePersistedRequest(
          client,
          { query: request.query, extensions: request.extensions, documentId: fromHttp.documentId },
          options,
        );
        if (resolution.kind === 'registered') {
          request.query = resolution.query;
          dropPersistedQuery(request);
        }
      } catch (error) {
        refusal = withHttpStatus(error);
        request.query = PLACEHOLDER;
        request.operationName = undefined;
        dropPersistedQuery(request);
      }
      if (!refusal) return;
      const error = refusal;
      return {
        async didResolveOperation() {
          throw error;
        },
      };
    },
  };
}

function documentIdOf(body: unknown): unknown {
  return body && typeof body === 'object' && !Array.isArray(body)
    ? (body as { documentId?: unknown }).documentId
    : undefined;
}

/** Without this, Apollo's APQ would try to register the resolved document under the client's hash. */
function dropPersistedQuery(request: { extensions?: Record<string, unknown> }): void {
  if (!request.extensions || !('persistedQuery' in request.extensions)) return;
  const { persistedQuery: _dropped, ...rest } = request.extensions;
  request.extensions = rest;
}
