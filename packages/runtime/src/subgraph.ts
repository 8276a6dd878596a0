import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { ApolloServer, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { createServiceMetrics, type ServiceMetrics } from '@fulfillment-mesh/telemetry';
import { GraphQLScalarType, Kind, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { createErrorFormatter, invalidInput } from './errors.js';
import { guardInputs } from './input-schema.js';
import { createHttpService, type HttpService, type RouteHandler } from './http.js';
import type { Logger } from './logger.js';

/** What every subgraph context carries. */
export interface BaseRequestContext extends BaseContext {
  requestId: string;
  logger: Logger;
}

/**
 * The one context shape of a domain subgraph: its store, the request's loaders, its workflows (what mutations
 * and consumers call) and its log of refused mastered writes. Same names in every subgraph.
 */
export interface DomainContext<TStore, TLoaders, TWorkflows, TConflicts> extends BaseRequestContext {
  store: TStore;
  loaders: TLoaders;
  workflows: TWorkflows;
  conflicts: TConflicts;
}

/** A subgraph built by its `server.ts`: everything needed to serve it, nothing that listens. */
export interface SubgraphDefinition<TContext extends BaseRequestContext> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  logger: Logger;
  /** Builds the per-request context (loaders are created here, one set per request). */
  createContext(base: { req: IncomingMessage; requestId: string; logger: Logger }): Promise<TContext> | TContext;
  /** Resolves when the subgraph's dependencies answer (its store). */
  ready(): Promise<void>;
  /** Extra HTTP routes (webhooks). */
  routes?: Record<string, RouteHandler>;
  /** The service's Prometheus registry, with its business metrics; default one with the standard metrics only. */
  metrics?: ServiceMetrics;
  /** Starts background work (outbox relay, event consumers, sweepers) once the subgraph serves requests. */
  start?(): Promise<void>;
  /** Releases what the subgraph opened (store, consumers); called after the HTTP server closed. */
  close(): Promise<void>;
}

/** Reads `schema.graphql` that sits one folder above the calling module (works from both src/ and dist/). */
export function loadSchema(moduleUrl: string): DocumentNode {
  return parse(readFileSync(new URL('../schema.graphql', moduleUrl), 'utf8'));
}

/**
 * How a subgraph is guarded, chosen by the composition root (the runtime knows no identity model):
 * `authenticate` runs per request before any resolver and its result joins the context (it throws to refuse,
 * e.g. a request that does not carry the gateway's signed identity); `wrapSchema` may wrap resolvers
 * (authorization directives).
 */
export interface SubgraphGuard {
  authenticate?: (
    req: IncomingMessage,
    requestId: string,
  ) => Promise<Record<string, unknown>> | Record<string, unknown>;
  wrapSchema?: (schema: GraphQLSchema) => GraphQLSchema;
}

/** Builds the Apollo Server for a subgraph with the mesh's error masking and input hygiene on every root field. */
export function buildSubgraphServer<TContext extends BaseRequestContext>(
  def: SubgraphDefinition<TContext>,
  guard: SubgraphGuard = {},
): ApolloServer<TContext> {
  // Input hygiene first, so the guard's authorization wrapper still runs before anything looks at arguments.
  const schema = guardInputs(
    buildSubgraphSchema({ typeDefs: def.typeDefs, resolvers: def.resolvers as GraphQLResolverMap<unknown> }),
  );
  return new ApolloServer<TContext>({
    schema: guard.wrapSchema ? guard.wrapSchema(schema) : schema,
    formatError: createErrorFormatter(def.logger),
    includeStacktraceInErrorResponses: false,
    // The service drains on SIGTERM itself (onShutdown); Apollo's own handler would stop at once and re-raise.
    stopOnTerminationSignals: false,
    // Subgraphs sit behind the gateway; only JSON requests with a content type are accepted (CSRF-safe).
    csrfPrevention: true,
    // Federated traces only feed Apollo's hosted usage reporting, which a self-hosted mesh does not use. No schema
    // declares @cacheControl and the gateway sets its own Cache-Control, yet the default cache-control plugin hooks
    // every field (Apollo then wraps every resolver): about a tenth of a console page's subgraph CPU (issue 16).
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled()],
  });
}

/** Serves a subgraph on `port` (0 picks a free port) with /healthz, /readyz and /metrics; closing also closes the subgraph. */
export async function serveSubgraph<TContext extends BaseRequestContext>(
  def: SubgraphDefinition<TContext>,
  listen: { port: number; host?: string },
  guard: SubgraphGuard = {},
): Promise<HttpService> {
  const metrics = def.metrics ?? createServiceMetrics(def.name);
  const service = await createHttpService<TContext>(
    {
      name: def.name,
      observe: metrics.observeRequest,
      apollo: buildSubgraphServer(def, guard),
      logger: def.logger,
      context: async ({ req, requestId, logger }) => {
        const auth = guard.authenticate ? await guard.authenticate(req, requestId) : {};
        return { ...(await def.createContext({ req, requestId, logger })), ...auth };
      },
      ready: def.ready,
      routes: { '/metrics': (req, res) => metrics.handler(req, res), ...def.routes },
    },
    listen,
  );
  try {
    await def.start?.();
  } catch (error) {
    await service.close();
    await def.close();
    throw error;
  }
  return {
    ...service,
    async close() {
      await service.close();
      await def.close();
    },
  };
}

/** ISO-8601 date-time scalar shared by every subgraph (`scalar DateTime`). */
export const DateTime = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An ISO-8601 instant in UTC, e.g. 2026-11-26T15:30:00.000Z',
  serialize(value) {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string') return value;
    throw new TypeError(`DateTime cannot represent ${String(value)}`);
  },
  parseValue(value) {
    return parseInstant(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw invalidInput('DateTime', 'an ISO-8601 string', ast.kind);
    return parseInstant(ast.value);
  },
});

function parseInstant(value: unknown): string {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value)))
    throw invalidInput('DateTime', 'an ISO-8601 string', value);
  return new Date(value).toISOString();
}
