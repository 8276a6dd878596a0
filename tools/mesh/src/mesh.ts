import { createMemoryEventBus, createRedisEventBus, type EventBus } from '@fulfillment-mesh/events';
import { createGateway, readSupergraph } from '@fulfillment-mesh/gateway';
import { createLogger, loadManifest, openStore, serveSubgraph, type HttpService, type InstrumentedStore, type Logger, type MeshManifest } from '@fulfillment-mesh/runtime';
import { generateDataset, type SeedDataset } from '@fulfillment-mesh/seed-data';
import { SUBGRAPHS, type SubgraphName } from './subgraphs.js';

/** Options for {@link startMesh}. */
export interface MeshOptions {
  /** Root of the embedded stores (`<dataDir>/<subgraph>/`); default `./data`. Ignored with `inMemory`. */
  dataDir?: string;
  /** Keep every store in memory (tests). */
  inMemory?: boolean;
  /** `MONGODB_URI`: every subgraph uses its own database there instead of the embedded store. */
  mongodbUri?: string;
  /** `REDIS_URL`: the event backbone on Redis Streams; without it an in-process bus serves this one process. */
  redisUrl?: string;
  /** Key prefix on Redis (tests isolate themselves with a random one); default `fm`. */
  redisPrefix?: string;
  /** Listen on free ports chosen by the OS instead of the manifest's (tests). */
  randomPorts?: boolean;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** `if-empty` (default) seeds stores that hold nothing, `reset` wipes and reseeds, `none` leaves them. */
  seed?: 'if-empty' | 'reset' | 'none';
  /** The dataset to seed; default the generated distributor (`generateDataset()`). */
  dataset?: SeedDataset;
  logger?: Logger;
  manifest?: MeshManifest;
}

/** A running mesh. */
export interface RunningMesh {
  gatewayUrl: string;
  subgraphs: { name: SubgraphName; url: string }[];
  /** How many documents seeding wrote per subgraph (0 where data already existed). */
  seeded: Record<SubgraphName, number>;
  /** The event backbone the subgraphs publish to and consume from. */
  bus: EventBus;
  /** Each subgraph's store, with operation counters (the N+1 tests read them). */
  stores: Record<SubgraphName, InstrumentedStore>;
  close(): Promise<void>;
}

/** The instant every seeded fact claims to have been observed at (keeps seeded data deterministic). */
export const SEED_OBSERVED_AT = '2026-11-01T00:00:00.000Z';

/**
 * The all-in-one composition root: opens each subgraph's store, seeds it when asked, serves the four subgraphs
 * and then the gateway in this one process. Production runs each service alone (their `index.ts`); this is the
 * embedded default for a laptop and for the end-to-end tests.
 */
export async function startMesh(options: MeshOptions = {}): Promise<RunningMesh> {
  const manifest = options.manifest ?? loadManifest();
  const logger = options.logger ?? createLogger({ service: 'mesh' });
  const host = options.host ?? '127.0.0.1';
  const running: HttpService[] = [];
  const seeded = {} as Record<SubgraphName, number>;
  const stores = {} as Record<SubgraphName, InstrumentedStore>;
  let dataset = options.dataset;
  const bus = options.redisUrl
    ? await createRedisEventBus({ url: options.redisUrl, prefix: options.redisPrefix ?? 'fm' })
    : createMemoryEventBus();
  // Filled as each subgraph starts listening; callers resolve URLs lazily, at call time.
  const urls: Record<string, string> = {};
  const services = {
    url(name: string) {
      const url = urls[name];
      if (!url) throw new Error(`service "${name}" is not running in this mesh`);
      return url;
    },
  };
  const closeAll = async () => {
    for (const service of running.reverse()) await service.close();
    await bus.close();
  };

  try {
    const endpoints: { name: SubgraphName; url: string }[] = [];
    for (const entry of SUBGRAPHS) {
      const store = await openStore({
        subgraph: entry.name,
        mongodbUri: options.mongodbUri,
        dataDir: options.dataDir,
        inMemory: options.inMemory ?? false,
      });
      stores[entry.name] = store;
      const subgraph = await entry.create({ store, logger: logger.child({ service: entry.name }), bus, services });
      if (options.seed === 'reset') await store.dropAll();
      if (options.seed !== 'none') {
        dataset ??= generateDataset();
        seeded[entry.name] = await entry.seed(subgraph, dataset, SEED_OBSERVED_AT);
      }
      const port = options.randomPorts ? 0 : (manifest.subgraphs.find((s) => s.name === entry.name)?.port ?? 0);
      const service = await serveSubgraph(subgraph, { port, host });
      running.push(service);
      urls[entry.name] = service.url;
      endpoints.push({ name: entry.name, url: service.url });
    }
    const gateway = createGateway({ subgraphs: endpoints, supergraphSdl: readSupergraph(manifest), logger: logger.child({ service: 'gateway' }) });
    const gatewayService = await gateway.serve({ port: options.randomPorts ? 0 : manifest.gateway.port, host });
    running.push(gatewayService);
    return { gatewayUrl: gatewayService.url, subgraphs: endpoints, seeded, stores, bus, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
