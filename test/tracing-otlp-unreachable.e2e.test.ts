import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMesh, type RunningMesh } from '@fulfillment-mesh/mesh';
import { startTracing, type Tracing } from '@fulfillment-mesh/telemetry';
import { product, shipTo, tinyDataset } from './fixtures.js';
import { post } from './helpers.js';

/**
 * Tracing on, pointed at a collector that is not there (a port nothing listens on): requests still succeed, and
 * stopping the exporter still returns. Spans are batched and dropped when they cannot be sent.
 */
let mesh: RunningMesh;
let tracing: Tracing | undefined;
let auth: Record<string, string>;

/** A port that was free a moment ago and that nothing listens on now. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  const endpoint = `http://127.0.0.1:${await closedPort()}`;
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
  // Export at once instead of after the default 5 s, so the failed exports happen while requests run.
  process.env.OTEL_BSP_SCHEDULE_DELAY = '10';
  process.env.OTEL_BSP_MAX_EXPORT_BATCH_SIZE = '8';
  tracing = startTracing({ serviceName: 'otlp-unreachable-test' });
  mesh = await startMesh({
    inMemory: true,
    randomPorts: true,
    dataset: tinyDataset([product('PIN', '0.05')], { PIN: { 'dc-east': 100 } }),
  });
  auth = await mesh.headersFor('operator');
});
afterAll(async () => {
  await mesh?.close();
  await tracing?.shutdown();
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  delete process.env.OTEL_BSP_SCHEDULE_DELAY;
  delete process.env.OTEL_BSP_MAX_EXPORT_BATCH_SIZE;
});

describe('an unreachable OTLP endpoint', () => {
  it('turns tracing on from OTEL_EXPORTER_OTLP_ENDPOINT', () => {
    expect(tracing).toBeDefined();
  });

  it('never fails requests: reads and writes succeed while every export is refused', async () => {
    for (let i = 0; i < 20; i++) {
      const read = await post<{ product: { name: string } }, Record<string, unknown>>(
        mesh.gatewayUrl,
        '{ product(sku: "PIN") { name } }',
        {},
      );
      expect(read.status).toBe(200);
      expect(read.errors).toBeUndefined();
      expect(read.data?.product.name).toBe('Item PIN');
    }
    const placed = await post<{ placeOrder: { order: { status: string } } }, Record<string, unknown>>(
      mesh.gatewayUrl,
      `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { status } } }`,
      {
        input: {
          channel: 'WEB',
          externalId: 'otlp-down-1',
          customer: { id: 'c-1', name: 'Acme' },
          shipTo,
          lines: [{ sku: 'PIN', quantity: 2 }],
        },
      },
      auth,
    );
    expect(placed.errors).toBeUndefined();
    expect(placed.data?.placeOrder.order.status).toBe('ACCEPTED');
  });

  it('flushes (dropping what it cannot send) without hanging, and keeps serving', async () => {
    // The flush settles (the SDK reports the refused export by rejecting when spans were pending); it never hangs.
    const settled = await tracing!.provider.forceFlush().then(
      () => 'flushed',
      (error: unknown) => (String(error).includes('ECONNREFUSED') ? 'dropped' : `failed: ${String(error)}`),
    );
    expect(['flushed', 'dropped']).toContain(settled);
    const again = await post(mesh.gatewayUrl, '{ product(sku: "PIN") { sku } }', {});
    expect(again.errors).toBeUndefined();
  });
});
