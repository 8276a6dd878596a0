import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMesh, type RunningMesh } from '@fulfillment-mesh/mesh';
import { product, tinyDataset } from '../fixtures.js';
import { post } from '../helpers.js';
import { startRedis, waitFor, type PrivateRedis } from './support/index.js';

/** `npm start` with REDIS_URL (the all-in-one, here in this process) while its Redis goes away and comes back. */
let redis: PrivateRedis;
let mesh: RunningMesh;
beforeAll(async () => {
  redis = await startRedis({ persist: true });
  const dataset = tinyDataset([product('A1', '5.00')], { A1: { 'dc-east': 7 } });
  mesh = await startMesh({ inMemory: true, randomPorts: true, redisUrl: redis.url, dataset });
});
afterAll(async () => {
  await mesh?.close();
  await redis?.close();
});

const readyz = async () => {
  const res = await fetch(new URL('/readyz', mesh.gatewayUrl));
  return { status: res.status, body: (await res.json()) as { reason?: string; down?: string[] } };
};

it('keeps answering storefront queries while Redis is down and is ready again soon after it returns', async () => {
  expect((await readyz()).status).toBe(200);
  await redis.kill();
  const down = await waitFor('gateway /readyz 503', async () => (await readyz()).status === 503, 10_000).then(readyz);
  expect(down.body).toMatchObject({ down: ['redis'] });
  expect(down.body.reason).toMatch(/redis unavailable/);
  const res = await post(mesh.gatewayUrl, '{ product(sku: "A1") { name availability { available } } }');
  expect(res.errors).toBeUndefined();
  expect(res.data).toEqual({ product: { name: 'Item A1', availability: { available: 7 } } });

  await redis.start();
  await waitFor('gateway /readyz 200', async () => (await readyz()).status === 200, 30_000);
});
