import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { product, tinyDataset } from '../fixtures.js';
import { post } from '../helpers.js';
import {
  removeDir,
  seedDataDir,
  startRedis,
  startTopology,
  type PrivateRedis,
  type Topology,
} from './support/index.js';

/**
 * Issue 13 item 5 with separate processes: inventory's process stopped, the storefront query through the gateway
 * still returns every product (name, price) with `availability: null` and one UNAVAILABLE error per product naming
 * the path and the subgraph.
 */
const STOREFRONT = `{ products(first: 5) { nodes { sku name price { amount } availability { available } } } }`;
type Products = {
  products: {
    nodes: { sku: string; name: string; price: { amount: string }; availability: { available: number } | null }[];
  };
};

let redis: PrivateRedis;
let dataDir: string;
let mesh: Topology;

beforeAll(async () => {
  redis = await startRedis();
  const skus = ['FM-PART-1', 'FM-PART-2', 'FM-PART-3'];
  dataDir = await seedDataDir(
    tinyDataset(
      skus.map((sku) => product(sku, '4.00')),
      Object.fromEntries(skus.map((sku) => [sku, { 'dc-east': 7 }])),
    ),
  );
  mesh = await startTopology({ redisUrl: redis.url, dataDir });
});

afterAll(async () => {
  await mesh?.close();
  await redis?.close();
  removeDir(dataDir);
});

describe('inventory stopped', () => {
  it('storefront products keep name and price; availability is null with path, UNAVAILABLE and serviceName', async () => {
    const gateway = mesh.gateways[0]!.url;
    // Availability is not read before the stop: the gateway's entity cache would rightly keep answering what it
    // read while its event tail runs, and this spec is about what the gateway does when it must fetch.
    const before = await post<Products, never>(gateway, STOREFRONT.replace(' availability { available }', ''));
    expect(before.errors).toBeUndefined();
    expect(before.data!.products.nodes.map((p) => p.sku)).toEqual(['FM-PART-1', 'FM-PART-2', 'FM-PART-3']);

    await mesh.subgraphs.inventory.stop('SIGTERM');
    const after = await post<Products, never>(gateway, STOREFRONT);
    expect(after.status).toBe(200);
    expect(after.data!.products.nodes).toEqual(before.data!.products.nodes.map((p) => ({ ...p, availability: null })));
    expect(after.errors).toEqual(
      [0, 1, 2].map((i) => ({
        message: 'The inventory service is unavailable; try again shortly',
        path: ['products', 'nodes', i, 'availability'],
        extensions: { code: 'UNAVAILABLE', serviceName: 'inventory' },
      })),
    );
  });
});
