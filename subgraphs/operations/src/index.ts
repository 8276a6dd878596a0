import { pathToFileURL } from 'node:url';
import { createRedisEventBus } from '@fulfillment-mesh/events';
import { createRedisUsageStore, createSubgraphGuard, openAccessRedis, type UsageStore } from '@fulfillment-mesh/access';
import {
  createLogger,
  DependencyDownError,
  envInt,
  envString,
  loadManifest,
  onShutdown,
  openStore,
  runMain,
  serveSubgraph,
  startTracing,
} from '@fulfillment-mesh/runtime';
import { alertOptionsFromEnv } from './alerts/webhook.js';
import { parseSlaEnv } from './raisers/watches.js';
import { createOperationsSubgraph, type OperationsDeps, type OperationsOptions } from './server.js';

/**
 * Starts the operations subgraph alone. It reports on the shared event backbone, so it needs `REDIS_URL`
 * (an in-process bus would only see this process); also `FM_IDENTITY_SECRET`, `PORT`, `HOST`, `LOG_LEVEL`, and
 * `MONGODB_URI` / `DATA_DIR` for its own store (exceptions).
 */
export async function main(env: NodeJS.ProcessEnv = process.env) {
  const tracing = startTracing({ serviceName: 'operations', env });
  const logger = createLogger({ service: 'operations' });
  const redisUrl = envString(env, 'REDIS_URL');
  const secret = envString(env, 'FM_IDENTITY_SECRET');
  if (!redisUrl)
    throw new Error('REDIS_URL is required: the operations subgraph reports on the shared Redis event backbone');
  if (!secret) throw new Error('FM_IDENTITY_SECRET is required: subgraphs only accept requests signed by the gateway');
  const port = envInt(env, 'PORT', loadManifest(env).subgraphs.find((s) => s.name === 'operations')?.port ?? 4005);
  const bus = await createRedisEventBus({ url: redisUrl, prefix: envString(env, 'REDIS_PREFIX') ?? 'fm', logger });
  const store = await openStore({
    subgraph: 'operations',
    mongodbUri: envString(env, 'MONGODB_URI'),
    dataDir: envString(env, 'DATA_DIR'),
  });
  // schemaUsage / clientUsage read what the gateways flush under <REDIS_PREFIX>:usage: (docs/governance.md).
  const usageRedis = await openAccessRedis(redisUrl, { logger, name: 'operations-usage' });
  const usage = createRedisUsageStore({
    redis: usageRedis.redis,
    prefix: `${envString(env, 'REDIS_PREFIX') ?? 'fm'}:usage:`,
  });
  const subgraph = await createOperationsSubgraph({
    bus,
    logger,
    store,
    options: { ...operationsOptionsFromEnv(env), usage },
  });
  const storeReady = subgraph.ready.bind(subgraph);
  subgraph.ready = async () => {
    if (!bus.connected()) throw new DependencyDownError('redis', 'redis unavailable');
    await storeReady();
  };
  const service = await serveSubgraph(
    subgraph,
    { port, host: envString(env, 'HOST') ?? '127.0.0.1' },
    createSubgraphGuard({ secret }),
  );
  onShutdown(
    logger,
    async () => {
      await service.close();
      await bus.close();
      await usageRedis.close();
      await tracing?.shutdown();
    },
    { drain: () => service.drain() },
  );
  return service;
}

/**
 * Exception options from the environment: `LATE_SHIPMENT_SLA` (`WEB=4h,EDI=2d,default=24h`),
 * `PENDING_VALIDATION_LIMIT` (seconds, default 600), `ALERT_WEBHOOK_URL` / `ALERT_WEBHOOK_SECRET` (+ routes).
 */
export function operationsOptionsFromEnv(env: NodeJS.ProcessEnv): OperationsOptions {
  const alerts = alertOptionsFromEnv(env);
  const pending = envInt(env, 'PENDING_VALIDATION_LIMIT', 600);
  return {
    sla: { ...parseSlaEnv(env.LATE_SHIPMENT_SLA), pendingValidationMs: pending * 1000 },
    ...(alerts ? { alerts } : {}),
  };
}

/** How the all-in-one mesh (tools/mesh) builds, guards and seeds this subgraph; it finds it by mesh.manifest.json. */
export const meshModule = {
  policies: {},
  create: (deps: OperationsDeps & { adapterEnv?: NodeJS.ProcessEnv; usage?: UsageStore }) =>
    createOperationsSubgraph({
      ...deps,
      options: {
        ...(deps.adapterEnv ? operationsOptionsFromEnv(deps.adapterEnv) : {}),
        ...(deps.usage ? { usage: deps.usage } : {}),
      },
    }),
  // It owns no seeded data: its store holds the exceptions it raises.
  seed: async () => 0,
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runMain('operations', main);
