import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startMesh } from '@fulfillment-mesh/mesh';
import { generateDataset } from '@fulfillment-mesh/seed-data';
import { post } from './helpers.js';

describe('the embedded default on disk', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fm-e2e-data-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('seeds on first start, keeps the data across a restart, and does not seed twice', async () => {
    const dataset = generateDataset({ seed: 3, skuCount: 50, orderCount: 30 });
    const first = await startMesh({ dataDir, randomPorts: true, dataset });
    expect(first.seeded).toMatchObject({
      catalog: 50,
      inventory: expect.any(Number),
      orders: dataset.orders.length,
      shipments: dataset.shipments.length,
    });
    await first.close();

    const second = await startMesh({ dataDir, randomPorts: true, dataset });
    try {
      expect(second.seeded).toEqual({ catalog: 0, inventory: 0, orders: 0, shipments: 0, operations: 0 });
      const order = dataset.orders[0]!;
      const res = await post(
        second.gatewayUrl,
        `{ order(id: "${order.id}") { externalId lines { product { name } } } products(first: 1) { totalCount } }`,
        undefined,
        await second.headersFor('console'),
      );
      expect(res.errors).toBeUndefined();
      expect(res.data).toMatchObject({ order: { externalId: order.externalId }, products: { totalCount: 50 } });
    } finally {
      await second.close();
    }
  });
});
