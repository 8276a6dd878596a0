import { ApolloGateway, type GraphQLDataSource, type ServiceEndpointDefinition } from '@apollo/gateway';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Logger } from '@fulfillment-mesh/runtime';
import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';

/** One GraphQL request to run in process. */
export interface OperationRequest {
  query: string;
  /**
   * Set when the document came from the caller's manifest: the operation is sent by this hash (no text), so the
   * public gateway's persisted-operations rule finds it there exactly as for an HTTP request by documentId.
   */
  persistedHash?: string;
  variables?: Record<string, unknown>;
  operationName?: string | null | undefined;
}

/** Runs an operation through an Apollo Server in process and returns it as graphql-js would (errors as GraphQLError). */
export async function executeWith<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  request: OperationRequest,
  contextValue: TContext,
): Promise<ExecutionResult> {
  const document = request.persistedHash
    ? { extensions: { persistedQuery: { version: 1, sha256Hash: request.persistedHash } } }
    : { query: request.query };
  const response = await apollo.executeOperation(
    {
      ...document,
      ...(request.variables ? { variables: request.variables } : {}),
      ...(request.operationName ? { operationName: request.operationName } : {}),
    },
    { contextValue },
  );
  if (response.body.kind !== 'single')
    return { errors: [new GraphQLError('Incremental delivery (@defer/@stream) is not supported on subscriptions')] };
  const { data, errors } = response.body.singleResult;
  return { ...(data !== undefined ? { data } : {}), ...(errors ? { errors: errors.map(toGraphQLError) } : {}) };
}

// graphql-ws serialises errors with toJSON(); Apollo has already formatted (and masked) them, so they are rebuilt
// without locations, which would point into the rewritten hydration query rather than the client's document.
function toGraphQLError(error: GraphQLFormattedError): GraphQLError {
  return new GraphQLError(error.message, {
    ...(error.path ? { path: error.path } : {}),
    ...(error.extensions ? { extensions: error.extensions } : {}),
  });
}

/** What {@link createHydrationServer} needs. */
export interface HydrationServerDeps<_TContext extends BaseContext> {
  /** The supergraph with the hydration fields made accessible (see hydrationSupergraph). */
  supergraphSdl: string;
  /** The same data sources as the public gateway, so identity forwarding and error mapping are identical. */
  buildService: (definition: ServiceEndpointDefinition) => GraphQLDataSource;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  logger: Logger;
}

/**
 * The in-process executor of hydration queries: a second @apollo/gateway over the hydration supergraph, never
 * served over HTTP. A second instance is the documented way to plan queries on fields the public API hides; it
 * costs one more query-plan cache, and keeps the public schema free of the echo fields.
 */
export function createHydrationServer<TContext extends BaseContext>(
  deps: HydrationServerDeps<TContext>,
): ApolloServer<TContext> {
  const gateway = new ApolloGateway({
    supergraphSdl: deps.supergraphSdl,
    __exposeQueryPlanExperimental: false,
    logger: deps.logger,
    buildService: deps.buildService,
  });
  return new ApolloServer<TContext>({
    gateway,
    formatError: deps.formatError,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false, // the gateway drains on SIGTERM itself
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
}
