import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMesh, type RunningMesh } from '@fulfillment-mesh/mesh';
import {
  currentTraceContext,
  otelContext,
  startTracing,
  trace,
  tracer,
  type Span,
  type Tracing,
} from '@fulfillment-mesh/telemetry';
import { product, shipTo, tinyDataset } from './fixtures.js';
import { eventually, post } from './helpers.js';

/**
 * One trace across the mesh: a client span wraps placeOrder → releaseOrder → confirmShipment, and every hop —
 * gateway, subgraph fetches, orders → inventory calls, the outbox write, the relay, bus consumers and the ERP
 * adapter's calls out — joins it. The ERP is a local stand-in that refuses the first posting run of order
 * `trace-erp` (three calls), so that posting is retried by the backbone within the same trace.
 */
let mesh: RunningMesh;
let auth: Record<string, string>;
let tracing: Tracing;
const exporter = new InMemorySpanExporter();
let erp: Server;
const erpCalls: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  tracing = startTracing({ serviceName: 'fulfillment-mesh-test', exporter })!;
  erp = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (!body.includes('trace-erp'))
        return void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"orderNumber":"SO-1","version":1}');
      erpCalls.push(req.headers);
      if (erpCalls.length <= 3) return void res.writeHead(503).end('ERP maintenance');
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ orderNumber: `SO-${erpCalls.length}`, financialStatus: 'paid', version: 1 }));
    });
  });
  await new Promise<void>((resolve) => erp.listen(0, '127.0.0.1', resolve));
  const erpUrl = `http://127.0.0.1:${(erp.address() as AddressInfo).port}`;
  mesh = await startMesh({
    inMemory: true,
    randomPorts: true,
    dataset: tinyDataset([product('BOLT', '0.40')], { BOLT: { 'dc-east': 50 } }),
    adapterEnv: { ERP_URL: erpUrl },
  });
  auth = await mesh.headersFor('operator');
});
afterAll(async () => {
  await mesh?.close();
  await new Promise<void>((resolve) => (erp ? erp.close(() => resolve()) : resolve()));
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
    const placed = await gql(
      `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id lines { lineId } } } }`,
      {
        input: {
          channel: 'WEB',
          externalId: 'trace-1',
          customer: { id: 'c-1', name: 'Acme' },
          shipTo,
          lines: [{ sku: 'BOLT', quantity: 2 }],
        },
      },
    );
    const orderId = placed.placeOrder.order.id as string;
    await gql(`mutation($id: ID!) { releaseOrder(id: $id) { status } }`, { id: orderId });
    const shipments = await eventually(
      async () =>
        (
          await gql(`query($id: ID!) { order(id: $id) { shipments { id lines { lineId quantity } } } }`, {
            id: orderId,
          })
        ).order.shipments as { id: string; lines: { lineId: string; quantity: number }[] }[],
      (list) => list.length === 1,
    );
    await gql(`mutation($input: ConfirmShipmentInput!) { confirmShipment(input: $input) { shipment { status } } }`, {
      input: {
        shipmentId: shipments[0]!.id,
        lines: shipments[0]!.lines,
        carrier: 'UPS',
        service: 'Ground',
        trackingNumber: 'TRACE1',
      },
    });
    root.end();

    // The shipment was created by the shipments consumer of orders.order.released: a hop through the backbone.
    const spans = await eventually(
      async () => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId),
      (list) =>
        list.some((s) => s.name.startsWith('process orders shipments')) &&
        list.some((s) => s.name.startsWith('process shipments inventory')),
    );
    const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
    for (const span of spans) {
      if (span === byId.get(root.spanContext().spanId)) continue;
      expect(byId.has(span.parentSpanId ?? ''), `${span.name} has its parent in the trace`).toBe(true);
    }
    const services = new Set(spans.map(service).filter(Boolean));
    expect([...services].sort()).toEqual(expect.arrayContaining(['gateway', 'inventory', 'orders', 'shipments']));
    expect(spans.filter((s) => s.name.startsWith('fetch ')).map((s) => s.attributes['fm.subgraph'])).toEqual(
      expect.arrayContaining(['orders', 'shipments']),
    );

    // release → event → shipment creation: the consumer span's parent is the orders request that wrote the event.
    const consumer = spans.find((s) => s.name.startsWith('process orders shipments'))!;
    const ancestry = (span: ReadableSpan): ReadableSpan[] => {
      const parent = byId.get(span.parentSpanId ?? '');
      return parent ? [parent, ...ancestry(parent)] : [];
    };
    expect(ancestry(consumer).map(service)).toContain('orders');
    expect(
      ancestry(consumer).some(
        (s) => String(s.attributes['graphql.operation.name'] ?? '').length > 0 || s.name.includes('orders'),
      ),
    ).toBe(true);

    // The event was created by the outbox write of the release (messaging "create", whose context the envelope
    // carries): the relay's publish and every consumer's processing are its children.
    const write = byId.get(consumer.parentSpanId ?? '')!;
    expect(write.name).toBe('outbox write orders');
    expect(write.kind).toBe(SpanKind.PRODUCER);
    expect(write.attributes).toMatchObject({ 'messaging.operation.type': 'create', 'db.collection.name': 'orders' });
    expect(ancestry(write).map(service)).toContain('orders');
    const sends = spans.filter((s) => s.parentSpanId === write.spanContext().spanId && s.name === 'send orders');
    expect(sends.length).toBe(write.attributes['messaging.batch.message_count']);
    expect(sends.every((s) => s.kind === SpanKind.PRODUCER)).toBe(true);
  });

  it('keeps the ERP posting, its failed calls and the backbone retry in the trace of the placement', async () => {
    const root = tracer().startSpan('storefront checkout');
    const traceId = root.spanContext().traceId;
    const res = await post(
      mesh.gatewayUrl,
      `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } } }`,
      {
        input: {
          channel: 'WEB',
          externalId: 'trace-erp',
          customer: { id: 'c-1', name: 'Acme' },
          shipTo,
          lines: [{ sku: 'BOLT', quantity: 1 }],
        },
      },
      { ...auth, ...clientTraceHeaders(root) },
    );
    root.end();
    expect(res.errors).toBeUndefined();
    const inTrace = () => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    // Three refused calls in the first run, one accepted call in the run the backbone retried.
    const spans = await eventually(
      async () => inTrace(),
      (list) => list.filter((s) => s.name === 'POST' && s.attributes['http.response.status_code'] === 200).length === 1,
      15_000,
    );
    const calls = spans.filter((s) => s.name === 'POST' && String(s.attributes['url.full']).endsWith('/sales-orders'));
    expect(calls.map((s) => s.attributes['http.response.status_code'])).toEqual([503, 503, 503, 200]);
    expect(calls.every((s) => s.kind === SpanKind.CLIENT && s.attributes['http.request.method'] === 'POST')).toBe(true);
    const runs = spans.filter((s) => s.name === 'process orders orders.erp');
    expect(runs).toHaveLength(2);
    expect(runs[0]!.status.code).toBe(2); // ERROR: the first run threw, so the backbone retried it
    expect(runs[0]!.parentSpanId).toBe(runs[1]!.parentSpanId); // both deliveries of the one published event
    const attempts = spans.filter((s) => s.name === 'erp-sales-orders send');
    expect(attempts.map((s) => s.attributes['fm.adapter.attempt'])).toEqual([1, 2, 3, 1]);
    // The ERP received the trace context on every call.
    const received = erpCalls.slice(-4).map((h) => String(h.traceparent ?? '').split('-')[1]);
    expect(received).toEqual([traceId, traceId, traceId, traceId]);
  });

  it('starts a new trace when the caller sends a malformed traceparent', async () => {
    exporter.reset();
    const res = await post(
      mesh.gatewayUrl,
      '{ product(sku: "BOLT") { name } }',
      {},
      { traceparent: '00-not-a-trace-id-01' },
    );
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
