import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEvent, createEventRegistry, defineEvent, type Consumer } from '@fulfillment-mesh/events';
import { startMesh, type RunningMesh } from '@fulfillment-mesh/mesh';
import { product, shipTo, tinyDataset } from './fixtures.js';
import { eventually, post } from './helpers.js';
import { histogramCount, sample, scrape, type MetricFamily } from './prometheus.js';

/**
 * Every business metric of docs/metrics.md moves when its cause happens, read from `GET /metrics` of the service
 * that exports it and parsed as Prometheus text. The ERP is a local stand-in that refuses the first sales-order
 * posting (a real adapter failure) and accepts the retry.
 */
let mesh: RunningMesh;
let auth: Record<string, string>;
let erp: { server: Server; url: string; calls: number };

const urlOf = (name: string) => mesh.subgraphs.find((s) => s.name === name)!.url;
const operations = () => scrape(urlOf('operations'));
const gql = async <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}) => {
  const res = await post<T, Record<string, unknown>>(mesh.gatewayUrl, query, variables, auth);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data as T;
};
const place = (externalId: string, quantity = 1) =>
  gql<{ placeOrder: { order: { id: string; status: string } } }>(
    `mutation PlaceOrder($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id status } } }`,
    {
      input: {
        channel: 'WEB',
        externalId,
        customer: { id: 'c-1', name: 'Acme' },
        shipTo,
        lines: [{ sku: 'CLIP', quantity }],
      },
    },
  );
/** Polls `/metrics` of `read` until `value` of it passes `accept`. */
const until = (
  read: () => Promise<Map<string, MetricFamily>>,
  value: (m: Map<string, MetricFamily>) => number,
  accept: (n: number) => boolean,
  timeoutMs = 15_000,
) => eventually(async () => value(await read()), accept, timeoutMs);

beforeAll(async () => {
  // Refuses the first three calls (one posting run with its in-process retries), then accepts.
  const state = { calls: 0 };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      state.calls += 1;
      if (state.calls <= 3) return void res.writeHead(503).end('ERP maintenance');
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ orderNumber: `SO-${state.calls}`, financialStatus: 'paid', version: 1 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  erp = {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get calls() {
      return state.calls;
    },
  };
  mesh = await startMesh({
    inMemory: true,
    randomPorts: true,
    dataset: tinyDataset([product('CLIP', '0.10')], { CLIP: { 'dc-east': 100 } }),
    adapterEnv: { ERP_URL: erp.url },
  });
  auth = await mesh.headersFor('operator');
});
afterAll(async () => {
  await mesh?.close();
  await new Promise<void>((resolve) => (erp?.server ? erp.server.close(() => resolve()) : resolve()));
});

describe('Prometheus metrics move with what happens in the mesh', () => {
  it('counts a placed order by channel and outcome, its reservation, the request and the subgraph fetch', async () => {
    const [opsBefore, ordersBefore, gatewayBefore] = await Promise.all([
      operations(),
      scrape(urlOf('orders')),
      scrape(mesh.gatewayUrl),
    ]);
    const { order } = (await place('metrics-1')).placeOrder;
    expect(order.status).toBe('ACCEPTED');

    const placed = { channel: 'WEB', outcome: 'ACCEPTED' };
    await until(
      operations,
      (m) => sample(m, 'fm_orders_placed_total', placed),
      (n) => n === sample(opsBefore, 'fm_orders_placed_total', placed) + 1,
    );
    const confirmed = { outcome: 'confirmed' };
    await until(
      operations,
      (m) => sample(m, 'fm_reservations_total', confirmed),
      (n) => n === sample(opsBefore, 'fm_reservations_total', confirmed) + 1,
    );

    const gateway = await scrape(mesh.gatewayUrl);
    const request = { operation: 'PlaceOrder', status: '200' };
    expect(histogramCount(gateway, 'fm_http_request_duration_seconds', request)).toBe(
      histogramCount(gatewayBefore, 'fm_http_request_duration_seconds', request) + 1,
    );
    const fetchOrders = { subgraph: 'orders', status: 'ok' };
    expect(histogramCount(gateway, 'fm_subgraph_fetch_duration_seconds', fetchOrders)).toBeGreaterThan(
      histogramCount(gatewayBefore, 'fm_subgraph_fetch_duration_seconds', fetchOrders),
    );
    const orders = await scrape(urlOf('orders'));
    expect(histogramCount(orders, 'fm_http_request_duration_seconds')).toBeGreaterThan(
      histogramCount(ordersBefore, 'fm_http_request_duration_seconds'),
    );
    expect(orders.get('process_cpu_seconds_total')?.type).toBe('COUNTER');
  });

  it('counts a failed ERP posting as a failure of erp-sales-orders and its retry as a sync', async () => {
    const labels = { adapter: 'erp-sales-orders', direction: 'OUTBOUND' };
    // The first posting (of the order above, or of this one) is refused by the stand-in.
    await place('metrics-2');
    await until(
      operations,
      (m) => sample(m, 'fm_adapter_sync_failures_total', labels),
      (n) => n >= 1,
    );
    await until(
      operations,
      (m) => sample(m, 'fm_adapter_sync_total', labels),
      (n) => n >= 1,
    );
    expect(erp.calls).toBeGreaterThan(3);
  });

  it('observes placed → shipped and placed → delivered in fm_order_fulfillment_seconds', async () => {
    const before = await operations();
    const { order } = (await place('metrics-3')).placeOrder;
    await gql(`mutation($id: ID!) { releaseOrder(id: $id) { status } }`, { id: order.id });
    const shipments = await eventually(
      async () =>
        (
          await gql(`query($id: ID!) { order(id: $id) { shipments { id lines { lineId quantity } } } }`, {
            id: order.id,
          })
        ).order.shipments as { id: string; lines: { lineId: string; quantity: number }[] }[],
      (list) => list.length === 1,
    );
    const shipment = shipments[0]!;
    await gql(`mutation($input: ConfirmShipmentInput!) { confirmShipment(input: $input) { shipment { status } } }`, {
      input: {
        shipmentId: shipment.id,
        lines: shipment.lines,
        carrier: 'UPS',
        service: 'Ground',
        trackingNumber: '1ZMETRICS',
      },
    });
    const shipped = { stage: 'shipped' };
    await until(
      operations,
      (m) => histogramCount(m, 'fm_order_fulfillment_seconds', shipped),
      (n) => n === histogramCount(before, 'fm_order_fulfillment_seconds', shipped) + 1,
    );
    await gql(`mutation($input: RecordTrackingEventInput!) { recordTrackingEvent(input: $input) { status } }`, {
      input: {
        shipmentId: shipment.id,
        status: 'DELIVERED',
        at: new Date().toISOString(),
        location: 'Trenton, NJ',
        description: 'Delivered',
      },
    });
    const delivered = { stage: 'delivered' };
    await until(
      operations,
      (m) => histogramCount(m, 'fm_order_fulfillment_seconds', delivered),
      (n) => n === histogramCount(before, 'fm_order_fulfillment_seconds', delivered) + 1,
    );
  });

  it('shows a consumer group backlog while its consumer is stopped and 0 once it drained', async () => {
    const consume = () =>
      mesh.bus.consume({
        stream: 'orders',
        group: 'metrics-probe',
        consumer: 'probe-1',
        registry: createEventRegistry(),
        follows: () => false,
        handler: () => undefined,
        startFrom: '$',
        blockMs: 200,
      });
    let probe: Consumer = await consume();
    await probe.stop();
    await place('metrics-4');
    const labels = { stream: 'orders', group: 'metrics-probe' };
    await until(
      operations,
      (m) => sample(m, 'fm_event_backlog', labels),
      (n) => n >= 1,
    );
    probe = await consume();
    await until(
      operations,
      (m) => sample(m, 'fm_event_backlog', labels),
      (n) => n === 0,
    );
    await probe.stop();
  });

  it('counts units a count corrected in fm_inventory_drift_units and the open RECONCILIATION_DRIFT exception', async () => {
    const before = await operations();
    await gql(`mutation($input: AdjustInventoryInput!) { adjustInventory(input: $input) { onHand } }`, {
      input: {
        sku: 'CLIP',
        locationId: 'dc-east',
        delta: { onHand: -3 },
        reason: 'COUNTED',
        source: 'wms',
        actor: 'cycle-count',
      },
    });
    const location = { location: 'dc-east' };
    await until(
      operations,
      (m) => sample(m, 'fm_inventory_drift_units', location),
      (n) => n === sample(before, 'fm_inventory_drift_units', location) + 3,
    );
    await until(
      operations,
      (m) => sample(m, 'fm_exceptions_open', { kind: 'RECONCILIATION_DRIFT' }),
      (n) => n === 1,
    );
  });

  it('gauges a dead letter, raises DEAD_LETTER with a growing age, counts its replay and clears both once it is processed', async () => {
    // A consumer group whose handler fails until "fixed": its one event goes straight to dead letters.
    const noted = defineEvent({
      type: 'orders.probe.noted',
      version: 1,
      description: 'test event',
      schema: z.object({ note: z.string() }),
    });
    let fixed = false;
    const consumer = await mesh.bus.consume({
      stream: 'orders',
      group: 'metrics-dlq',
      consumer: 'dlq-1',
      registry: createEventRegistry([noted]),
      startFrom: '$',
      blockMs: 200,
      maxAttempts: 1,
      handler: () => {
        if (!fixed) throw new Error('downstream refused the note');
      },
    });
    const before = await operations();
    const stream = { stream: 'orders' };
    const kind = { kind: 'DEAD_LETTER' };
    await mesh.bus.publish(
      'orders',
      createEvent(noted, { source: '/test', subject: 'note-1', data: { note: 'hello' } }),
    );
    await until(
      operations,
      (m) => sample(m, 'fm_dead_letters', stream),
      (n) => n === sample(before, 'fm_dead_letters', stream) + 1,
    );
    // The sweeper (every 5 s) turns the dead letter into an exception whose age then grows.
    await until(
      operations,
      (m) => sample(m, 'fm_exceptions_open', kind),
      (n) => n === sample(before, 'fm_exceptions_open', kind) + 1,
    );
    const age = await until(
      operations,
      (m) => sample(m, 'fm_exception_age_seconds', kind),
      (n) => n > 0,
    );
    await until(
      operations,
      (m) => sample(m, 'fm_exception_age_seconds', kind),
      (n) => n > age,
    );

    fixed = true;
    const page = await gql<{ deadLetters: { nodes: { id: string; group: string }[] } }>(
      `{ deadLetters(stream: "orders", first: 50) { nodes { id group } } }`,
    );
    const ids = page.deadLetters.nodes.filter((n) => n.group === 'metrics-dlq').map((n) => n.id);
    expect(ids).toHaveLength(1);
    const replay = await gql<{ replayDeadLetters: { replayed: number } }>(
      `mutation($ids: [ID!]!) { replayDeadLetters(stream: "orders", ids: $ids) { replayed } }`,
      { ids },
    );
    expect(replay.replayDeadLetters.replayed).toBe(1);
    await until(
      operations,
      (m) => sample(m, 'fm_replayed_events_total', stream),
      (n) => n === sample(before, 'fm_replayed_events_total', stream) + 1,
    );
    await until(
      operations,
      (m) => sample(m, 'fm_dead_letters', stream),
      (n) => n === sample(before, 'fm_dead_letters', stream),
    );
    await until(
      operations,
      (m) => sample(m, 'fm_exceptions_open', kind),
      (n) => n === sample(before, 'fm_exceptions_open', kind),
    );
    await consumer.stop();
  });
});
