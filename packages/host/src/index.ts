import { pathToFileURL } from 'node:url';
import {
  createSubgraphGuard,
  identitySecretFromEnv,
  replayGuardFromEnv,
  signedDirectory,
  type SubgraphGuardOptions,
} from '@fulfillment-mesh/access';
import { busFromEnv, type EventBus } from '@fulfillment-mesh/events';
import {
  createLogger,
  DependencyDownError,
  envInt,
  envString,
  loadManifest,
  manifestDirectory,
  onShutdown,
  openStore,
  serveSubgraph,
  startTracing,
  type BaseRequestContext,
  type HttpService,
  type Logger,
  type ServiceDirectory,
  type Store,
  type SubgraphDefinition,
} from '@fulfillment-mesh/runtime';

export { runMain } from '@fulfillment-mesh/runtime';

/** What a subgraph factory receives when its service runs alone. */
export interface StandaloneDeps {
  store: Store;
  logger: Logger;
  bus: EventBus;
  /** Other services' URLs (manifest + `<NAME>_URL`), with this service's signed identity on every call. */
  services: ServiceDirectory;
  env: NodeJS.ProcessEnv;
}

/** Options of {@link runSubgraph}. */
export interface RunSubgraphOptions<TContext extends BaseRequestContext> {
  name: string;
  create(deps: StandaloneDeps): Promise<SubgraphDefinition<TContext>>;
  /** The subgraph's `@policy` implementations. */
  policies?: SubgraphGuardOptions['policies'];
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs one subgraph as its own service (production): `PORT` (default from mesh.manifest.json), `HOST`
 * (127.0.0.1), `MONGODB_URI` (else the embedded store under `DATA_DIR`), `REDIS_URL` (else an in-process bus
 * only this process sees), `FM_IDENTITY_SECRET` (required: requests must carry the gateway's signature) and
 * `LOG_LEVEL`. SIGTERM closes the HTTP server, the subgraph (relay, consumers, adapters) and the bus.
 */
export async function runSubgraph<TContext extends BaseRequestContext>(
  options: RunSubgraphOptions<TContext>,
): Promise<HttpService> {
  const env = options.env ?? process.env;
  // OTLP traces when OTEL_EXPORTER_OTLP_ENDPOINT is set (every OTEL_* variable applies); off and free otherwise.
  const tracing = startTracing({ serviceName: options.name, env });
  const logger = createLogger({ service: options.name });
  const secret = identitySecretFromEnv(env);
  const manifest = loadManifest(env);
  const port = envInt(env, 'PORT', manifest.subgraphs.find((s) => s.name === options.name)?.port ?? 0);
  const store = await openStore({
    subgraph: options.name,
    mongodbUri: envString(env, 'MONGODB_URI'),
    dataDir: envString(env, 'DATA_DIR'),
  });
  // Neither the bus nor the replay guard waits for Redis: the subgraph serves reads while it is down.
  const bus = await busFromEnv(env, logger);
  const services = signedDirectory(manifestDirectory(manifest), options.name, secret);
  const subgraph = await options.create({ store, logger, bus, services, env });
  // Identity headers seen once are refused again; through Redis every replica (and subgraph) shares what it saw.
  const replay = await replayGuardFromEnv(env, logger);
  // Only identity headers signed for this subgraph (by its name) are accepted.
  const guard = createSubgraphGuard({
    secret,
    replay: replay.guard,
    audience: options.name,
    ...(options.policies ? { policies: options.policies } : {}),
  });
  const storeReady = subgraph.ready.bind(subgraph);
  // /readyz: 503 naming `redis` while the backbone is down (writes would queue in outboxes), else the store.
  subgraph.ready = async () => {
    if (!bus.connected() || (replay.state && !replay.state.ready()))
      throw new DependencyDownError('redis', 'redis unavailable');
    await storeReady();
  };
  const service = await serveSubgraph(subgraph, { port, host: envString(env, 'HOST') ?? '127.0.0.1' }, guard);
  onShutdown(
    logger,
    async () => {
      await service.close();
      await bus.close();
      await replay.close();
      await tracing?.shutdown();
    },
    { drain: () => service.drain() },
  );
  return service;
}

/** True when `moduleUrl` is the script node was started with (an entry point run directly, not imported). */
export function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && moduleUrl === pathToFileURL(process.argv[1]).href;
}
