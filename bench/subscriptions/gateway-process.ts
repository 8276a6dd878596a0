import { createRedisEventBus } from '@fulfillment-mesh/events';
import { createLogger } from '@fulfillment-mesh/runtime';
import { createGateway } from '../../gateway/src/server.js';
import { FIXTURE_MANIFEST, zoneFilter } from '../../gateway/test/support/mesh.js';

/**
 * The gateway under test, alone in its process: subscriptions over the real Redis (under the parent's prefix),
 * hydrating from the fixture subgraphs at the URLs the parent passes (`BENCH_TOPOLOGY`: subgraphs and the
 * composed supergraph). IPC with the parent: `ready` once serving, `snapshot` (after two forced GCs) on request,
 * exit on `stop`.
 */
type Request = { type: 'snapshot'; id: number } | { type: 'stop' };

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = process.env.BENCH_PREFIX;
const topology = process.env.BENCH_TOPOLOGY;
if (!prefix || !topology || !process.send)
  throw new Error('start me from bench/subscriptions/run.ts (needs BENCH_PREFIX, BENCH_TOPOLOGY and IPC)');
const { subgraphs, supergraphSdl } = JSON.parse(topology) as {
  subgraphs: { name: string; url: string }[];
  supergraphSdl: string;
};
const send = (message: unknown) => process.send!(message);

const bus = await createRedisEventBus({ url: redisUrl, prefix });
const gateway = createGateway({
  subgraphs,
  supergraphSdl,
  logger: createLogger({ service: 'bench-gateway', level: 'warn' }),
  subscriptions: {
    bus,
    manifest: FIXTURE_MANIFEST,
    filters: { zone: zoneFilter },
    // Pings every 60 s: a run is shorter, so keep-alive traffic does not blur the latency figures.
    websocket: { keepAliveMs: 60_000 },
  },
});
const service = await gateway.serve({ port: 0 });
const gc = (globalThis as { gc?: () => void }).gc;

process.on('message', (message: Request) => {
  if (message.type === 'snapshot') {
    gc?.();
    gc?.();
    send({
      type: 'snapshot',
      id: message.id,
      memory: process.memoryUsage(),
      cpu: process.cpuUsage(),
      metrics: gateway.subscriptions!.metrics(),
    });
  } else if (message.type === 'stop') {
    void (async () => {
      await service.close();
      await bus.close();
      process.exit(0);
    })();
  }
});
send({ type: 'ready', wsUrl: `ws://127.0.0.1:${service.port}/graphql` });
