import { createClient } from 'redis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedisEventBus, type EventBus } from '../src/index.js';
import { deleteKeys, fastConsumer, itemEvent, randomPrefix, REDIS_URL, waitFor } from './support.js';

const filePrefix = randomPrefix('redis');
afterAll(async () => {
  await deleteKeys(filePrefix);
});

describe('Redis event bus across processes', () => {
  let testNumber = 0;
  let prefix: string;
  let first: EventBus;
  let second: EventBus;

  beforeEach(async () => {
    testNumber += 1;
    prefix = `${filePrefix}:${testNumber}`;
    // Two buses on one prefix behave like two service replicas.
    first = await createRedisEventBus({ url: REDIS_URL, prefix });
    second = await createRedisEventBus({ url: REDIS_URL, prefix });
  });
  afterEach(async () => {
    await Promise.all([first.close(), second.close()]);
  });

  it('shares the work of a group between replicas, each event applied once, retries included', async () => {
    const applied = new Map<string, number>();
    const failedOnce = new Set<string>();
    const handler = (replica: string) => (e: { id: string; data: unknown }) => {
      // Every third event fails on its first run, wherever it lands.
      if ((e.data as { value: number }).value % 3 === 0 && !failedOnce.has(e.id)) {
        failedOnce.add(e.id);
        throw new Error(`flaky on ${replica}`);
      }
      applied.set(e.id, (applied.get(e.id) ?? 0) + 1);
    };
    await first.consume(
      fastConsumer({ stream: 'orders', group: 'billing', consumer: 'a', batchSize: 3, handler: handler('a') }),
    );
    await second.consume(
      fastConsumer({ stream: 'orders', group: 'billing', consumer: 'b', batchSize: 3, handler: handler('b') }),
    );
    for (let value = 1; value <= 30; value += 1) await first.publish('orders', itemEvent(`order-${value}`, value));

    await waitFor(async () => {
      const group = (await second.health())[0]?.groups[0];
      return group?.counters.processed === 30 && group.pending === 0 && group.backlog === 0;
    }, 'every event processed by one of the replicas');
    expect([...applied.values()]).toEqual(Array.from({ length: 30 }, () => 1));
    const [health] = await first.health();
    expect(health).toMatchObject({
      stream: 'orders',
      length: 30,
      counters: { published: 30, processed: 30, retried: 10, deadLettered: 0 },
    });
    expect(health?.groups[0]?.consumers).toBe(2);
  });

  it('keeps every key under the prefix, in the documented layout', async () => {
    await first.consume(fastConsumer({ stream: 'catalog', group: 'search', handler: () => undefined }));
    const event = { ...itemEvent('sku-1', 1), dataversion: 9 }; // unreadable: a dead letter
    await first.publish('catalog', event);
    await waitFor(async () => (await first.deadLetters('catalog')).total === 1, 'a dead letter');
    const client = createClient({ url: REDIS_URL });
    await client.connect();
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 1000 })) keys.push(...batch);
    const types = Object.fromEntries(
      await Promise.all(keys.map(async (k) => [k.slice(prefix.length + 1), await client.type(k)] as const)),
    );
    await client.close();
    expect(types).toMatchObject({
      streams: 'set',
      'stream:catalog': 'stream',
      'retry:catalog:search': 'stream',
      'dlq:catalog': 'stream',
      'counters:catalog': 'hash',
      [`published:catalog:${event.id}`]: 'string',
    });
    expect(
      Object.keys(types).every((k) =>
        /^(streams|stream:|retry:|dlq:|counters:|group:catalog:search:|published:catalog:)/.test(k),
      ),
    ).toBe(true);
  });
});
