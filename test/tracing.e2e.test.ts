import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMesh, type RunningMesh } from '@fulfillment-mesh/mesh';
import { currentTraceContext, otelContext, startTracing, trace, tracer, type Span, type Tracing } from '@fulfillment-mesh/telemetry';
import { product, shipTo, tinyDataset } from './fixtures.js';
import { eventually, post } from './helpers.js';

/**
 * One trace across the mesh: a client span wraps placeOrder → releaseOrder → confirmShipment, and every hop —
 * gateway, subgraph fetches, orders → inventory calls, the outbox relay and bus consumers — joins it.
 */
let mesh: RunningMesh;
let auth: Record<string, string>;
let tracing: Tracing;
const exporter = new InMemorySpanExporter();

beforeAll(async () => {
  tracing = startTracing({ serviceName: 'fulfillment-mesh-test', exporter })!;
  mesh = await startMesh({ inMemory: true, randomPorts: true, dataset: tinyDataset([product('BOLT', '0.40')], { BOLT: { 'dc-east': 50 } }) });
  auth = await mesh.headersFor('operator');
});
afterAll(async () => {
  await mesh?.close();
  await tracing?.shutdown();
});

const service = (span: ReadableSpan) => String(span.attributes['fm.service'] ?? '');

describe('distributed tracing', () => {
  it('follows placeOrder → release → confirm through gateway, orders, inventory, shipments and the event backbone in one trace', async () => {
    const root = tracer().startSpan('console session');
    const traceId = root.spanContext().traceId;
    const headers = { ...auth, ...clientTraceHeaders(root) };
    const gql = async (query: string, variables: Record<string, unknown>) => {
      const res = await post<Record<string, any>, Record<string, unknown>>(mesh.gatewayUrl, query, variables, headers);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!;
    };
    const placed = await gql(`mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id lines { lineId } } } }`, {
      input: { channel: 'WEB', externalId: 'trace-1', customer: { id: 'c-1', name: 'Acme' }, shipTo, lines: [{ sku: 'BOLT', quantity: 2 }] },
    });
    const orderId = placed.placeOrder.order.id as string;
    await gql(`mutation($id: ID!) { releaseOrder(id: $id) { status } }`, { id: orderId });
    const shipments = await eventually(
      async () => (await gql(`query($id: ID!) { order(id: $id) { shipments { id lines { lineId quantity } } } }`, { id: orderId })).order.shipments as { id: string; lines: { lineId: string; quantity: number }[] }[],
      (list) => list.length === 1,
    );
    await gql(`mutation($input: ConfirmShipmentInput!) { confirmShipment(input: $input) { shipment { status } } }`, {
      input: { shipmentId: shipments[0]!.id, lines: shipments[0]!.lines, carrier: 'UPS', service: 'Ground', trackingNumber: 'TRACE1' },
    });
    root.end();

    // The shipment was created by the shipments consumer of orders.order.released: a hop through the backbone.
    const spans = await eventually(
      async () => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId),
      (list) => list.some((s) => s.name.startsWith('process orders shipments')) && list.some((s) => s.name.startsWith('process shipments inventory')),
    );
    const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
    for (const span of spans) {
      if (span === byId.get(root.spanContext().spanId)) continue;
      expect(byId.has(span.parentSpanId ?? ''), `${span.name} has its parent in the trace`).toBe(true);
    }
    const services = new Set(spans.map(service).filter(Boolean));
    expect([...services].sort()).toEqual(expect.arrayContaining(['gateway', 'inventory', 'orders', 'shipments']));
    expect(spans.filter((s) => s.name.startsWith('fetch ')).map((s) => s.attributes['fm.subgraph'])).toEqual(expect.arrayContaining(['orders', 'shipments']));

    // release → event → shipment creation: the consumer span's parent is the orders request that wrote the event.
    const consumer = spans.find((s) => s.name.startsWith('process orders shipments'))!;
    const ancestry = (span: ReadableSpan): ReadableSpan[] => {
      const parent = byId.get(span.parentSpanId ?? '');
      return parent ? [parent, ...ancestry(parent)] : [];
    };
    expect(ancestry(consumer).map(service)).toContain('orders');
    expect(ancestry(consumer).some((s) => String(s.attributes['graphql.operation.name'] ?? '').length > 0 || s.name.includes('orders'))).toBe(true);
  });

  it('starts a new trace when the caller sends a malformed traceparent', async () => {
    exporter.reset();
    const res = await post(mesh.gatewayUrl, '{ product(sku: "BOLT") { name } }', {}, { traceparent: '00-not-a-trace-id-01' });
    expect(res.errors).toBeUndefined();
    const gatewaySpan = await eventually(
      async () => exporter.getFinishedSpans().find((s) => service(s) === 'gateway'),
      (s) => s !== undefined,
    );
    expect(gatewaySpan!.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(gatewaySpan!.parentSpanId).toBeUndefined();
  });
});

/** The `traceparent` a client sends when `span` is its current span. */
function clientTraceHeaders(span: Span): Record<string, string> {
  return currentTraceContext(trace.setSpan(otelContext.active(), span)) as Record<string, string>;
}
