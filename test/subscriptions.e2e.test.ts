import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startMesh, type RunningMesh } from '@fulfillment-mesh/mesh';
import { generateDataset, type SeedDataset } from '@fulfillment-mesh/seed-data';
import { post } from './helpers.js';

// A console subscribes through the gateway of the real mesh (in-process bus), sees an order move through its
// states with fields hydrated from other subgraphs, drops its connection and resumes from its last cursor.

type Result = { data?: Record<string, unknown> | null; errors?: { message: string }[] };

/** One subscription's results, with a way to wait for the n-th (no sleeps). */
function watch(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const results: Result[] = [];
  let waiting: { done: (r: Result[]) => boolean; resolve: (r: Result[]) => void }[] = [];
  const stop = client.subscribe(
    { query, variables },
    {
      next: (value) => {
        results.push(value as Result);
        waiting = waiting.filter((w) => (w.done(results) ? (w.resolve([...results]), false) : true));
      },
      error: () => {},
      complete: () => {},
    },
  );
  const when = (done: (r: Result[]) => boolean) =>
    done(results) ? Promise.resolve([...results]) : new Promise<Result[]>((resolve) => waiting.push({ done, resolve }));
  return {
    results,
    stop,
    until: (count: number) => when((r) => r.length >= count),
    /** The first result that satisfies `match`. */
    find: async (match: (r: Result) => boolean) => (await when((r) => r.some(match))).find(match)!,
  };
}

const PLACE = /* GraphQL */ `
  mutation Place($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      order {
        id
        status
      }
    }
  }
`;
const RELEASE = /* GraphQL */ `
  mutation Release($id: ID!) {
    releaseOrder(id: $id) {
      id
      status
    }
  }
`;
const ORDER_WATCH = /* GraphQL */ `
  subscription Console($orderId: ID, $after: String) {
    orderStatusChanged(orderId: $orderId, after: $after) {
      cursor
      from
      to
      order {
        id
        status
        lines {
          product {
            sku
            name
            availability {
              available
            }
          }
        }
      }
    }
  }
`;

describe('real-time subscriptions through the real mesh', () => {
  let mesh: RunningMesh;
  let dataset: SeedDataset;
  /** A console's API key: the same credentials authenticate the socket (connection_init params) and HTTP. */
  let auth: Record<string, string>;
  /** Releasing to the warehouses needs `fulfillment:write`, which consoles do not have. */
  let operator: Record<string, string>;
  const clients: Client[] = [];
  const connect = () => {
    const client = createClient({
      url: mesh.gatewayUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: auth,
    });
    clients.push(client);
    return client;
  };
  /** An ACTIVE product with plenty of stock at a DC, so a WEB order of one unit is accepted. */
  const stockedSku = () => {
    const dcs = new Set(dataset.locations.filter((l) => l.kind === 'DC').map((l) => l.id));
    const position = dataset.positions.find(
      (p) =>
        dcs.has(p.locationId) &&
        p.onHand - p.reserved - p.safetyStock > 10 &&
        dataset.products.find((x) => x.sku === p.sku)?.status === 'ACTIVE',
    )!;
    return position.sku;
  };
  const orderInput = (sku: string, externalId: string) => ({
    channel: 'WEB',
    externalId,
    customer: { id: 'C-e2e', name: 'E2E Console' },
    shipTo: {
      name: 'E2E',
      address: { line1: '1 Main St', city: 'Springfield', region: 'US-IL', postalCode: '62701', country: 'US' },
    },
    lines: [{ sku, quantity: 1 }],
  });

  beforeAll(async () => {
    dataset = generateDataset({ seed: 11, skuCount: 60, orderCount: 20 });
    mesh = await startMesh({ inMemory: true, randomPorts: true, dataset });
    auth = await mesh.headersFor('console');
    operator = await mesh.headersFor('operator');
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await mesh?.close();
  });

  it('pushes the inventory change of a reservation with product fields from catalog and inventory', async () => {
    const sku = stockedSku();
    const product = dataset.products.find((p) => p.sku === sku)!;
    // `after: "0-0"` replays retained history first, so the test does not race the subscription's registration.
    const sub = watch(
      connect(),
      'subscription ($skus: [ID!]) { inventoryChanged(skus: $skus, after: "0-0") { cursor sku reason reserved product { name availability { available } } location { id name } } }',
      { skus: [sku] },
    );
    const placed = await post(mesh.gatewayUrl, PLACE, { input: orderInput(sku, `e2e-inv-${Date.now()}`) }, auth);
    expect(placed.errors).toBeUndefined();

    const change = await sub.find(
      (r) => (r.data?.inventoryChanged as { reason?: string } | undefined)?.reason === 'RESERVED',
    );
    expect(change.errors).toBeUndefined();
    expect(change.data?.inventoryChanged).toMatchObject({
      sku,
      reason: 'RESERVED',
      product: { name: product.name, availability: { available: expect.any(Number) } },
    });
    expect((change.data?.inventoryChanged as { cursor: string }).cursor).toMatch(/^\d+-\d+$/);
  });

  it('shows a console an order moving through its states, and after a reconnect exactly what it missed', async () => {
    const sku = stockedSku();
    const placed = await post<{ placeOrder: { order: { id: string; status: string } } }, unknown>(
      mesh.gatewayUrl,
      PLACE,
      { input: orderInput(sku, `e2e-console-${Date.now()}`) },
      auth,
    );
    const orderId = placed.data!.placeOrder.order.id;

    // From the beginning of retention: the placement's transitions, hydrated across orders, catalog and inventory.
    const first = connect();
    const live = watch(first, ORDER_WATCH, { orderId, after: '0-0' });
    const [accepted] = await live.until(1);
    expect(accepted?.data?.orderStatusChanged).toMatchObject({
      from: 'PENDING_VALIDATION',
      to: 'ACCEPTED',
      order: { id: orderId, lines: [{ product: { sku } }] },
    });
    const cursor = (accepted!.data!.orderStatusChanged as { cursor: string }).cursor;
    await first.dispose();

    // Missed while disconnected.
    const released = await post(mesh.gatewayUrl, RELEASE, { id: orderId }, operator);
    expect(released.errors).toBeUndefined();

    const resumed = watch(connect(), ORDER_WATCH, { orderId, after: cursor });
    const [missed] = await resumed.until(1);
    expect(missed?.data?.orderStatusChanged).toMatchObject({
      from: 'ACCEPTED',
      to: 'RELEASED',
      order: { status: 'RELEASED' },
    });
    expect(resumed.results.filter((r) => (r.data?.orderStatusChanged as { cursor: string }).cursor === cursor)).toEqual(
      [],
    );
  });

  it('pushes shipment updates of a released order with the shipment hydrated from shipments and inventory', async () => {
    const sku = stockedSku();
    const placed = await post<{ placeOrder: { order: { id: string } } }, unknown>(
      mesh.gatewayUrl,
      PLACE,
      { input: orderInput(sku, `e2e-ship-${Date.now()}`) },
      auth,
    );
    const orderId = placed.data!.placeOrder.order.id;
    const sub = watch(
      connect(),
      'subscription ($orderId: ID) { shipmentUpdated(orderId: $orderId, after: "0-0") { status shipment { id location { name } order { id } } } }',
      { orderId },
    );
    await post(mesh.gatewayUrl, RELEASE, { id: orderId }, operator);

    const created = await sub.find(() => true);
    expect(created.data?.shipmentUpdated).toMatchObject({
      status: 'PENDING',
      shipment: { order: { id: orderId }, location: { name: expect.any(String) } },
    });
  });
});
