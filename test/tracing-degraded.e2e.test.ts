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
  type Tracing,
} from '@fulfillment-mesh/telemetry';
import { product, shipTo, tinyDataset } from './fixtures.js';
import { eventually, post } from './helpers.js';

/**
 * Issue 14: the trace of an order placed while inventory is down. placeOrder cannot reserve, so the order is
 * recorded PENDING_VALIDATION and handed to the backbone (`orders.order.placed`, whose envelope carries the trace
 * context of its outbox write). When inventory is back, its consumer re-validates the order from that event and
 * reserves, and orders applies the outcome (ACCEPTED) from inventory's event. It is ONE trace, by parent/child,
 * not linked traces: every hop is caused by exactly one event of this order, so the CloudEvents `traceparent` on
 * each envelope makes each delivery a child of the write that created it, however late it runs (span links are
 * for work that batches many causes, which none of these steps does).
 */
let mesh: RunningMesh;
let tracing: Tracing;
let auth: Record<string, string>;
const exporter = new InMemorySpanExporter();

beforeAll(async () => {
  tracing = startTracing({ serviceName: 'degraded-trace-test', exporter })!;
  mesh = await startMesh({
    inMemory: true,
    randomPorts: true,
    rateLimit: false,
    dataset: tinyDataset([product('NUT', '0.20')], { NUT: { 'dc-east': 30 } }),
  });
  auth = await mesh.headersFor('operator');
});
afterAll(async () => {
  await mesh?.close();
  await tracing?.shutdown();
});

const byName = (spans: ReadableSpan[], name: string) => spans.filter((s) => s.name === name);

describe('tracing across degraded mode', () => {
  it('shows placeOrder → PENDING_VALIDATION → re-validation by inventory → reservation → outcome event in one trace', async () => {
    const root = tracer().startSpan('storefront checkout');
    const traceId = root.spanContext().traceId;
    const headers = { ...auth, ...currentTraceContext(trace.setSpan(otelContext.active(), root)) };
    type Placed = { placeOrder: { order: { id: string; status: string } } };
    type Status = { order: { status: string } };

    await mesh.stopSubgraph('inventory');
    const placed = await post<Placed, Record<string, unknown>>(
      mesh.gatewayUrl,
      `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id status } } }`,
      {
        input: {
          channel: 'WEB',
          externalId: 'degraded-1',
          customer: { id: 'c-1', name: 'Acme' },
          shipTo,
          lines: [{ sku: 'NUT', quantity: 3 }],
        },
      },
      headers,
    );
    expect(placed.errors).toBeUndefined();
    const order = placed.data!.placeOrder.order;
    expect(order.status).toBe('PENDING_VALIDATION');

    await mesh.restartSubgraph('inventory');
    await eventually(
      async () =>
        (
          await post<Status, { id: string }>(
            mesh.gatewayUrl,
            'query($id: ID!) { order(id: $id) { status } }',
            { id: order.id },
            auth,
          )
        ).data?.order.status,
      (status) => status === 'ACCEPTED',
    );
    root.end();

    const spans = await eventually(
      async () => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId),
      (list) => byName(list, 'process inventory orders').length > 0,
    );
    const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
    const parentOf = (span: ReadableSpan) => byId.get(span.parentSpanId ?? '');
    for (const span of spans) {
      if (span.spanContext().spanId === root.spanContext().spanId) continue;
      expect(parentOf(span), `${span.name} has its parent in the trace`).toBeDefined();
    }

    // placeOrder: the gateway request, the orders request, and the reservation call that could not reach inventory.
    const request = spans.find((s) => s.kind === SpanKind.SERVER && s.attributes['fm.service'] === 'orders')!;
    expect(request).toBeDefined();
    const failedCall = spans.find(
      (s) => s.kind === SpanKind.CLIENT && s.attributes['fm.callee'] === 'inventory' && s.status.code === 2,
    );
    expect(failedCall, 'the unreachable reserveStock call is in the trace, as an error').toBeDefined();

    // PENDING_VALIDATION handed to the backbone: the outbox write of the placement, below the orders request.
    const handOver = byName(spans, 'outbox write orders').find(
      (s) => s.attributes['fm.event.type'] === 'orders.order.placed',
    );
    expect(handOver, 'the orders.order.placed write').toBeDefined();
    const ancestors = (span: ReadableSpan): ReadableSpan[] => {
      const parent = parentOf(span);
      return parent ? [parent, ...ancestors(parent)] : [];
    };
    expect(ancestors(handOver!)).toContain(request);

    // Re-validation: inventory's delivery of that event (after its restart) is a child of the write ...
    const revalidation = byName(spans, 'process orders inventory').find(
      (s) =>
        s.parentSpanId === handOver!.spanContext().spanId ||
        parentOf(s)?.parentSpanId === handOver!.spanContext().spanId,
    );
    expect(revalidation, 'inventory processes orders.order.placed in the same trace').toBeDefined();
    expect(revalidation!.attributes['cloudevents.event_type']).toBe('orders.order.placed');
    expect(revalidation!.startTime[0] * 1e3 + revalidation!.startTime[1] / 1e6).toBeGreaterThan(
      handOver!.endTime[0] * 1e3 + handOver!.endTime[1] / 1e6,
    );

    // ... the reservation it made is written with its outcome event below that delivery ...
    const reservation = byName(spans, 'outbox write reservations').find((s) => ancestors(s).includes(revalidation!));
    expect(reservation, 'the reservation outbox write below the re-validation').toBeDefined();
    expect(reservation!.attributes['fm.event.type']).toBe('inventory.reservation.confirmed');

    // ... orders applies that outcome event in a delivery below the reservation write, and the order's transition
    // (PENDING_VALIDATION → ACCEPTED) is written with its own event below that delivery.
    const outcome = byName(spans, 'process inventory orders').find(
      (s) => s.parentSpanId === reservation!.spanContext().spanId,
    );
    expect(outcome, 'orders applies the reservation outcome in the same trace').toBeDefined();
    expect(outcome!.attributes['cloudevents.event_type']).toBe('inventory.reservation.confirmed');
    const accepted = byName(spans, 'outbox write orders').find((s) => s.parentSpanId === outcome!.spanContext().spanId);
    expect(accepted?.attributes['fm.event.type']).toBe('orders.order.transitioned');
  });
});
