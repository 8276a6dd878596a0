import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMesh, type RunningMesh } from '@fulfillment-mesh/mesh';
import { generateDataset } from '@fulfillment-mesh/seed-data';
import { post } from './helpers.js';

/**
 * Issue 13 item 5: with one subgraph unreachable the gateway answers every field it can. Fields that cross into
 * the missing subgraph are null, each with an error carrying its `path`, `extensions.code: UNAVAILABLE` and
 * `extensions.serviceName`; nothing else of the answer is lost.
 */
const STOREFRONT = `{ products(first: 3) { totalCount nodes { sku name price { amount currencyCode } availability { available } } } }`;
const CONSOLE = `query($id: ID!) { order(id: $id) { id status lines { quantity product { name } } shipments { id status } } }`;

type Products = {
  products: {
    totalCount: number;
    nodes: { sku: string; name: string; price: { amount: string }; availability: { available: number } | null }[];
  };
};
type OrderView = {
  order: {
    id: string;
    status: string;
    lines: { quantity: number; product: { name: string } | null }[];
    shipments: { id: string }[] | null;
  };
};

const dataset = generateDataset({ seed: 7, skuCount: 20, orderCount: 12 });
const shipped = dataset.shipments[0]!.orderId;

describe('a subgraph down', () => {
  let mesh: RunningMesh;
  let storefront: Record<string, string>;
  let console: Record<string, string>;

  beforeAll(async () => {
    // The entity cache would (rightly) keep answering availability it read before inventory stopped — its entries
    // stay valid while the event tail runs. These specs are about what the gateway does when it must fetch.
    mesh = await startMesh({
      inMemory: true,
      randomPorts: true,
      dataset,
      rateLimit: false,
      readPath: { entityCache: false },
    });
    storefront = await mesh.headersFor('storefront');
    console = await mesh.headersFor('console');
  });
  afterAll(() => mesh?.close());

  it('storefront with inventory stopped: every product with name and price, availability null with UNAVAILABLE errors at each path', async () => {
    const before = await post<Products, never>(mesh.gatewayUrl, STOREFRONT, undefined, storefront);
    expect(before.errors).toBeUndefined();
    expect(before.data!.products.nodes.every((p) => typeof p.availability?.available === 'number')).toBe(true);

    await mesh.stopSubgraph('inventory');
    const after = await post<Products, never>(mesh.gatewayUrl, STOREFRONT, undefined, storefront);
    expect(after.status).toBe(200);
    expect(after.data!.products).toEqual({
      totalCount: before.data!.products.totalCount,
      nodes: before.data!.products.nodes.map((p) => ({ ...p, availability: null })),
    });
    expect(after.errors).toEqual(
      [0, 1, 2].map((i) => ({
        message: 'The inventory service is unavailable; try again shortly',
        path: ['products', 'nodes', i, 'availability'],
        extensions: { code: 'UNAVAILABLE', serviceName: 'inventory' },
      })),
    );
  });

  it('console order with shipments stopped: the order and its lines, shipments null with an error naming shipments', async () => {
    const before = await post<OrderView, { id: string }>(mesh.gatewayUrl, CONSOLE, { id: shipped }, console);
    expect(before.errors).toBeUndefined();
    expect(before.data!.order.shipments!.length).toBeGreaterThan(0);

    await mesh.stopSubgraph('shipments');
    const after = await post<OrderView, { id: string }>(mesh.gatewayUrl, CONSOLE, { id: shipped }, console);
    expect(after.data).toEqual({ order: { ...before.data!.order, shipments: null } });
    expect(after.errors).toEqual([
      {
        message: 'The shipments service is unavailable; try again shortly',
        path: ['order', 'shipments'],
        extensions: { code: 'UNAVAILABLE', serviceName: 'shipments' },
      },
    ]);
  });

  it('a nullable root field of the stopped subgraph is null with its own error; the other root fields still answer', async () => {
    const id = dataset.locations[0]!.id;
    const res = await post<{ location: unknown; products: { totalCount: number } }, never>(
      mesh.gatewayUrl,
      `{ products(first: 1) { totalCount } location(id: "${id}") { id name } }`,
      undefined,
      storefront,
    );
    expect(res.data).toEqual({ products: { totalCount: 20 }, location: null });
    expect(res.errors).toMatchObject([
      { path: ['location'], extensions: { code: 'UNAVAILABLE', serviceName: 'inventory' } },
    ]);
  });
});
