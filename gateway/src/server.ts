import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { createErrorFormatter, createHttpService, type HttpService, type Logger, type MeshManifest } from '@fulfillment-mesh/runtime';
import type { GatewayContext } from './context.js';
import { SubgraphDataSource } from './datasource.js';

export { composeSupergraph, type CompositionResult } from './compose.js';

/** A subgraph the gateway routes to. */
export interface SubgraphEndpoint {
  name: string;
  url: string;
}

/** What the gateway is built from. */
export interface GatewayDeps {
  /** Subgraph URLs by name (from the manifest, or random ports in tests). */
  subgraphs: SubgraphEndpoint[];
  /** The composed supergraph SDL (gateway/supergraph.graphql, checked in CI). */
  supergraphSdl: string;
  logger: Logger;
  /** Largest accepted request body; default 1 MiB. */
  maxBodyBytes?: number;
  /** Timeout of one subgraph readiness probe; default 2 seconds. */
  readinessTimeoutMs?: number;
}

/** Reads the committed supergraph next to this package. */
export function readSupergraph(manifest: MeshManifest): string {
  return readFileSync(join(manifest.root, 'gateway', 'supergraph.graphql'), 'utf8');
}

/**
 * Builds the federation gateway: Apollo Server 5 over @apollo/gateway with the committed supergraph, subgraph
 * URLs taken from the deps (not the SDL) so one supergraph serves every environment. Apollo's host telemetry
 * is switched off unless APOLLO_TELEMETRY_DISABLED is set explicitly: a self-hosted mesh does not phone home.
 */
export function createGateway(deps: GatewayDeps) {
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const urls = new Map(deps.subgraphs.map((s) => [s.name, s.url]));
  const gateway = new ApolloGateway({
    supergraphSdl: deps.supergraphSdl,
    __exposeQueryPlanExperimental: false,
    logger: deps.logger,
    buildService: ({ name, url }) => {
      const target = urls.get(name) ?? url;
      if (!target) throw new Error(`no URL for subgraph "${name}"`);
      return new SubgraphDataSource(name, target);
    },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: createErrorFormatter(deps.logger),
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
  const readinessTimeoutMs = deps.readinessTimeoutMs ?? 2_000; // 2 seconds

  /** Ready when every subgraph answers its own /readyz. */
  async function ready() {
    const failures: string[] = [];
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
    if (failures.length > 0) throw new Error(failures.join('; '));
  }

  return {
    apollo,
    ready,
    /** Serves the gateway; closing it stops Apollo and the gateway. */
    serve(listen: { port: number; host?: string }): Promise<HttpService> {
      return createHttpService<GatewayContext>(
        {
          name: 'gateway',
          apollo,
          logger: deps.logger,
          context: async ({ requestId, logger }) => ({ requestId, logger }),
          ready,
          ...(deps.maxBodyBytes ? { maxBodyBytes: deps.maxBodyBytes } : {}),
        },
        listen,
      );
    },
  };
}
