import { createMemoryReplayGuard, createSubgraphGuard, serviceIdentityHeaders } from '@fulfillment-mesh/access';
import { createRedisEventBus } from '@fulfillment-mesh/events';
import { createLogger, loadManifest, openStore, serveSubgraph } from '@fulfillment-mesh/runtime';
import { generateDataset } from '@fulfillment-mesh/seed-data';
import { loadSubgraphs } from '../../tools/mesh/src/subgraphs.js';
import { answerOrchestrator, config } from './shared.js';

/**
 * One real subgraph in its own process (so its CPU per request can be read apart from the others), on the
 * embedded in-memory store seeded with the default dataset, the shared Redis event backbone and the identity guard.
 */
const cfg = config();
const name = process.env.BENCH_SUBGRAPH!;
const entry = (await loadSubgraphs(loadManifest({}))).find((s) => s.name === name)!;
const logger = createLogger({ service: name, level: 'error' });
const bus = await createRedisEventBus({ url: cfg.redisUrl, prefix: cfg.prefix, logger });
const store = await openStore({ subgraph: name, inMemory: true });
const subgraph = await entry.create({
  store,
  logger,
  bus,
  services: {
    url: (other: string) => cfg.subgraphs[other] ?? '',
    headers: () => serviceIdentityHeaders(name, cfg.identitySecret),
  },
  adapterEnv: { WMS_WEBHOOK_SECRET: cfg.wmsSecret, FM_IDENTITY_SECRET: cfg.identitySecret },
});
await entry.seed(subgraph, generateDataset(), '2026-11-01T00:00:00.000Z'); // the mesh's SEED_OBSERVED_AT
const port = Number(new URL(cfg.subgraphs[name]!).port);
const service = await serveSubgraph(
  subgraph,
  { port, host: '127.0.0.1' },
  createSubgraphGuard({
    secret: cfg.identitySecret,
    policies: entry.policies ?? {},
    replay: createMemoryReplayGuard(),
  }),
);
answerOrchestrator(async () => {
  await service.close();
  await bus.close();
}, name);
process.send!({ type: 'ready' });
