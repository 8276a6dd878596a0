import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMesh, type RunningMesh } from '@fulfillment-mesh/mesh';
import { product, shipTo, tinyDataset } from './fixtures.js';
import { post } from './helpers.js';

/**
 * Overselling under concurrency, through the gateway: 500 concurrent placeOrder calls for one SKU holding 50
 * units over three locations must reserve exactly 50 and leave every position consistent.
 */
let mesh: RunningMesh;
let auth: Record<string, string>;
beforeAll(async () => {
  const dataset = tinyDataset([product('HOT', '9.99')], { HOT: { 'dc-east': 20, 'dc-central': 20, 'dc-west': 10 } });
  mesh = await startMesh({ inMemory: true, randomPorts: true, dataset, rateLimit: false });
  auth = await mesh.headersFor('operator');
});
afterAll(() => mesh?.close());

const PLACE = `mutation($input: PlaceOrderInput!, $key: String) { placeOrder(input: $input, idempotencyKey: $key) { created order { id status } } }`;
const input = (externalId: string) => ({
  channel: 'STORE',
  externalId,
  customer: { id: 'c-9', name: 'Rush Buyer' },
  shipTo,
  lines: [{ sku: 'HOT', quantity: 1 }],
});

describe('placeOrder under contention', () => {
  it('reserves exactly the 50 units on hand for 500 concurrent orders, and never oversells', async () => {
    const results = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        post<{ placeOrder: { order: { status: string } } }, Record<string, unknown>>(
          mesh.gatewayUrl,
          PLACE,
          { input: input(`rush-${i}`) },
          auth,
        ),
      ),
    );
    const errors = results.filter((r) => r.errors);
    expect(errors.map((r) => r.errors?.[0]?.message)).toEqual([]);
    const statuses = results.map((r) => r.data!.placeOrder.order.status);
    expect(statuses.filter((s) => s === 'ACCEPTED')).toHaveLength(50);
    expect(statuses.filter((s) => s === 'REJECTED')).toHaveLength(450);

    const res = await post<
      { product: { positions: { onHand: number; reserved: number; available: number }[] } },
      Record<string, unknown>
    >(mesh.gatewayUrl, '{ product(sku: "HOT") { positions { onHand reserved available } } }', {}, auth);
    const positions = res.data!.product.positions;
    expect(positions.reduce((sum, p) => sum + p.reserved, 0)).toBe(50);
    for (const p of positions) {
      expect(p.reserved).toBeGreaterThanOrEqual(0);
      expect(p.available).toBeGreaterThanOrEqual(0);
      expect(p.onHand).toBeGreaterThanOrEqual(p.reserved);
    }
  }, 120_000); // a bounded load test: 500 requests through five services on a 2-core machine

  it('turns 20 concurrent submissions of one order into one order', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        post<{ placeOrder: { created: boolean; order: { id: string } } }, Record<string, unknown>>(
          mesh.gatewayUrl,
          PLACE,
          { input: input('dup-1'), key: 'key-dup-1' },
          auth,
        ),
      ),
    );
    expect(results.filter((r) => r.errors)).toEqual([]);
    expect(new Set(results.map((r) => r.data!.placeOrder.order.id)).size).toBe(1);
    expect(results.filter((r) => r.data!.placeOrder.created)).toHaveLength(1);
  });
});
