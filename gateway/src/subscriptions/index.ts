import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { GraphQLDataSource, ServiceEndpointDefinition } from '@apollo/gateway';
import type { ApolloServer } from '@apollo/server';
import type { EventBus } from '@fulfillment-mesh/events';
import type { Logger, RouteHandler } from '@fulfillment-mesh/runtime';
import type { GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../context.js';
import type { AuthorizeSubscription } from './admission.js';
import type { Authenticate } from './auth.js';
import { createDocumentCache } from './documents.js';
import { createSubscriptionEngine, type EngineLimits } from './engine.js';
import { createHydrationServer, executeWith, type OperationRequest } from './executor.js';
import type { CustomFilter, TenantOf } from './filters.js';
import type { ResolveDocument } from './persisted.js';
import type { SubscriptionManifest } from './manifest.js';
import { renderPrometheus, type SubscriptionMetrics } from './metrics.js';
import { checkManifest } from './schema-check.js';
import { createSseEndpoint } from './sse.js';
import type { TailObserver } from './tail.js';
import { apiSchemaOf, hydrationSupergraph } from './supergraph.js';
import { stableStringify } from './util.js';
import { attachWebSocket, type WebSocketEndpoint, type WebSocketOptions } from './ws.js';

export type { AuthorizeSubscription } from './admission.js';
export type { Authenticate } from './auth.js';
export type { CustomFilter, TenantOf } from './filters.js';
export type { DocumentRequest, ResolveDocument, ResolvedDocument } from './persisted.js';
export { loadSubscriptionManifest, parseSubscriptionManifest, type SubscriptionManifest } from './manifest.js';
export type { SubscriptionMetrics } from './metrics.js';

/** How the gateway serves subscriptions; pass it as `subscriptions` to `createGateway`. */
export interface SubscriptionOptions<TIdentity> extends EngineLimits {
  /** The bus the domain streams live on: Redis in production, the in-process bus in embedded mode. */
  bus: EventBus;
  /** Which events feed which field (`loadSubscriptionManifest(root)`). */
  manifest: SubscriptionManifest;
  /** The custom filters the manifest names (e.g. `inventoryChannel`); a missing one fails start-up. */
  filters?: Readonly<Record<string, CustomFilter<TIdentity>>>;
  /** Authenticates each connection; default: every connection is anonymous (identity null). */
  authenticate?: Authenticate<TIdentity>;
  /** Refuses a subscription up front (e.g. missing read scope); default: none (events are authorized at hydration). */
  authorize?: AuthorizeSubscription<TIdentity>;
  /** Finds each operation's document on both transports (persisted-only partners); default: the query as sent. */
  resolveDocument?: ResolveDocument<TIdentity>;
  /** The tenant a subscriber is confined to on fields with a manifest `owner` (partners); default: nobody. */
  tenantOf?: TenantOf<TIdentity>;
  /** Builds the context a hydration, or a query sent over a socket, runs with; default `{ requestId, logger }`. */
  context?: (input: { identity: TIdentity | null; requestId: string; logger: Logger }) => Promise<GatewayContext>;
  /**
   * Identities with equal keys see the same data and share one hydration per event; default: the identity as
   * stable JSON (sharing only between connections of the same identity). A coarser key (scopes, tenant) shares more.
   */
  authorizationKey?: (identity: TIdentity | null) => string;
  websocket?: WebSocketOptions;
  /** Path of GraphQL over SSE; default `/graphql/stream`. */
  ssePath?: string;
  /** Path of the Prometheus metrics; default `/metrics`. */
  metricsPath?: string;
}

/** What the gateway gives the subscriptions besides the options. */
export interface SubscriptionsDeps<TIdentity> {
  options: SubscriptionOptions<TIdentity>;
  supergraphSdl: string;
  /** The public gateway: queries and mutations sent over a socket run on it. */
  apollo: ApolloServer<GatewayContext>;
  buildService: (definition: ServiceEndpointDefinition) => GraphQLDataSource;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  logger: Logger;
  /** Reads the tail too (the entity cache); see {@link TailObserver}. */
  tailObserver?: TailObserver | undefined;
  /** More Prometheus text appended to /metrics (the read path's). */
  extraMetrics?: () => string;
}

/** The subscription side of a gateway. */
export interface Subscriptions {
  /** Extra HTTP routes: the SSE endpoint and the metrics. */
  routes: Record<string, RouteHandler>;
  /** Starts the hydration executor and the shared event tail. */
  start(): Promise<void>;
  /** Serves graphql-ws on the server's `upgrade` event. */
  attach(server: Server): void;
  /** Throws while the event tail is not positioned (for /readyz). */
  ready(): void;
  metrics(): SubscriptionMetrics;
  /** Closes every subscription connection, the tail and the executor. */
  close(): Promise<void>;
}

/** Builds the subscriptions of a gateway from the manifest; throws when the manifest and the supergraph disagree. */
export function createSubscriptions<TIdentity>(deps: SubscriptionsDeps<TIdentity>): Subscriptions {
  const { options, logger } = deps;
  const schema = apiSchemaOf(deps.supergraphSdl);
  const hydrationSdl = hydrationSupergraph(deps.supergraphSdl, options.manifest);
  const inputTypes = checkManifest(options.manifest, schema, apiSchemaOf(hydrationSdl));
  const hydration = createHydrationServer<GatewayContext>({
    supergraphSdl: hydrationSdl,
    buildService: deps.buildService,
    formatError: deps.formatError,
    logger,
  });

  const contextFor = async (identity: TIdentity | null): Promise<GatewayContext> => {
    const requestId = randomUUID();
    const requestLogger = logger.child({ requestId });
    return options.context
      ? options.context({ identity, requestId, logger: requestLogger })
      : { requestId, logger: requestLogger };
  };
  const runOn =
    (apollo: ApolloServer<GatewayContext>) => async (request: OperationRequest, identity: TIdentity | null) =>
      executeWith(apollo, request, await contextFor(identity));

  const engine = createSubscriptionEngine<TIdentity>({
    ...options,
    schema,
    inputTypes,
    filters: options.filters ?? {},
    execute: runOn(hydration),
    tailObserver: deps.tailObserver,
    authorizationKey:
      options.authorizationKey ?? ((identity) => (identity === null ? 'anonymous' : stableStringify(identity))),
    logger,
  });
  const transportDeps = {
    engine,
    schema,
    documents: createDocumentCache(),
    authenticate: options.authenticate,
    execute: runOn(deps.apollo),
    resolveDocument: options.resolveDocument,
    logger,
  };
  const sse = createSseEndpoint(transportDeps);
  let ws: WebSocketEndpoint | null = null;
  let hydrationStarted = false;

  const metricsRoute: RouteHandler = (_req, res) => {
    const text = renderPrometheus(engine.metrics()) + (deps.extraMetrics?.() ?? '');
    res.statusCode = 200;
    res.setHeader('content-type', 'text/plain; version=0.0.4; charset=utf-8');
    res.end(text);
  };

  return {
    routes: { [options.ssePath ?? '/graphql/stream']: sse.handle, [options.metricsPath ?? '/metrics']: metricsRoute },
    async start() {
      await hydration.start();
      hydrationStarted = true;
      await engine.start();
    },
    attach(server) {
      ws = attachWebSocket(server, transportDeps, options.websocket);
    },
    ready() {
      if (!engine.ready()) throw new Error('subscription event tail is not positioned');
    },
    metrics: () => engine.metrics(),
    async close() {
      await Promise.all([ws?.close(), sse.close()]);
      await engine.stop();
      if (hydrationStarted) await hydration.stop();
    },
  };
}
