/**
 * One consumer group of the event benchmark, run as its own process (as a subgraph replica would be) by run.ts.
 * Protocol over IPC: receives `{ url, prefix, group, expected }`, answers `{ ready }` once its group exists,
 * and `{ done, latencies, firstAt, lastAt }` after `expected` deliveries or when told `{ finish }`; the parent then kills it.
 */
import { performance } from 'node:perf_hooks';
import { createLogger } from '@fulfillment-mesh/runtime';
import { createRedisEventBus } from '../../packages/events/src/index.js';
import { benchRegistry } from './payload.js';

interface Start {
  url: string;
  prefix: string;
  group: string;
  expected: number;
}

const send = (message: object) => process.send?.(message);
// Never outlive the benchmark (e.g. when it is interrupted).
process.once('disconnect', () => process.exit(0));

process.once('message', async (start: Start) => {
  const bus = await createRedisEventBus({
    url: start.url,
    prefix: start.prefix,
    logger: createLogger({ service: 'bench-consumer', level: 'warn' }),
  });
  const latencies: number[] = [];
  let firstAt = 0;
  let lastAt = 0;
  let finishing = false;
  const finish = async () => {
    if (finishing) return;
    finishing = true;
    await bus.close();
    // Stay alive: the parent ends this process once it has the report (exiting first could lose it).
    send({ done: true, latencies, firstAt, lastAt });
  };
  await bus.consume({
    stream: 'bench',
    group: start.group,
    consumer: `${start.group}-1`,
    registry: benchRegistry,
    startFrom: '$',
    batchSize: 100,
    handler: (event) => {
      const now = performance.timeOrigin + performance.now();
      latencies.push(now - (event.data as { sentAt: number }).sentAt);
      firstAt ||= now;
      lastAt = now;
      if (latencies.length === start.expected) void finish();
    },
  });
  process.on('message', (message: { finish?: boolean }) => {
    if (message.finish) void finish();
  });
  send({ ready: true });
});
