import { randomUUID } from 'node:crypto';
import { createMemoryEventBus, createRedisEventBus, type EventBus } from '@fulfillment-mesh/events';
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor, wsClient, type Received } from './support/clients.js';
import { startTestMesh, stockAdjusted, type TestGateway, type TestMesh } from './support/mesh.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const WATCH = 'subscription ($after: String) { stockChanged(skus: ["R-1"], after: $after) { cursor sku onHand } }';

const onHands = (results: Received[]) => results.map((r) => (r.data?.stockChanged as { onHand: number }).onHand);
const cursors = (results: Received[]) => results.map((r) => (r.data?.stockChanged as { cursor: string }).cursor);

describe('subscriptions: resume from a cursor on Redis', () => {
  const prefix = `fmtest-gw-resume-${randomUUID().slice(0, 8)}`;
  let mesh: TestMesh;
  let buses: EventBus[] = [];
  let publisher: EventBus;
  const gateways: TestGateway[] = [];

  const openBus = async () => {
    const bus = await createRedisEventBus({ url: REDIS_URL, prefix });
    buses.push(bus);
    return bus;
  };
  const startGateway = async (options = {}) => {
    const gw = await mesh.startGateway(await openBus(), options);
    gateways.push(gw);
    return gw;
  };
  const subscribed = (gw: TestGateway, n: number) =>
    waitFor(() => gw.gateway.subscriptions!.metrics().subscriptions.total === n, `${n} subscriptions`);

  beforeAll(async () => {
    mesh = await startTestMesh();
    publisher = await openBus();
  });
  afterEach(async () => {
    for (const gw of gateways.splice(0)) await gw.close();
  });
  afterAll(async () => {
    await mesh.close();
    for (const bus of buses) await bus.close();
    buses = [];
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    for await (const keys of redis.scanIterator({ MATCH: `${prefix}:*`, COUNT: 1000 }))
      if (keys.length > 0) await redis.del(keys);
    await redis.close();
  });

  it('after a disconnect, delivers exactly the missed matching events in order, then live ones', async () => {
    const gw = await startGateway();
    const first = wsClient(gw.wsUrl);
    const live = first.collect(WATCH);
    await subscribed(gw, 1);
    await publisher.publish('stock', stockAdjusted('R-1', 'east-1', 1));
    await publisher.publish('stock', stockAdjusted('R-1', 'east-1', 2));
    const seen = await live.until(2);
    await first.dispose();
    await subscribed(gw, 0);

    await publisher.publish('stock', stockAdjusted('R-1', 'east-1', 3));
    await publisher.publish('stock', stockAdjusted('OTHER', 'east-1', 99));
    await publisher.publish('stock', stockAdjusted('R-1', 'west-1', 4));

    const second = wsClient(gw.wsUrl);
    const resumed = second.collect(WATCH, { after: cursors(seen)[1] });
    await resumed.until(2);
    await publisher.publish('stock', stockAdjusted('R-1', 'east-1', 5));
    const all = await resumed.until(3);
    await second.dispose();

    expect(onHands(all)).toEqual([3, 4, 5]);
    expect(new Set(cursors([...seen, ...all])).size).toBe(5);
  });

  it('hands over from history to the live tail without losing or repeating events published meanwhile', async () => {
    const pageSize = 7;
    const base = await openBus();
    const publishRange = async (from: number, to: number) => {
      let last = '';
      for (let i = from; i <= to; i++)
        last = await publisher.publish('stock', stockAdjusted(i % 3 === 0 ? 'OTHER' : 'R-1', 'east-1', i));
      return last;
    };
    let reads = 0;
    let gw: TestGateway | undefined;
    // Live events are published at two chosen moments of the replay, and the gateway's tail has seen them before
    // the page returns: after the second page (so history re-reads them), and after the last page (buffer only).
    const bus: EventBus = {
      ...base,
      async read(stream, options) {
        const page = await base.read(stream, options);
        reads++;
        const atEnd = page.length < pageSize;
        if (reads === 2 || atEnd) {
          const last = await publishRange(atEnd ? 51 : 41, atEnd ? 55 : 50);
          await waitFor(
            () => gw!.gateway.subscriptions!.metrics().tail.positions.stock === last,
            'the tail saw the live events',
          );
        }
        return page;
      },
    };
    gw = await mesh.startGateway(bus, { replayPageSize: pageSize });
    gateways.push(gw);
    const start = await publisher.publish('stock', stockAdjusted('R-1', 'east-1', 0));
    await publishRange(1, 40);

    const client = wsClient(gw.wsUrl);
    const expected = Array.from({ length: 55 }, (_, k) => k + 1).filter((i) => i % 3 !== 0);
    const sub = client.collect(WATCH, { after: start });
    await sub.until(expected.length);
    await publisher.publish('stock', stockAdjusted('R-1', 'east-1', 56));
    const all = await sub.until(expected.length + 1);
    await client.dispose();

    expect(onHands(all)).toEqual([...expected, 56]);
    expect(reads).toBeGreaterThan(2);
  });

  it('resumes on another gateway instance: a client of A gets what was published while it was on B', async () => {
    const a = await startGateway();
    const b = await startGateway();
    const onB = wsClient(b.wsUrl);
    const first = onB.collect(WATCH);
    await subscribed(b, 1);
    await publisher.publish('stock', stockAdjusted('R-1', 'east-1', 10));
    const [last] = await first.until(1);
    await onB.dispose();

    await publisher.publish('stock', stockAdjusted('R-1', 'east-1', 11));
    await publisher.publish('stock', stockAdjusted('R-1', 'east-1', 12));

    const onA = wsClient(a.wsUrl);
    const resumed = onA.collect(WATCH, { after: cursors([last!])[0] });
    await resumed.until(2);
    await publisher.publish('stock', stockAdjusted('R-1', 'east-1', 13));
    expect(onHands(await resumed.until(3))).toEqual([11, 12, 13]);
    await onA.dispose();
  });

  it('re-opens a failed tail from the last entry it handled, so live subscribers miss nothing', async () => {
    const base = createMemoryEventBus();
    let tails = 0;
    // The first tail dies after two events, as a dropped Redis connection would.
    const bus: EventBus = {
      ...base,
      async tail(options) {
        if (++tails > 1) return base.tail(options);
        const dropped = new AbortController();
        let seen = 0;
        const handler: typeof options.handler = async (event, position) => {
          await options.handler(event, position);
          if (++seen === 2) dropped.abort();
        };
        await base.tail({ ...options, handler, signal: AbortSignal.any([options.signal, dropped.signal]) });
        throw new Error('connection reset');
      },
    };
    const gw = await mesh.startGateway(bus, { tailRestartDelayMs: 20 });
    gateways.push(gw);
    const client = wsClient(gw.wsUrl);
    const sub = client.collect(WATCH);
    await subscribed(gw, 1);

    for (let i = 1; i <= 5; i++) await bus.publish('stock', stockAdjusted('R-1', 'east-1', i)); // 3..5 while the tail is down
    expect(onHands(await sub.until(5))).toEqual([1, 2, 3, 4, 5]);
    expect(gw.gateway.subscriptions!.metrics().counters.tailRestarts).toBe(1);
    await client.dispose();
    await base.close();
  });
});
