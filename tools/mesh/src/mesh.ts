import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createFileUsageStore,
  createMemoryReplayGuard,
  createMemoryUsageStore,
  createRedisReplayGuard,
  createRedisUsageStore,
  createUsageRecorder,
  createSubgraphGuard,
  openAccessRedis,
  serviceIdentityHeaders,
  withLocalReplayFallback,
  type Client,
} from '@fulfillment-mesh/access';
import { createMemoryEventBus, createRedisEventBus, type EventBus } from '@fulfillment-mesh/events';
import {
  consoleDir,
  createGateway,
  createGatewayAccess,
  ideEnabled,
  meshSubscriptions,
  readSupergraph,
  type GatewayAccess,
  type SubgraphEndpoint,
  type ReadPathOptions,
} from '@fulfillment-mesh/gateway';
import {
  createLogger,
  loadManifest,
  openStore,
  serveSubgraph,
  type HttpService,
  type InstrumentedStore,
  type Logger,
  type MeshManifest,
} from '@fulfillment-mesh/runtime';
import { generateDataset, type SeedDataset } from '@fulfillment-mesh/seed-data';
import { GRANTS } from './grants.js';
import { loadSubgraphs, type SubgraphName } from './subgraphs.js';

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
  /** Access keys' prefix (`ACCESS_REDIS_PREFIX`); default `<redisPrefix>:access:`, as the access CLI reads it. */
  accessRedisPrefix?: string;
  /** Environment the adapters read their secrets and endpoints from (`npm start`: process.env); absent: adapters answer 503. */
  adapterEnv?: NodeJS.ProcessEnv;
  /** `FM_IDENTITY_SECRET` shared by gateway and subgraphs; default a random one (all services are in this process). */
  identitySecret?: string;
  /** Rate limits at the gateway; default on (load tests switch them off). */
  rateLimit?: boolean;
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
  /** Environment read for NODE_ENV / FM_GRAPHQL_IDE (the browser IDE at /graphql); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** The gateway's read path (fetcher, in-flight sharing, entity cache); default the gateway's defaults. */
  readPath?: ReadPathOptions;
}

/** One more gateway instance over the same subgraphs and access stores (started by {@link RunningMesh.addGateway}). */
export interface ExtraGateway {
  url: string;
  gateway: ReturnType<typeof createGateway<Client>>;
  close(): Promise<void>;
}

/** A running mesh. */
export interface RunningMesh {
  gatewayUrl: string;
  /** The console served by the gateway (`/console/`). */
  consoleUrl: string;
  subgraphs: { name: SubgraphName; url: string }[];
  /** How many documents seeding wrote per subgraph (0 where data already existed). */
  seeded: Record<SubgraphName, number>;
  /** The event backbone the subgraphs publish to and consume from. */
  bus: EventBus;
  /**
   * Request headers that authenticate as a ready-made client of the given kind (tests and examples): each kind
   * gets the grants of docs/access.md; `partner` belongs to partner `partnerId` (default the first seeded customer).
   * Client ids are `ready-<kind>` and `ready-partner-<partnerId>`.
   */
  headersFor(
    kind: 'storefront' | 'console' | 'partner' | 'operator',
    partnerId?: string,
  ): Promise<Record<string, string>>;
  /** Identity stores, manifests and limits of the gateway (register a partner's manifest in tests). */
  access: GatewayAccess;
  /** Each subgraph's store, with operation counters (the N+1 tests read them). */
  stores: Record<SubgraphName, InstrumentedStore>;
  /** Stops one subgraph (its HTTP server and background work) while the rest keeps running (fault tests). */
  stopSubgraph(name: SubgraphName): Promise<void>;
  /**
   * Starts a stopped subgraph again on its port, over the store it had (what a restarted process finds): its
   * consumers pick up what the backbone kept for their groups while it was down.
   */
  restartSubgraph(name: SubgraphName): Promise<void>;
  /** Turns every service's /readyz 503 at once (SIGTERM); close() follows. */
  drain(): void;
  /**
   * Starts another gateway instance on a random port whose subscription tail (and entity-cache invalidation) reads
   * `bus`, as a second replica would; closed with the mesh.
   */
  addGateway(options: { bus: EventBus; readPath?: ReadPathOptions }): Promise<ExtraGateway>;
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
    ? await createRedisEventBus({ url: options.redisUrl, prefix: options.redisPrefix ?? 'fm', logger })
    : createMemoryEventBus();
  const identitySecret = options.identitySecret ?? randomBytes(32).toString('hex');
  // API keys, manifests, APQ and rate limits: in Redis when the backbone is, else files (a temp folder in memory mode).
  // Like the bus, it reconnects by itself and start-up does not wait for a Redis that is down (see openAccessRedis).
  const accessRedis = options.redisUrl
    ? await openAccessRedis(options.redisUrl, { logger, name: 'mesh-access' })
    : undefined;
  const accessPrefix = options.accessRedisPrefix ?? `${options.redisPrefix ?? 'fm'}:access:`;
  // One replay guard for all subgraphs of this process: a header seen by one is refused by every other too.
  const replay = accessRedis
    ? withLocalReplayFallback(
        createRedisReplayGuard({ redis: accessRedis.redis, prefix: accessPrefix }),
        createMemoryReplayGuard(),
        logger,
      )
    : createMemoryReplayGuard();
  const accessDir = options.inMemory ? mkdtempSync(join(tmpdir(), 'fm-access-')) : undefined;
  const access = createGatewayAccess({
    identitySecret,
    logger,
    ...(accessRedis ? { redis: accessRedis.redis, redisPrefix: accessPrefix } : {}),
    dataDir: accessDir ?? options.dataDir ?? 'data',
    ...(options.rateLimit === false ? { rateLimit: false } : {}),
  });
  // Usage reporting (issue 19): what the gateway counts, the operations subgraph answers schemaUsage from.
  const usageStore = accessRedis
    ? createRedisUsageStore({ redis: accessRedis.redis, prefix: `${options.redisPrefix ?? 'fm'}:usage:` })
    : options.inMemory
      ? createMemoryUsageStore()
      : createFileUsageStore({ dir: join(options.dataDir ?? 'data', 'usage') });
  // Filled as each subgraph starts listening; callers resolve URLs lazily, at call time.
  const urls: Record<string, string> = {};
  const directoryFor = (caller: string) => ({
    url(name: string) {
      const url = urls[name];
      if (!url) throw new Error(`service "${name}" is not running in this mesh`);
      return url;
    },
    headers: (target?: string) => serviceIdentityHeaders(caller, identitySecret, randomUUID(), target),
  });
  const bySubgraph = new Map<string, HttpService>();
  const stopped = new Map<string, () => Promise<void>>();
  // Subgraphs close their store when they stop; the mesh keeps it open until it closes itself, so that a
  // stopped subgraph restarts on what it wrote (an in-memory store would otherwise be gone).
  const openStores: InstrumentedStore[] = [];
  const stopSubgraph = async (name: SubgraphName) => {
    const service = bySubgraph.get(name);
    if (!service) throw new Error(`subgraph "${name}" is not running in this mesh`);
    bySubgraph.delete(name);
    running.splice(running.indexOf(service), 1);
    await service.close();
  };
  const restartSubgraph = async (name: SubgraphName) => {
    const start = stopped.get(name);
    if (!start || bySubgraph.has(name)) throw new Error(`subgraph "${name}" is not stopped in this mesh`);
    await start();
  };
  const closeAll = async () => {
    for (const service of running.reverse()) await service.close();
    for (const store of openStores) await store.close();
    await bus.close();
    await accessRedis?.close();
    if (accessDir) rmSync(accessDir, { recursive: true, force: true });
  };

  try {
    const endpoints: SubgraphEndpoint[] = [];
    for (const entry of await loadSubgraphs(manifest)) {
      const store = await openStore({
        subgraph: entry.name,
        mongodbUri: options.mongodbUri,
        dataDir: options.dataDir,
        inMemory: options.inMemory ?? false,
      });
      openStores.push(store);
      stores[entry.name] = store;
      const kept: InstrumentedStore = { ...store, close: async () => undefined };
      const create = () =>
        entry.create({
          store: kept,
          logger: logger.child({ service: entry.name }),
          bus,
          services: directoryFor(entry.name),
          usage: usageStore,
          ...(options.adapterEnv ? { adapterEnv: { ...options.adapterEnv, FM_IDENTITY_SECRET: identitySecret } } : {}),
        });
      const subgraph = await create();
      if (options.seed === 'reset') await store.dropAll();
      if (options.seed !== 'none') {
        dataset ??= generateDataset();
        seeded[entry.name] = await entry.seed(subgraph, dataset, SEED_OBSERVED_AT);
      }
      const guard = createSubgraphGuard({
        secret: identitySecret,
        policies: entry.policies ?? {},
        replay,
        audience: entry.name,
      });
      const serve = async (def: typeof subgraph, port: number) => {
        const service = await serveSubgraph(def, { port, host }, guard);
        running.push(service);
        bySubgraph.set(entry.name, service);
        urls[entry.name] = service.url;
        return service;
      };
      const port = options.randomPorts ? 0 : (manifest.subgraphs.find((s) => s.name === entry.name)?.port ?? 0);
      const service = await serve(subgraph, port);
      stopped.set(entry.name, async () => void (await serve(await create(), service.port)));
      const declared = manifest.subgraphs.find((s) => s.name === entry.name);
      endpoints.push({
        name: entry.name,
        url: service.url,
        ...(declared?.owner ? { owner: declared.owner } : {}),
        ...(declared?.sla ? { sla: declared.sla } : {}),
      });
    }
    const gateway = createGateway<Client>({
      subgraphs: endpoints,
      supergraphSdl: readSupergraph(manifest),
      logger: logger.child({ service: 'gateway' }),
      access,
      // Redis down: /readyz 503 naming it, while every read that does not need it is still served.
      ...(accessRedis
        ? { connections: [accessRedis.state, { name: 'event backbone', ready: () => bus.connected() }] }
        : {}),
      subscriptions: meshSubscriptions({ bus, root: manifest.root, access }),
      console: { dir: consoleDir(manifest.root), ide: ideEnabled(options.env ?? process.env) },
      ...(options.readPath ? { readPath: options.readPath } : {}),
      usage: { recorder: createUsageRecorder({ store: usageStore, logger }) },
    });
    const gatewayService = await gateway.serve({ port: options.randomPorts ? 0 : manifest.gateway.port, host });
    running.push(gatewayService);
    const keys = new Map<string, Promise<string>>();
    const headersFor: RunningMesh['headersFor'] = async (kind, partnerId) => {
      const partner = kind === 'partner' ? (partnerId ?? dataset?.orders[0]?.customer.id ?? 'partner-1') : undefined;
      const id = partner ? `ready-${kind}-${partner}` : `ready-${kind}`;
      let key = keys.get(id);
      if (!key) {
        key = access.clients
          .createClient({ id, kind, scopes: GRANTS[kind], ...(partner ? { partnerId: partner } : {}) })
          .then((c) => c.apiKey);
        keys.set(id, key);
      }
      return { 'x-api-key': await key };
    };
    const addGateway: RunningMesh['addGateway'] = async (extra) => {
      const instance = createGateway<Client>({
        subgraphs: endpoints,
        supergraphSdl: readSupergraph(manifest),
        logger: logger.child({ service: 'gateway' }),
        access,
        subscriptions: meshSubscriptions({ bus: extra.bus, root: manifest.root, access }),
        ...(extra.readPath ? { readPath: extra.readPath } : {}),
      });
      const service = await instance.serve({ port: 0, host });
      let closing: Promise<void> | undefined;
      const close = () => (closing ??= service.close());
      running.push({ ...service, close });
      return { url: service.url, gateway: instance, close };
    };
    return {
      gatewayUrl: gatewayService.url,
      addGateway,
      consoleUrl: new URL('/console/', gatewayService.url).href,
      subgraphs: endpoints,
      seeded,
      stores,
      bus,
      headersFor,
      access,
      stopSubgraph,
      restartSubgraph,
      drain: () => running.forEach((service) => service.drain()),
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
