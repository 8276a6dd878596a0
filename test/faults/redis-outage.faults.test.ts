import { createClient } from 'redis';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { product, shipTo, tinyDataset } from '../fixtures.js';
import { post } from '../helpers.js';
import {
  createApiKey,
  removeDir,
  seedDataDir,
  startRedis,
  startTopology,
  waitFor,
  type PrivateRedis,
  type ServiceProcess,
  type Topology,
} from './support/index.js';

/**
 * One deployed mesh — every subgraph and two gateways as separate processes on one private Redis (AOF on, as in
 * production) — taken through the faults of a deployment in order: started while Redis is down, Redis killed and
 * restarted under steady order traffic, then a gateway replica stopped with SIGTERM under load. The steps share
 * the topology (and run in this order) because starting seven processes is the slow part.
 */
const STOREFRONT_READ = '{ product(sku: "A1") { name availability { available } } }';
const PLACE =
  'mutation($input: PlaceOrderInput!, $key: String) { placeOrder(input: $input, idempotencyKey: $key) { order { id status } } }';
const SCOPES = ['catalog:read', 'inventory:read', 'orders:read', 'orders:write'];
const SUBSCRIPTION = 'subscription { inventoryChanged(skus: ["A1"]) { sku } }';

let redis: PrivateRedis;
let mesh: Topology;
let dataDir: string;
let auth: Record<string, string>;
const processes = () => [...Object.values(mesh.subgraphs), ...mesh.gateways];

beforeAll(async () => {
  redis = await startRedis({ persist: true });
  dataDir = await seedDataDir(tinyDataset([product('A1', '5.00')], { A1: { 'dc-east': 5_000 } }));
  await redis.stop();
  mesh = await startTopology({ redisUrl: redis.url, dataDir, gateways: 2, waitReady: false });
});
afterAll(async () => {
  await mesh?.close();
  await redis?.close();
  removeDir(dataDir);
});

describe('a deployed mesh through Redis outages and a rolling restart', () => {
  it('starts every service while Redis is down, serves storefront reads, and becomes ready when Redis comes up', async () => {
    const [gateway] = mesh.gateways;
    // Alive and serving while Redis is down: /healthz 200, /readyz 503 naming redis, reads answered.
    await waitFor(
      'every service to answer /healthz',
      async () => (await Promise.all(processes().map((p) => p.probe('/healthz')))).every((r) => r.status === 200),
      60_000,
    );
    const readyz = await gateway!.probe('/readyz');
    expect(readyz.status).toBe(503);
    expect(String(readyz.body.reason)).toMatch(/redis unavailable/);
    expect((await mesh.subgraphs.inventory.probe('/readyz')).body).toMatchObject({
      status: 'unavailable',
      down: ['redis'],
    });
    const read = await post(gateway!.url, STOREFRONT_READ);
    expect(read.data).toEqual({ product: { name: 'Item A1', availability: { available: 5_000 } } });

    await redis.start();
    await Promise.all(processes().map((p) => p.waitReady(30_000)));
    expect(processes().map((p) => p.exitCode)).toEqual(processes().map(() => undefined));
    // The consumers started while Redis was down created their groups once it answered.
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      await waitFor(
        'consumer groups on the orders stream',
        async () => (await client.xInfoGroups('fm:stream:orders').catch(() => [])).length > 0,
        15_000,
      );
    } finally {
      await client.quit();
    }
    // One warning per connection for the whole outage, not one per reconnect attempt.
    for (const service of processes()) {
      const warnings = service
        .output()
        .split('\n')
        .filter((line) => line.includes('redis unavailable; reconnecting'));
      const connections = warnings.map((line) => (JSON.parse(line) as { connection: string }).connection);
      expect(new Set(connections).size, `${service.name}: ${warnings.join('\n')}`).toBe(connections.length);
    }
  });

  it('loses no order and publishes no event twice when Redis is killed and restarted under steady order traffic', async () => {
    auth = await createApiKey(mesh.env, 'operator', SCOPES);
    const gateway = mesh.gateways[0]!;
    // The key has been verified once through Redis: the gateway may accept it from its local cache later.
    expect((await post(gateway.url, STOREFRONT_READ, undefined, auth)).data).toBeTruthy();

    const acknowledged = new Map<string, string>(); // externalId -> order id
    const attempts: { at: number; ok: boolean }[] = [];
    const failures: string[] = []; // what the client saw when a submission failed (reported if the test fails)
    let stop = false;
    let sent = 0;
    const place = async (externalId: string) => {
      // A client retries a failed submission with the same idempotency key until it is acknowledged.
      for (;;) {
        const at = Date.now();
        try {
          const res = await post<{ placeOrder: { order: { id: string; status: string } } }, Record<string, unknown>>(
            gateway.url,
            PLACE,
            {
              input: {
                channel: 'STORE',
                externalId,
                customer: { id: 'c-1', name: 'Steady Buyer' },
                shipTo,
                lines: [{ sku: 'A1', quantity: 1 }],
              },
              key: `key-${externalId}`,
            },
            auth,
          );
          const order = res.data?.placeOrder.order;
          attempts.push({ at, ok: Boolean(order) });
          if (!order) failures.push(`${res.status} ${JSON.stringify(res.errors)}`);
          if (order) return void acknowledged.set(externalId, order.id);
        } catch (error) {
          attempts.push({ at, ok: false });
          failures.push(String(error));
        }
        if (stop && Date.now() > deadline) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    let deadline = Number.POSITIVE_INFINITY;
    const traffic = (async () => {
      const inFlight: Promise<void>[] = [];
      while (!stop) {
        inFlight.push(place(`steady-${sent++}`));
        await new Promise((resolve) => setTimeout(resolve, 100)); // ~10 orders per second
      }
      await Promise.all(inFlight);
    })();

    await waitFor('a few orders before the outage', () => acknowledged.size >= 10, 30_000);
    await redis.kill();
    const downAt = Date.now();
    // While Redis is down: no process exits, storefront reads answer, readiness says why it is off.
    await waitFor('three seconds of outage', () => Date.now() - downAt >= 3_000, 10_000);
    const read = await post(gateway.url, STOREFRONT_READ, undefined, auth);
    expect(read.errors).toBeUndefined();
    expect(read.data).toMatchObject({ product: { name: 'Item A1' } });
    expect((await gateway.probe('/readyz')).status).toBe(503);
    expect((await gateway.probe('/healthz')).status).toBe(200);

    await redis.start();
    const upAt = Date.now();
    await waitFor(
      'an order acknowledged after Redis returned',
      () => attempts.some((a) => a.at >= upAt && a.ok),
      10_000,
    );
    const resumedMs = Math.min(...attempts.filter((a) => a.at >= upAt && a.ok).map((a) => a.at)) - upAt;
    expect(resumedMs).toBeLessThan(10_000);
    // Not vacuous: submissions were made while Redis was down (acknowledged ones kept their events in the outbox).
    const duringOutage = attempts.filter((a) => a.at >= downAt && a.at < upAt);
    expect(duringOutage.length).toBeGreaterThan(10);
    console.info(
      `outage ${upAt - downAt} ms: ${duringOutage.filter((a) => a.ok).length}/${duringOutage.length} submissions acknowledged while down; first write after Redis returned: +${resumedMs} ms`,
    );
    await waitFor('a few more orders', () => acknowledged.size >= sent - 5 && Date.now() - upAt > 2_000, 30_000).catch(
      (error: Error) => {
        throw new Error(
          `${error.message}: ${acknowledged.size} of ${sent} acknowledged; last failures ${failures.slice(-5).join(' | ')}`,
        );
      },
    );
    stop = true;
    deadline = Date.now() + 20_000;
    await traffic;

    expect(processes().map((p) => `${p.name}:${p.exitCode}`)).toEqual(processes().map((p) => `${p.name}:undefined`));
    expect(acknowledged.size).toBe(sent);
    // Every acknowledged order exists once; its placed event reached the stream once (outboxes drained).
    const orders = [...acknowledged.values()];
    expect(new Set(orders).size).toBe(orders.length);
    for (const id of orders) {
      const res = await post<{ order: { id: string } | null }, { id: string }>(
        gateway.url,
        'query($id: ID!) { order(id: $id) { id } }',
        { id },
        auth,
      );
      expect(res.data?.order?.id).toBe(id);
    }
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      const placed = await waitForPlaced(
        async () => (await client.xRange('fm:stream:orders', '-', '+')) ?? [],
        orders.length,
      );
      const ids = placed.map((e) => e.id);
      expect(ids.length - new Set(ids).size).toBe(0); // no event published twice
      expect(new Set(placed.map((e) => e.subject))).toEqual(new Set(orders));
    } finally {
      await client.quit();
    }
  });

  it('answers all of 50 concurrent requests while one gateway replica is stopped with SIGTERM, and closes its subscriptions properly', async () => {
    const [leaving, staying] = mesh.gateways as [ServiceProcess, ServiceProcess];
    const socket = await subscribeOverWebSocket(leaving, auth);
    const socketClosed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    const stream = await fetch(new URL('/graphql/stream', leaving.origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...auth },
      body: JSON.stringify({ query: SUBSCRIPTION }),
    });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const streamEnded = stream.text().then(
      () => 'ended',
      (error: Error) => `failed: ${error.message}`,
    );
    // A tiny round-robin in front of the two replicas; a request refused or cut by the leaving one is retried
    // on the other, as a load balancer would once readiness is off.
    const servedBy = { leaving: 0, staying: 0 };
    const request = async (first: ServiceProcess) => {
      let target = first;
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          const res = await fetch(target.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...auth },
            body: JSON.stringify({ query: STOREFRONT_READ }),
          });
          if (res.status === 503) throw new Error('replica not ready');
          const body = (await res.json()) as { data?: { product: { name: string } }; errors?: unknown };
          servedBy[target === leaving ? 'leaving' : 'staying']++;
          return { status: res.status, body };
        } catch {
          target = target === leaving ? staying : leaving; // refused, reset or draining: the next replica
        }
      }
      return { status: 0, body: {} };
    };
    const results = Promise.all(Array.from({ length: 50 }, (_, i) => request(i % 2 === 0 ? leaving : staying)));
    // SIGTERM once the replicas are answering, so that the leaving one has requests in flight.
    await waitFor('the first answers', () => servedBy.leaving + servedBy.staying >= 1, 20_000);
    const exit = leaving.stop('SIGTERM');
    // Readiness is off at once (503 on a kept connection, refused on a new one) while it drains.
    await waitFor(
      'the leaving replica to report not ready',
      async () => (await leaving.probe('/readyz')).status !== 200,
      1_000,
    );
    const answers = await results;
    expect(answers.filter((a) => a.status !== 200 || (a.body as { errors?: unknown }).errors !== undefined)).toEqual(
      [],
    );
    expect(answers.map((a) => a.body.data?.product.name)).toEqual(answers.map(() => 'Item A1'));
    expect(servedBy.leaving, 'the leaving replica finished the requests it had accepted').toBeGreaterThan(0);
    const started = Date.now();
    expect(await exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(staying.exitCode).toBeUndefined();
    expect(await socketClosed).toBe(1001); // graphql-ws: Going Away
    expect(await streamEnded).toBe('ended'); // the SSE response ends instead of being cut
  });
});

/** The `orders.order.placed` envelopes of the stream, once the relays have published at least `count` of them. */
async function waitForPlaced(readStream: () => Promise<{ message: Record<string, unknown> }[]>, count: number) {
  let placed: { id: string; subject: string }[] = [];
  await waitFor(
    `${count} orders.order.placed events on the stream`,
    async () => {
      placed = (await readStream())
        .map((e) => JSON.parse(String(e.message.envelope)) as { id: string; type: string; subject: string })
        .filter((e) => e.type === 'orders.order.placed');
      return placed.length >= count;
    },
    20_000,
  );
  return placed;
}

/** A graphql-transport-ws connection with one subscription running (raw, to see the close code). */
async function subscribeOverWebSocket(gateway: ServiceProcess, auth: Record<string, string>): Promise<WebSocket> {
  const socket = new WebSocket(gateway.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: auth })));
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as { type: string };
      if (message.type !== 'connection_ack') return;
      socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: SUBSCRIPTION } }));
      resolve();
    });
  });
  return socket;
}
