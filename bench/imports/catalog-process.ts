import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createSubgraphGuard } from '@fulfillment-mesh/access';
import { createMemoryEventBus } from '@fulfillment-mesh/events';
import { createLogger, directoryOf, openStore, serveSubgraph } from '@fulfillment-mesh/runtime';
import { policies } from '../../subgraphs/catalog/src/schema/policies.js';
import { createCatalogSubgraph } from '../../subgraphs/catalog/src/server.js';
import type { ProductDoc } from '../../subgraphs/catalog/src/store/models.js';

/**
 * One catalog subgraph as `npm start` runs it (embedded store on disk, in-process event bus with the outbox relay
 * running), in a process of its own so the load generator's timings are not the catalog's event loop. Reads
 * BENCH_DATA_DIR, BENCH_IDENTITY_SECRET and BENCH_ERP_SECRET; seeds BENCH_SEED_PRODUCTS products `SEED-<n>`;
 * sends `ready` with its URL; answers `cpu` with its CPU usage, `delay` with its event-loop delay since the last
 * `delay-reset`; exits on `stop`.
 */
if (!process.send) throw new Error('start me from bench/imports/run.ts (needs an IPC channel)');
const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const logger = createLogger({ service: 'catalog-bench', level: 'warn' });
const store = await openStore({ subgraph: 'catalog', dataDir: env('BENCH_DATA_DIR') });
const seed = Number(env('BENCH_SEED_PRODUCTS'));
const at = '2026-11-01T00:00:00.000Z';
const products: ProductDoc[] = Array.from({ length: seed }, (_, n) => ({
  _id: `SEED-${n}`,
  sku: `SEED-${n}`,
  name: `Seed product ${n}`,
  nameLower: `seed product ${n}`,
  description: null,
  brand: 'Acme',
  category: `category-${n % 20}`,
  unitOfMeasure: 'EA',
  price: { amount: '9.99', currencyCode: 'USD' },
  status: 'ACTIVE',
  attributes: [],
  updatedAt: at,
  provenance: {},
}));
await store.collection<ProductDoc>('products').insertMany(products);

const bus = createMemoryEventBus({ logger });
const subgraph = await createCatalogSubgraph({
  store,
  logger,
  bus,
  services: directoryOf({}),
  // Every size of the benchmark runs as a job: the path a large file takes.
  adapters: { erpWebhookSecret: [env('BENCH_ERP_SECRET')], importJobThresholdBytes: 64 * 1024 },
});
const service = await serveSubgraph(
  subgraph,
  { port: 0, host: '127.0.0.1' },
  createSubgraphGuard({ secret: env('BENCH_IDENTITY_SECRET'), policies }),
);

// Event-loop delay of this process (the longest a request can wait behind other work); not skewed by the load
// generator's own scheduling on a shared machine.
const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();

process.on('message', (message: { type: string }) => {
  if (message.type === 'delay-reset') return void (delay.reset(), process.send!({ type: 'delay-reset' }));
  if (message.type === 'delay') {
    const ms = (ns: number) => Number((ns / 1e6).toFixed(2));
    return void process.send!({
      type: 'delay',
      delay: { p50Ms: ms(delay.percentile(50)), p99Ms: ms(delay.percentile(99)), maxMs: ms(delay.max) },
    });
  }
  // CPU time of this process: on a shared machine, rows per CPU-second shows linearity where wall time cannot.
  if (message.type === 'cpu') return void process.send!({ type: 'cpu', usage: process.cpuUsage() });
  if (message.type !== 'stop') return;
  void service.close().then(async () => {
    await bus.close();
    process.exit(0);
  });
});
process.send({ type: 'ready', url: service.url, base: `http://127.0.0.1:${service.port}` });
