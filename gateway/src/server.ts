import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  createErrorFormatter,
  createHttpService,
  type HttpService,
  type Logger,
  type MeshManifest,
} from '@fulfillment-mesh/runtime';
import { createServiceMetrics, LATENCY_BUCKETS } from '@fulfillment-mesh/telemetry';
import { Histogram } from 'prom-client';
import type { GatewayAccess } from './access.js';
import { manifestRoutes } from './admin.js';
import { serviceLevelsRoute, type ServiceLevelEntry } from './service-levels.js';
import { consoleIntercept, whoamiRoute, type ConsoleOptions } from './console.js';
import type { GatewayContext } from './context.js';
import { SubgraphDataSource } from './datasource.js';
import { cacheStatsRoute, createReadPath, type ReadPathOptions } from './readpath/index.js';
import { withoutSecurityFeatures } from './security-features.js';
import { createSubscriptions, type SubscriptionOptions } from './subscriptions/index.js';
import { usageReportingPlugin, type UsageReportingOptions } from './usage/plugin.js';
import { renderPrometheus } from './subscriptions/metrics.js';

export { composeSupergraph, type CompositionResult } from './compose.js';
export {
  loadSubscriptionManifest,
  type Authenticate,
  type AuthorizeSubscription,
  type CustomFilter,
  type SubscriptionManifest,
  type SubscriptionMetrics,
  type SubscriptionOptions,
} from './subscriptions/index.js';
export { createGatewayAccess, type GatewayAccess, type GatewayAccessConfig } from './access.js';
export { meshSubscriptions } from './live.js';
export {
  DEFAULT_FIELD_MAX_AGE_MS,
  type EntityCacheOptions,
  type EntityCacheStats,
  type ReadPathOptions,
  type ReadPathStats,
} from './readpath/index.js';
export { consoleDir, ideEnabled, type ConsoleOptions } from './console.js';
export { usageReportingPlugin, type DeprecationNotice, type UsageReportingOptions } from './usage/plugin.js';

/** A subgraph the gateway routes to. */
export interface SubgraphEndpoint {
  name: string;
  url: string;
  /** Declared owner and SLA (mesh.manifest.json), shown against measured latency at /admin/service-levels. */
  owner?: ServiceLevelEntry['owner'];
  sla?: ServiceLevelEntry['sla'];
}

/** What the gateway is built from. */
export interface GatewayDeps<TIdentity = unknown> {
  /** Subgraph URLs by name (from the manifest, or random ports in tests). */
  subgraphs: SubgraphEndpoint[];
  /** The composed supergraph SDL (gateway/supergraph.graphql, checked in CI). */
  supergraphSdl: string;
  logger: Logger;
  /** Largest accepted request body; default 1 MiB. */
  maxBodyBytes?: number;
  /** Timeout of one subgraph readiness probe; default 2 seconds. */
  readinessTimeoutMs?: number;
  /** Connections the gateway itself holds (Redis): while one is down /readyz is 503 naming it. */
  connections?: ReadonlyArray<{ name: string; ready(): boolean }>;
  /** Identity, rate limits, persisted operations and cost limits; omitted: open gateway (unit tests only). */
  access?: GatewayAccess;
  /** Real-time subscriptions (graphql-ws on the GraphQL path, SSE, /metrics), fed by the event bus; omitted: none. */
  subscriptions?: SubscriptionOptions<TIdentity>;
  /** Fetcher, in-flight sharing, entity cache (needs `subscriptions`: its tail invalidates), parse/plan caches. */
  readPath?: ReadPathOptions;
  /** The console at /console and the browser IDE at GET /graphql; omitted: neither is served. */
  console?: ConsoleOptions;
  /** Usage reporting (`recorder`: counts flushed to Redis or a file); deprecation notices are sent either way. */
  usage?: UsageReportingOptions;
}

/** Reads the committed supergraph next to this package, as the gateway can load it. */
export function readSupergraph(manifest: MeshManifest): string {
  // Authorization directives are enforced by the subgraphs; @apollo/gateway cannot load them (see security-features.ts).
  return withoutSecurityFeatures(readFileSync(join(manifest.root, 'gateway', 'supergraph.graphql'), 'utf8'));
}

/**
 * Builds the federation gateway: Apollo Server 5 over @apollo/gateway with the committed supergraph, subgraph
 * URLs taken from the deps (not the SDL) so one supergraph serves every environment. Apollo's host telemetry
 * is switched off unless APOLLO_TELEMETRY_DISABLED is set explicitly: a self-hosted mesh does not phone home.
 */
export function createGateway<TIdentity = unknown>(deps: GatewayDeps<TIdentity>) {
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const urls = new Map(deps.subgraphs.map((s) => [s.name, s.url]));
  const metrics = createServiceMetrics('gateway');
  const fetchDuration = new Histogram({
    name: 'fm_subgraph_fetch_duration_seconds',
    help: 'Gateway fetches to each subgraph by outcome (ok, graphql_error, error), in seconds',
    labelNames: ['subgraph', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [metrics.registry],
  });
  const readPath = createReadPath(deps.readPath, deps.subscriptions !== undefined);
  const buildService = ({ name, url }: { name: string; url?: string | undefined }) => {
    const target = urls.get(name) ?? url;
    if (!target) throw new Error(`no URL for subgraph "${name}"`);
    return readPath.wrap(
      name,
      new SubgraphDataSource(name, target, deps.access?.identitySecret, fetchDuration, readPath.fetcher),
    );
  };
  const formatError = createErrorFormatter(deps.logger);
  const gateway = new ApolloGateway({
    supergraphSdl: deps.supergraphSdl,
    __exposeQueryPlanExperimental: false,
    logger: deps.logger,
    buildService,
    experimental_approximateQueryPlanStoreMiB: readPath.queryPlanCacheMiB,
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError,
    includeStacktraceInErrorResponses: false,
    // SIGTERM is the service's (onShutdown drains); Apollo's own handler would stop at once and re-raise it.
    stopOnTerminationSignals: false,
    documentStore: readPath.documentStore,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      readPath.plugin,
      ...(deps.access ? deps.access.plugins(deps.supergraphSdl) : []),
      usageReportingPlugin({ ...deps.usage, supergraphSdl: deps.supergraphSdl }),
    ],
    ...(deps.access
      ? {
          persistedQueries: { cache: deps.access.apqCache },
          // API keys and tokens travel in headers, never cookies; requiring one of these headers keeps browsers'
          // simple cross-site requests out while persisted GETs from partners' CDNs still work.
          csrfPrevention: {
            requestHeaders: ['x-apollo-operation-name', 'apollo-require-preflight', 'x-api-key', 'authorization'],
          },
        }
      : {}),
  });
  // Subscriptions (issue 6): hydrations run on the same data sources and error formatter as queries.
  const subscriptions = deps.subscriptions
    ? createSubscriptions({
        options: deps.subscriptions,
        supergraphSdl: deps.supergraphSdl,
        apollo,
        buildService,
        formatError,
        logger: deps.logger,
        tailObserver: readPath.tailObserver,
        extraMetrics: () => readPath.prometheus(),
      })
    : undefined;
  const readinessTimeoutMs = deps.readinessTimeoutMs ?? 2_000; // 2 seconds

  /** Ready when every subgraph answers its own /readyz (and the subscription event tail is positioned). */
  async function ready() {
    const failures: string[] = [];
    for (const connection of deps.connections ?? [])
      if (!connection.ready()) failures.push(`redis unavailable (${connection.name})`);
    await Promise.all(
      deps.subgraphs.map(async (s) => {
        try {
          const res = await fetch(new URL('/readyz', s.url), { signal: AbortSignal.timeout(readinessTimeoutMs) });
          if (!res.ok) failures.push(`${s.name} answered ${res.status}`);
        } catch (error) {
          failures.push(`${s.name} unreachable (${(error as Error).message})`);
        }
      }),
    );
    try {
      subscriptions?.ready();
    } catch (error) {
      failures.push((error as Error).message);
    }
    if (failures.length > 0) throw new Error(failures.join('; '));
  }

  if (subscriptions) metrics.addText(() => renderPrometheus(subscriptions.metrics()));

  return {
    apollo,
    ready,
    /** The gateway's Prometheus registry (`GET /metrics`). */
    metrics,
    /** Subscription metrics and lifecycle; undefined without `deps.subscriptions`. */
    subscriptions,
    /** Entity cache, in-flight sharing and parse-cache figures (also `GET /admin/cache` for operators). */
    readPathStats: () => readPath.stats(),
    /** Serves the gateway; closing it closes subscription connections first, then stops Apollo and the gateway. */
    async serve(listen: { port: number; host?: string }): Promise<HttpService> {
      await subscriptions?.start().catch(async (error: unknown) => {
        await subscriptions.close();
        throw error;
      });
      const service = await createHttpService<GatewayContext>(
        {
          name: 'gateway',
          apollo,
          logger: deps.logger,
          context: async ({ req, requestId, logger }) => ({
            requestId,
            logger,
            ...(deps.access ? await deps.access.guard(req.headers, req.socket.remoteAddress) : {}),
          }),
          ready,
          ...(deps.maxBodyBytes ? { maxBodyBytes: deps.maxBodyBytes } : {}),
          observe: metrics.observeRequest,
          // One /metrics: the gateway's registry plus the subscription engine's own counters.
          routes: {
            ...(deps.access ? { ...manifestRoutes(deps.access), '/whoami': whoamiRoute(deps.access) } : {}),
            ...(deps.access
              ? {
                  '/admin/cache': cacheStatsRoute(
                    readPath,
                    async (req) => (await deps.access!.guard(req.headers, req.socket.remoteAddress)).client,
                  ),
                  '/admin/service-levels': serviceLevelsRoute(
                    deps.subgraphs,
                    fetchDuration,
                    async (req) => (await deps.access!.guard(req.headers, req.socket.remoteAddress)).client,
                  ),
                }
              : {}),
            ...(subscriptions?.routes ?? {}),
            '/metrics': (req, res) => metrics.handler(req, res),
          },
          ...(deps.console ? { intercept: consoleIntercept(deps.console) } : {}),
        },
        listen,
      ).catch(async (error: unknown) => {
        await subscriptions?.close();
        await readPath.close();
        throw error;
      });
      subscriptions?.attach(service.server);
      return {
        ...service,
        async close() {
          service.drain(); // readiness off before the subscriptions are told to go away
          await subscriptions?.close();
          await service.close();
          await readPath.close();
        },
      };
    },
  };
}
