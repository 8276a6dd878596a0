import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventRegistry, type Consumer } from '@fulfillment-mesh/events';
import { startMesh, type RunningMesh } from '@fulfillment-mesh/mesh';
import { product, shipTo, tinyDataset } from './fixtures.js';
import { eventually, post } from './helpers.js';

/**
 * The mesh on the real Redis (127.0.0.1:6379, keys under a random prefix removed afterwards): events flow
 * across subgraphs through Redis Streams, and `integrationHealth` through the gateway shows a consumer group's
 * backlog growing while its consumer is stopped and draining once it runs again.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `fm-e2e-${randomUUID().slice(0, 8)}`;
let mesh: RunningMesh;
let auth: Record<string, string>;

beforeAll(async () => {
  const dataset = tinyDataset([product('GEAR', '3.00')], { GEAR: { 'dc-east': 500 } });
  mesh = await startMesh({ inMemory: true, randomPorts: true, dataset, redisUrl: REDIS_URL, redisPrefix: prefix });
  auth = await mesh.headersFor('operator');
});
afterAll(async () => {
  await mesh?.close();
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 }))
    if (keys.length > 0) await redis.del(keys);
  await redis.quit();
});

type Health = {
  integrationHealth: {
    stream: string;
    length: number;
    groups: { group: string; backlog: number; pending: number }[];
  }[];
};
const health = async () =>
  (
    await post<Health, Record<string, unknown>>(
      mesh.gatewayUrl,
      '{ integrationHealth { stream length groups { group backlog pending } } }',
      {},
      auth,
    )
  ).data!.integrationHealth;
const probeBacklog = async () =>
  health().then((h) => h.find((s) => s.stream === 'orders')?.groups.find((g) => g.group === 'probe'));
const place = (externalId: string) =>
  post(
    mesh.gatewayUrl,
    `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id status } } }`,
    {
      input: {
        channel: 'WEB',
        externalId,
        customer: { id: 'c-1', name: 'Acme Co' },
        shipTo,
        lines: [{ sku: 'GEAR', quantity: 1 }],
      },
    },
    auth,
  );

describe('integration health on Redis Streams through the gateway', () => {
  it('shows a backlog that grows while a consumer is stopped and drains after it restarts', async () => {
    const seen: string[] = [];
    const consume = () =>
      mesh.bus.consume({
        stream: 'orders',
        group: 'probe',
        consumer: 'probe-1',
        registry: createEventRegistry(),
        follows: () => false,
        handler: (e) => void seen.push(e.id),
        startFrom: '$',
        blockMs: 200,
      });
    let probe: Consumer = await consume();
    await probe.stop();

    for (let i = 0; i < 5; i++) expect((await place(`health-${i}`)).errors).toBeUndefined();
    const grown = await eventually(probeBacklog, (g) => (g?.backlog ?? 0) >= 5);
    expect(grown?.backlog).toBeGreaterThanOrEqual(5);

    probe = await consume();
    const drained = await eventually(probeBacklog, (g) => g?.backlog === 0 && g.pending === 0);
    expect(drained).toMatchObject({ backlog: 0, pending: 0 });
    await probe.stop();
  });

  it('refuses integrationHealth to a storefront', async () => {
    const res = await post(
      mesh.gatewayUrl,
      '{ integrationHealth { stream } }',
      {},
      await mesh.headersFor('storefront'),
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
