import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMesh, type RunningMesh } from '@fulfillment-mesh/mesh';
import { generateDataset, type SeedDataset } from '@fulfillment-mesh/seed-data';
import {
  OrderJourneyDocument,
  OrdersWithEverythingDocument,
  ProductWithAvailabilityDocument,
} from './generated/graphql.js';
import { post } from './helpers.js';

/** The whole mesh (four subgraphs + gateway) on random ports, in-memory stores, a small generated dataset. */
let mesh: RunningMesh;
let dataset: SeedDataset;
let consoleAuth: Record<string, string>;

beforeAll(async () => {
  dataset = generateDataset({ seed: 7, skuCount: 150, orderCount: 80 });
  mesh = await startMesh({ inMemory: true, randomPorts: true, dataset });
  consoleAuth = await mesh.headersFor('console');
});
afterAll(() => mesh?.close());

const availableAt = (p: SeedDataset['positions'][number]) => Math.max(0, p.onHand - p.reserved - p.safetyStock);

describe('the federated graph through the gateway', () => {
  it('serves a product with its price from catalog and live availability from inventory', async () => {
    const product = dataset.products.find(
      (p) => p.status === 'ACTIVE' && dataset.positions.filter((q) => q.sku === p.sku).length >= 2,
    )!;
    const positions = dataset.positions.filter((q) => q.sku === product.sku);
    const res = await post(mesh.gatewayUrl, ProductWithAvailabilityDocument, { sku: product.sku });
    expect(res.errors).toBeUndefined();
    expect(res.data?.product).toMatchObject({
      sku: product.sku,
      name: product.name,
      price: { amount: product.price, currencyCode: 'USD' },
      availability: { available: positions.reduce((sum, p) => sum + availableAt(p), 0) },
    });
    const byLocation = res.data?.product?.availability?.byLocation ?? [];
    expect(byLocation.map((l) => l.location.id).sort()).toEqual(positions.map((p) => p.locationId).sort());
    for (const entry of byLocation) {
      const name = dataset.locations.find((l) => l.id === entry.location.id)?.name;
      expect(entry.location.name).toBe(name);
    }
  });

  it('crosses orders → catalog → inventory → shipments → inventory in one query', async () => {
    const shipped =
      dataset.orders.find((o) => dataset.shipments.filter((s) => s.orderId === o.id).length >= 2) ??
      dataset.orders.find((o) => dataset.shipments.some((s) => s.orderId === o.id))!;
    const shipments = dataset.shipments.filter((s) => s.orderId === shipped.id);
    const res = await post(mesh.gatewayUrl, OrderJourneyDocument, { id: shipped.id }, consoleAuth);
    expect(res.errors).toBeUndefined();
    const order = res.data!.order!;
    expect(order).toMatchObject({
      id: shipped.id,
      channel: shipped.channel,
      externalId: shipped.externalId,
      status: shipped.status,
    });
    expect(order.lines.map((l) => [l.lineId, l.product?.sku, l.quantity])).toEqual(
      shipped.lines.map((l) => [l.lineId, l.sku, l.quantity]),
    );
    for (const line of order.lines) {
      expect(line.product?.name).toBe(dataset.products.find((p) => p.sku === line.product?.sku)!.name);
      expect(line.product?.availability?.available).toBeGreaterThanOrEqual(0);
    }
    expect((order.shipments ?? []).map((s) => [s.id, s.location?.id, s.trackingNumber]).sort()).toEqual(
      shipments.map((s) => [s.id, s.locationId, s.trackingNumber]).sort(),
    );
    for (const s of order.shipments ?? [])
      expect(s.location?.name).toBe(dataset.locations.find((l) => l.id === s.location?.id)!.name);
    expect(order.timeline.at(-1)?.status).toBe(shipped.status);
  });

  it('resolves 50 orders with products, availability and shipments with at most one store query per entity type per subgraph', async () => {
    for (const store of Object.values(mesh.stores)) store.resetCounters();
    const res = await post(mesh.gatewayUrl, OrdersWithEverythingDocument, { first: 50 }, consoleAuth);
    expect(res.errors).toBeUndefined();
    expect(res.data?.orders.nodes).toHaveLength(50);
    const reads = Object.fromEntries(
      Object.entries(mesh.stores).flatMap(([name, store]) =>
        [...store.counters].filter(([op]) => /\.(find|findOne)$/.test(op)).map(([op, n]) => [`${name}:${op}`, n]),
      ),
    );
    // orders: one page query; catalog: one $in for products; inventory: one for positions, one for locations;
    // shipments: one for all 50 orders' shipments.
    for (const [op, n] of Object.entries(reads)) expect({ op, n }).toEqual({ op, n: 1 });
    expect(Object.keys(reads).sort()).toEqual([
      'catalog:products.find',
      'inventory:locations.find',
      'inventory:positions.find',
      'orders:orders.find',
      'shipments:shipments.find',
    ]);
  });
});

describe('bad input through the gateway', () => {
  it('answers an unknown sku with null and NOT_FOUND', async () => {
    const res = await post(mesh.gatewayUrl, ProductWithAvailabilityDocument, { sku: 'NO-SUCH-SKU' });
    expect(res.data?.product).toBeNull();
    expect(res.errors?.[0]).toMatchObject({
      message: 'Product "NO-SUCH-SKU" was not found',
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('answers a malformed query with 400 and GRAPHQL_PARSE_FAILED', async () => {
    const res = await post(mesh.gatewayUrl, '{ product(sku: "x") { name ');
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('answers first: -1 with INVALID_INPUT naming the argument', async () => {
    const res = await post(mesh.gatewayUrl, '{ products(first: -1) { totalCount } }');
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_INPUT', field: 'first' } });
    expect(res.errors?.[0]?.message).toContain('expected a whole number from 1 to 100, received -1');
  });

  it('refuses a 10 MB body with 413 and keeps serving', async () => {
    const huge = JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(10 * 1024 * 1024) } });
    const res = await fetch(mesh.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: huge,
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      'PAYLOAD_TOO_LARGE',
    );
    const after = await post(mesh.gatewayUrl, '{ __typename }');
    expect(after.data).toEqual({ __typename: 'Query' });
  });

  it('refuses a body that is not JSON with 400', async () => {
    const res = await fetch(mesh.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(res.status).toBe(400);
  });
});

describe('operability', () => {
  it('reports liveness and readiness on every service', async () => {
    for (const url of [mesh.gatewayUrl, ...mesh.subgraphs.map((s) => s.url)]) {
      expect((await fetch(new URL('/healthz', url))).status).toBe(200);
      const ready = await fetch(new URL('/readyz', url));
      expect({ url, status: ready.status }).toEqual({ url, status: 200 });
    }
  });

  it('echoes a caller request id and creates one when absent', async () => {
    const res = await post(mesh.gatewayUrl, '{ __typename }', undefined, { 'x-request-id': 'req-e2e-1' });
    expect(res.headers.get('x-request-id')).toBe('req-e2e-1');
    const fresh = await post(mesh.gatewayUrl, '{ __typename }');
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
