import { createMemoryEventBus, type EventBus } from '@fulfillment-mesh/events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sseClient, waitFor, wsClient } from './support/clients.js';
import { envelope, startTestMesh, stockAdjusted, type TestGateway, type TestMesh } from './support/mesh.js';

const HYDRATED = /* GraphQL */ `
  subscription Watch($skus: [ID!]) {
    change: stockChanged(skus: $skus) {
      cursor
      eventId
      sku
      reason
      onHand
      product {
        name
        kind
        stockLevel
        details {
          __typename
          ... on Apparel {
            size
          }
          ... on Gadget {
            voltage
          }
        }
        maker {
          ...NamedParts
        }
      }
    }
  }
  fragment NamedParts on Named {
    __typename
    name
  }
`;

describe('subscriptions: delivery and hydration', () => {
  let mesh: TestMesh;
  let bus: EventBus;
  let gw: TestGateway;
  const clients: { dispose(): void | Promise<void> }[] = [];

  beforeAll(async () => {
    mesh = await startTestMesh();
    bus = createMemoryEventBus({ logger: undefined });
    gw = await mesh.startGateway(bus);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    await waitFor(() => gw.gateway.subscriptions!.metrics().subscriptions.total === 0, 'subscriptions closed');
  });
  afterAll(async () => {
    await mesh.close();
    await bus.close();
  });

  const subscribed = (n: number) =>
    waitFor(() => gw.gateway.subscriptions!.metrics().subscriptions.total === n, `${n} subscriptions`);

  it('delivers an event with fields hydrated from another subgraph, with enums, unions, interfaces and fragments', async () => {
    const client = wsClient(gw.wsUrl);
    clients.push(client);
    const sub = client.collect(HYDRATED, { skus: ['SKU-1'] });
    await subscribed(1);

    const entryId = await bus.publish('stock', stockAdjusted('SKU-1', 'east-1', 7));
    const [result] = await sub.until(1);

    expect(result).toEqual({
      data: {
        change: {
          cursor: entryId,
          eventId: expect.any(String),
          sku: 'SKU-1',
          reason: 'RECEIVED',
          onHand: 7,
          product: {
            name: 'Product SKU-1',
            kind: 'APPAREL',
            stockLevel: 50,
            details: { __typename: 'Apparel', size: 'M' },
            maker: { __typename: 'Apparel', name: 'Acme' },
          },
        },
      },
    });
  });

  it('delivers only the events that match the arguments, and does no hydration work for the others', async () => {
    const client = wsClient(gw.wsUrl);
    clients.push(client);
    const bySku = client.collect('subscription { stockChanged(skus: ["A-1", "A-2"]) { sku locationId } }');
    const byLocation = client.collect('subscription { stockChanged(locationIds: "west-1") { sku locationId } }');
    const byZone = client.collect('subscription { stockChanged(zone: "north") { sku locationId } }');
    await subscribed(3);
    const before = mesh.counters.stockEcho;

    await bus.publish('stock', stockAdjusted('B-9', 'south-1', 1)); // matches nobody: no hydration at all
    expect(mesh.counters.stockEcho).toBe(before);
    await bus.publish('stock', stockAdjusted('A-1', 'east-1', 1));
    await bus.publish('stock', stockAdjusted('C-3', 'west-1', 1));
    await bus.publish('stock', stockAdjusted('A-2', 'north-4', 1));

    expect((await bySku.until(2)).map((r) => r.data)).toEqual([
      { stockChanged: { sku: 'A-1', locationId: 'east-1' } },
      { stockChanged: { sku: 'A-2', locationId: 'north-4' } },
    ]);
    expect((await byLocation.until(1)).map((r) => r.data)).toEqual([
      { stockChanged: { sku: 'C-3', locationId: 'west-1' } },
    ]);
    expect((await byZone.until(1)).map((r) => r.data)).toEqual([
      { stockChanged: { sku: 'A-2', locationId: 'north-4' } },
    ]);
    // A sentinel event every subscriber sees proves nothing else was queued before it.
    await bus.publish('stock', stockAdjusted('A-1', 'north-west-1', 2));
    expect((await bySku.until(3)).length).toBe(3);
    expect((await byZone.until(2)).length).toBe(2);
    expect(byLocation.results).toHaveLength(1);
  });

  it('builds the payload per event type, across several streams', async () => {
    const client = wsClient(gw.wsUrl);
    clients.push(client);
    const sub = client.collect('subscription { parcelUpdated(parcelId: "P-1") { parcelId status cursor } }');
    await subscribed(1);

    const created = await bus.publish('parcels', envelope('parcels.parcel.created', 'P-1', { parcelId: 'P-1' }));
    await bus.publish('parcels', envelope('parcels.parcel.created', 'P-2', { parcelId: 'P-2' }));
    await bus.publish('parcels', envelope('parcels.parcel.cancelled', 'P-1', { parcelId: 'P-1' })); // not a feeding type
    const moved = await bus.publish(
      'parcels',
      envelope('parcels.milestone.recorded', 'P-1', { parcelId: 'P-1', status: 'IN_TRANSIT' }),
    );

    expect((await sub.until(2)).map((r) => r.data)).toEqual([
      { parcelUpdated: { parcelId: 'P-1', status: 'PENDING', cursor: created } },
      { parcelUpdated: { parcelId: 'P-1', status: 'IN_TRANSIT', cursor: moved } },
    ]);
  });

  it('resolves each event once per distinct selection, variables and identity, however many subscribe', async () => {
    const sockets = Array.from({ length: 4 }, () => wsClient(gw.wsUrl));
    clients.push(...sockets);
    const same = sockets.flatMap((c) =>
      Array.from({ length: 5 }, () => c.collect('subscription { stockChanged { sku product { name } } }')),
    );
    const other = sockets.map((c) => c.collect('subscription { stockChanged { sku onHand } }'));
    const withVariable = sockets.map((c) =>
      c.collect('subscription ($b: Int!) { stockChanged { sku padding(bytes: $b) } }', { b: 3 }),
    );
    await subscribed(28);
    const before = { echo: mesh.counters.stockEcho, entities: mesh.counters.catalogEntities };

    await bus.publish('stock', stockAdjusted('SKU-5', 'east-1', 3));
    await Promise.all([...same, ...other, ...withVariable].map((s) => s.until(1)));

    expect(mesh.counters.stockEcho - before.echo).toBe(3); // three groups, twenty-eight subscribers
    expect(mesh.counters.catalogEntities - before.entities).toBe(1); // only the first group selects catalog fields
    expect(same[7]!.results[0]).toEqual({
      data: { stockChanged: { sku: 'SKU-5', product: { name: 'Product SKU-5' } } },
    });
    expect(withVariable[2]!.results[0]).toEqual({ data: { stockChanged: { sku: 'SKU-5', padding: 'xxx' } } });
  });

  it('serves subscriptions over SSE with the same hydration', async () => {
    const client = sseClient(gw.sseUrl);
    clients.push(client);
    const sub = client.collect('subscription { stockChanged(skus: ["S-1"]) { sku product { name } } }');
    await subscribed(1);
    expect(gw.gateway.subscriptions!.metrics().connections.sse).toBe(1);

    await bus.publish('stock', stockAdjusted('S-1', 'east-1', 1));
    expect(await sub.until(1)).toEqual([{ data: { stockChanged: { sku: 'S-1', product: { name: 'Product S-1' } } } }]);
  });

  it('answers queries sent over the socket through the normal gateway', async () => {
    const client = wsClient(gw.wsUrl);
    clients.push(client);
    const query = client.collect('{ product(sku: "Q-2") { name details { ... on Gadget { voltage } } } }');
    await query.done;
    expect(query.results).toEqual([{ data: { product: { name: 'Product Q-2', details: { voltage: 12 } } } }]);
  });

  it('refuses a malformed cursor, naming what was expected and what was received', async () => {
    const client = wsClient(gw.wsUrl);
    clients.push(client);
    const bad = client.collect('subscription { stockChanged(after: "yesterday") { sku } }');
    await bad.done;
    expect(bad.results[0]?.errors?.[0]).toMatchObject({
      message:
        'Invalid after: expected the cursor of a payload you received (e.g. 1700000000000-0), received "yesterday"',
      extensions: { code: 'INVALID_INPUT' },
    });
  });

  it('retries a hydration that failed because a subgraph was briefly unavailable', async () => {
    const client = wsClient(gw.wsUrl);
    clients.push(client);
    const sub = client.collect('subscription { stockChanged(skus: ["FLAKY-2"]) { sku onHand } }');
    await subscribed(1);
    const before = mesh.counters.stockEcho;

    await bus.publish('stock', stockAdjusted('FLAKY-2', 'east-1', 4));
    expect(await sub.until(1)).toEqual([{ data: { stockChanged: { sku: 'FLAKY-2', onHand: 4 } } }]);
    expect(mesh.counters.stockEcho - before).toBe(3);
  });

  it('delivers an event that cannot be hydrated as errors carrying its cursor, and keeps delivering', async () => {
    const client = wsClient(gw.wsUrl);
    clients.push(client);
    const sub = client.collect('subscription { stockChanged(skus: ["E-1"]) { sku reason } }');
    await subscribed(1);

    const broken = await bus.publish('stock', stockAdjusted('E-1', 'east-1', 1, 'STOLEN')); // not a StockReason
    await bus.publish('stock', stockAdjusted('E-1', 'east-1', 2, 'RELEASED'));
    const [failed, next] = await sub.until(2);
    expect(failed).toMatchObject({
      errors: [{ extensions: { code: 'BAD_USER_INPUT' } }],
      extensions: { cursor: broken },
    });
    expect(failed?.data ?? null).toBeNull();
    expect(next).toEqual({ data: { stockChanged: { sku: 'E-1', reason: 'RELEASED' } } });
  });

  it('keeps the hydration fields away from clients', async () => {
    const res = await fetch(gw.httpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ stockChangePayload(event: { sku: "X" }) { sku } }' }),
    });
    const body = (await res.json()) as { errors: { message: string }[] };
    expect(body.errors[0]!.message).toBe('Cannot query field "stockChangePayload" on type "Query".');
  });

  it('exposes connection and subscription counts on /metrics', async () => {
    const client = wsClient(gw.wsUrl);
    clients.push(client);
    client.collect('subscription { stockChanged { sku } }');
    client.collect('subscription { parcelUpdated { parcelId } }');
    await subscribed(2);

    const text = await (await fetch(new URL('/metrics', gw.httpUrl))).text();
    expect(text).toContain('fm_subscription_connections{transport="ws"} 1');
    expect(text).toContain('fm_subscriptions{field="stockChanged"} 1');
    expect(text).toContain('fm_subscriptions{field="parcelUpdated"} 1');
    expect(text).toMatch(/fm_subscription_hydrations_total \d+/);
  });
});
