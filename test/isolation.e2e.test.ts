import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { IDENTITY_HEADER, signRequestIdentity, type Client as MeshClient } from '@fulfillment-mesh/access';
import { startMesh, type RunningMesh } from '@fulfillment-mesh/mesh';
import { generateDataset, type SeedDataset } from '@fulfillment-mesh/seed-data';
import { post } from './helpers.js';
import {
  documentIdOf,
  errorsOf,
  getPersisted,
  postPersisted,
  registerPartnerDocuments,
  sseSubscription,
  type Answer,
} from './support/partner.js';

// Tenant isolation through the gateway of the real mesh, on the default seeded dataset (what `npm start` serves):
// partner cus-10006 (client ready-partner-cus-10006) against another customer's data and ids that do not exist,
// for every partner-reachable field, every partner-callable mutation and every transport.

const ME = 'cus-10006';
const IDENTITY_SECRET = 'isolation-e2e-identity-secret-of-32+-bytes';

const Q = {
  order:
    'query Order($id: ID!) { order(id: $id) { id customer { id } timeline { status } allocations { lines { sku } } provenance { field } returns { id } } }',
  orderByExternalId:
    'query ByExternal($channel: Channel!, $externalId: String!) { orderByExternalId(channel: $channel, externalId: $externalId) { id } }',
  orders: 'query Orders { orders(first: 100) { totalCount nodes { id customer { id } } } }',
  shipment: 'query Shipment($id: ID!) { shipment(id: $id) { id trackingNumber provenance { field } order { id } } }',
  byTracking: 'query ByTracking($number: String!) { shipmentByTrackingNumber(trackingNumber: $number) { id } }',
  reviewerShipments: 'query ReviewerShipments { shipments(first: 100) { nodes { id } } }',
  shipments: 'query Shipments { shipments(first: 100) { totalCount nodes { id order { customer { id } } } } }',
  reservation: 'query Reservation($id: ID!) { reservation(id: $id) { id orderId } }',
  orderShipments: 'query OrderShipments($id: ID!) { order(id: $id) { id shipments { id } } }',
  place:
    'mutation Place($input: PlaceOrderInput!) { placeOrder(input: $input) { created order { id customer { id } } } }',
  cancel: 'mutation Cancel($id: ID!) { cancelOrder(id: $id, reason: "isolation check") { id status } }',
  createReturn:
    'mutation Return($orderId: ID!, $lineId: ID!) { createReturn(orderId: $orderId, lines: [{ lineId: $lineId, quantity: 1 }], reason: "check") { id } }',
  orderEvents: 'subscription OrderEvents { orderStatusChanged(after: "0-0") { orderId to order { customer { id } } } }',
  shipmentEvents:
    'subscription ShipmentEvents { shipmentUpdated(after: "0-0") { orderId shipmentId shipment { id order { customer { id } } } } }',
  oneOrderEvents:
    'subscription OneOrder($orderId: ID!) { orderStatusChanged(orderId: $orderId, after: "0-0") { orderId to } }',
  oneShipmentEvents:
    'subscription OneOrderShipments($orderId: ID!) { shipmentUpdated(orderId: $orderId, after: "0-0") { orderId shipmentId } }',
};

let mesh: RunningMesh;
let dataset: SeedDataset;
let partner: Record<string, string>;
let operator: Record<string, string>;
const sockets: Client[] = [];

const mine = () => dataset.orders.filter((o) => o.customer.id === ME);
const theirs = () => dataset.orders.filter((o) => o.customer.id !== ME);
const shipmentOf = (orders: SeedDataset['orders']) => {
  const ids = new Set(orders.map((o) => o.id));
  return dataset.shipments.find((s) => ids.has(s.orderId) && s.trackingNumber)!;
};
const run = (document: string, variables: Record<string, unknown> = {}) =>
  postPersisted(mesh.gatewayUrl, partner, document, variables);

type Delivered = {
  orderId: string;
  order?: { customer: { id: string } };
  shipment?: { order: { customer: { id: string } } };
};
/** The distinct customers (as hydrated) of the events a subscriber received. */
const customersIn = (results: Answer[], field: string) => [
  ...new Set(
    results.map((r) => r.data?.[field] as Delivered).map((d) => d.order?.customer.id ?? d.shipment?.order.customer.id),
  ),
];
const orderIdsIn = (results: Answer[], field: string) => results.map((r) => (r.data?.[field] as Delivered).orderId);

/** An ACTIVE product with stock at a DC, so a one-unit WEB order is accepted. */
function stockedSku(): string {
  const dcs = new Set(dataset.locations.filter((l) => l.kind === 'DC').map((l) => l.id));
  const active = new Set(dataset.products.filter((p) => p.status === 'ACTIVE').map((p) => p.sku));
  return dataset.positions.find(
    (p) => dcs.has(p.locationId) && active.has(p.sku) && p.onHand - p.reserved - p.safetyStock > 20,
  )!.sku;
}
const orderInput = (customerId: string, externalId: string) => ({
  channel: 'WEB',
  externalId,
  customer: { id: customerId, name: 'Isolation Check' },
  shipTo: {
    name: 'Dock',
    address: { line1: '5 Main St', city: 'Trenton', region: 'NJ', postalCode: '08601', country: 'US' },
  },
  lines: [{ sku: stockedSku(), quantity: 1 }],
});

beforeAll(async () => {
  dataset = generateDataset();
  mesh = await startMesh({ inMemory: true, randomPorts: true, dataset, identitySecret: IDENTITY_SECRET });
  partner = await mesh.headersFor('partner', ME);
  operator = await mesh.headersFor('operator');
  await registerPartnerDocuments(mesh, ME, Object.values(Q));
}, 120_000);
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await mesh?.close();
});

describe("the reviewer's check: partner cus-10006 on the seeded mesh", () => {
  it('lists only its own shipments with a persisted shipments(first: 100) { nodes { id } }', async () => {
    const answer = await run(Q.reviewerShipments);
    expect(answer.errors).toBeUndefined();
    const own = new Set(mine().map((o) => o.id));
    const expected = dataset.shipments
      .filter((s) => own.has(s.orderId))
      .map((s) => s.id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect((answer.data?.shipments as { nodes: { id: string }[] }).nodes.map((n) => n.id).sort()).toEqual(expected);
  });

  it('sees its own customer on every listed shipment, and a total that counts only those', async () => {
    const listed = (await run(Q.shipments)).data?.shipments as {
      totalCount: number;
      nodes: { order: { customer: { id: string } } }[];
    };
    expect(new Set(listed.nodes.map((n) => n.order.customer.id))).toEqual(new Set([ME]));
    expect(listed.totalCount).toBe(listed.nodes.length);
  });

  it('gets no data for a persisted shipment(id) of another customer', async () => {
    const other = shipmentOf(theirs());
    const answer = await run(Q.shipment, { id: other.id });
    expect(answer.data).toEqual({ shipment: null });
    expect(errorsOf(answer)).toEqual([['shipment', 'NOT_FOUND', `Shipment "${other.id}" was not found`]]);
  });
});

describe('the isolation matrix over graphql-ws and SSE: the same answers as over HTTP', () => {
  /** Runs a registered query once over graphql-ws. */
  const overWs = async (document: string, variables: Record<string, unknown>) => {
    const socket = createClient({
      url: mesh.gatewayUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: partner,
    });
    sockets.push(socket);
    return new Promise<Answer>((resolve, reject) => {
      socket.subscribe(
        { query: '', variables, extensions: { documentId: documentIdOf(document) } },
        { next: (v) => resolve(v as Answer), error: reject, complete: () => {} },
      );
    });
  };
  /** Runs a registered query once over GraphQL over SSE (POST body). */
  const overSse = async (document: string, variables: Record<string, unknown>) => {
    const sse = sseSubscription(new URL('/graphql/stream', mesh.gatewayUrl).toString(), partner, {
      method: 'POST',
      params: { documentId: documentIdOf(document), variables },
    });
    const refused = sse.refusal.then((r) => (r.body ? (r.body as Answer) : new Promise<Answer>(() => {})));
    const answer = await Promise.race([sse.find(() => true), refused]);
    sse.close();
    return answer;
  };

  it("order and shipment: own → data; another customer's and unknown → the same NOT_FOUND", async () => {
    const own = { order: mine()[0]!.id, shipment: shipmentOf(mine()).id };
    const other = { order: theirs()[0]!.id, shipment: shipmentOf(theirs()).id };
    for (const [transport, call] of [
      ['graphql-ws', overWs],
      ['sse', overSse],
    ] as const) {
      const ownOrder = await call(Q.order, { id: own.order });
      expect({ transport, data: ownOrder.data }).toMatchObject({
        transport,
        data: { order: { id: own.order, customer: { id: ME } } },
      });
      expect({ transport, errors: errorsOf(await call(Q.order, { id: other.order })) }).toEqual({
        transport,
        errors: [['order', 'NOT_FOUND', `Order "${other.order}" was not found`]],
      });
      expect({ transport, errors: errorsOf(await call(Q.order, { id: 'ord-unknown' })) }).toEqual({
        transport,
        errors: [['order', 'NOT_FOUND', 'Order "ord-unknown" was not found']],
      });
      expect({ transport, data: (await call(Q.shipment, { id: own.shipment })).data }).toMatchObject({
        transport,
        data: { shipment: { id: own.shipment } },
      });
      expect({ transport, errors: errorsOf(await call(Q.shipment, { id: other.shipment })) }).toEqual({
        transport,
        errors: [['shipment', 'NOT_FOUND', `Shipment "${other.shipment}" was not found`]],
      });
      expect({ transport, errors: errorsOf(await call(Q.shipment, { id: 'shp-unknown' })) }).toEqual({
        transport,
        errors: [['shipment', 'NOT_FOUND', 'Shipment "shp-unknown" was not found']],
      });
    }
  });
});

describe("the isolation matrix over HTTP: own → data, another customer's → exactly what an unknown id gets", () => {
  it('order (with timeline, allocations, provenance, returns), orderByExternalId and Order.shipments', async () => {
    const own = mine()[0]!;
    const other = theirs()[0]!;
    expect((await run(Q.order, { id: own.id })).data).toMatchObject({ order: { id: own.id, customer: { id: ME } } });
    expect(errorsOf(await run(Q.order, { id: other.id }))).toEqual([
      ['order', 'NOT_FOUND', `Order "${other.id}" was not found`],
    ]);
    expect(errorsOf(await run(Q.order, { id: 'ord-unknown' }))).toEqual([
      ['order', 'NOT_FOUND', 'Order "ord-unknown" was not found'],
    ]);

    expect((await run(Q.orderByExternalId, { channel: own.channel, externalId: own.externalId })).data).toEqual({
      orderByExternalId: { id: own.id },
    });
    const otherKey = `${other.channel}:${other.externalId}`;
    expect(errorsOf(await run(Q.orderByExternalId, { channel: other.channel, externalId: other.externalId }))).toEqual([
      ['orderByExternalId', 'NOT_FOUND', `Order "${otherKey}" was not found`],
    ]);
    expect(errorsOf(await run(Q.orderByExternalId, { channel: 'WEB', externalId: 'nope' }))).toEqual([
      ['orderByExternalId', 'NOT_FOUND', 'Order "WEB:nope" was not found'],
    ]);

    const ownShipments = dataset.shipments.filter((s) => s.orderId === own.id).map((s) => ({ id: s.id }));
    expect((await run(Q.orderShipments, { id: own.id })).data).toMatchObject({
      order: { id: own.id, shipments: expect.arrayContaining(ownShipments) },
    });
    expect((await run(Q.orderShipments, { id: other.id })).data).toEqual({ order: null });
  });

  it('orders lists only its own, with a total that counts only those', async () => {
    const answer = await run(Q.orders);
    const listed = answer.data?.orders as { totalCount: number; nodes: { customer: { id: string } }[] };
    expect(new Set(listed.nodes.map((n) => n.customer.id))).toEqual(new Set([ME]));
    expect(listed.totalCount).toBe(mine().length);
  });

  it('shipment, shipmentByTrackingNumber and shipments', async () => {
    const own = shipmentOf(mine());
    const other = shipmentOf(theirs());
    expect((await run(Q.shipment, { id: own.id })).data).toMatchObject({
      shipment: { id: own.id, trackingNumber: own.trackingNumber },
    });
    expect(errorsOf(await run(Q.shipment, { id: 'shp-unknown' }))).toEqual([
      ['shipment', 'NOT_FOUND', 'Shipment "shp-unknown" was not found'],
    ]);
    expect((await run(Q.byTracking, { number: own.trackingNumber })).data).toEqual({
      shipmentByTrackingNumber: { id: own.id },
    });
    const byOther = await run(Q.byTracking, { number: other.trackingNumber });
    const byUnknown = await run(Q.byTracking, { number: 'UNKNOWN-1' });
    expect(errorsOf(byOther)).toEqual([
      [
        'shipmentByTrackingNumber',
        'NOT_FOUND',
        `Shipment with tracking number "${other.trackingNumber}" was not found`,
      ],
    ]);
    expect(errorsOf(byUnknown)).toEqual([
      ['shipmentByTrackingNumber', 'NOT_FOUND', 'Shipment with tracking number "UNKNOWN-1" was not found'],
    ]);
  });

  it('placeOrder for itself creates the order; for another customer it is FORBIDDEN and leaves no order and no event', async () => {
    const externalId = `iso-own-${Date.now()}`;
    const placed = await run(Q.place, { input: orderInput(ME, externalId) });
    expect(placed.errors).toBeUndefined();
    expect(placed.data).toMatchObject({ placeOrder: { created: true, order: { customer: { id: ME } } } });

    const foreignId = `iso-foreign-${Date.now()}`;
    const refused = await run(Q.place, { input: orderInput(theirs()[0]!.customer.id, foreignId) });
    expect(refused.data).toBeNull();
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(refused.errors?.[0]?.message).toContain('input.customer.id');
    const lookup = await post(
      mesh.gatewayUrl,
      Q.orderByExternalId,
      { channel: 'WEB', externalId: foreignId },
      operator,
    );
    expect(lookup.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const events = await mesh.bus.read('orders', { count: 10_000 });
    expect(events.filter((r) => (r.envelope.data as { externalId?: string }).externalId === foreignId)).toEqual([]);
  });

  it("reservation: its own order's reservation, another customer's and an unknown one", async () => {
    const externalOwn = `iso-rsv-own-${Date.now()}`;
    const own = (await run(Q.place, { input: orderInput(ME, externalOwn) })).data?.placeOrder as {
      order: { id: string };
    };
    const foreign = await post<{ placeOrder: { order: { id: string } } }, unknown>(
      mesh.gatewayUrl,
      Q.place,
      { input: orderInput(theirs()[0]!.customer.id, `iso-rsv-other-${Date.now()}`) },
      operator,
    );
    const reservations = mesh.stores.inventory.collection<{ _id: string; orderId: string | null }>('reservations');
    const ownRsv = (await reservations.findOne({ orderId: own.order.id }))!;
    const otherRsv = (await reservations.findOne({ orderId: foreign.data!.placeOrder.order.id }))!;
    expect((await run(Q.reservation, { id: ownRsv._id })).data).toEqual({
      reservation: { id: ownRsv._id, orderId: own.order.id },
    });
    expect(errorsOf(await run(Q.reservation, { id: otherRsv._id }))).toEqual([
      ['reservation', 'NOT_FOUND', `Reservation "${otherRsv._id}" was not found`],
    ]);
    expect(errorsOf(await run(Q.reservation, { id: 'rsv-unknown' }))).toEqual([
      ['reservation', 'NOT_FOUND', 'Reservation "rsv-unknown" was not found'],
    ]);
  });

  it("cancelOrder and createReturn on another customer's order answer like an unknown order and change nothing", async () => {
    const other = theirs().find((o) => o.status === 'ACCEPTED' || o.status === 'BACKORDERED') ?? theirs()[0]!;
    const shipped = theirs().find((o) => o.status === 'DELIVERED')!;
    expect(errorsOf(await run(Q.cancel, { id: other.id }))).toEqual([
      ['cancelOrder', 'NOT_FOUND', `Order "${other.id}" was not found`],
    ]);
    expect(errorsOf(await run(Q.cancel, { id: 'ord-unknown' }))).toEqual([
      ['cancelOrder', 'NOT_FOUND', 'Order "ord-unknown" was not found'],
    ]);
    const lineId = shipped.lines[0]!.lineId;
    expect(errorsOf(await run(Q.createReturn, { orderId: shipped.id, lineId }))).toEqual([
      ['createReturn', 'NOT_FOUND', `Order "${shipped.id}" was not found`],
    ]);
    expect(errorsOf(await run(Q.createReturn, { orderId: 'ord-unknown', lineId }))).toEqual([
      ['createReturn', 'NOT_FOUND', 'Order "ord-unknown" was not found'],
    ]);
    const after = await post<{ order: { status: string; returns: unknown[] } }, unknown>(
      mesh.gatewayUrl,
      '{ a: order(id: "' + other.id + '") { status } b: order(id: "' + shipped.id + '") { returns { id } } }',
      undefined,
      operator,
    );
    expect(after.data).toEqual({ a: { status: other.status }, b: { returns: [] } });

    const ownShipped = mine().find((o) => o.status === 'DELIVERED');
    if (ownShipped)
      expect(
        (await run(Q.createReturn, { orderId: ownShipped.id, lineId: ownShipped.lines[0]!.lineId })).errors,
      ).toBeUndefined();
  });
});

describe('persisted-only for partners on every transport', () => {
  it('refuses a raw document over HTTP POST and GET, and serves the registered one over GET', async () => {
    const own = shipmentOf(mine());
    const rawPost = await post(mesh.gatewayUrl, Q.shipment, { id: own.id }, partner);
    expect(rawPost.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_REQUIRED');
    const rawGet = new URL(mesh.gatewayUrl);
    rawGet.searchParams.set('query', Q.shipment);
    rawGet.searchParams.set('variables', JSON.stringify({ id: own.id }));
    const refused = (await (
      await fetch(rawGet, { headers: { accept: 'application/json', ...partner } })
    ).json()) as Answer;
    expect(refused.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_REQUIRED');
    const byId = await getPersisted(mesh.gatewayUrl, partner, Q.shipment, { id: shipmentOf(theirs()).id });
    expect([byId.status, byId.data]).toEqual([200, { shipment: null }]);
  });

  it('refuses a raw subscription over graphql-ws and SSE (body and query string) with PERSISTED_QUERY_REQUIRED, and runs a registered query over graphql-ws', async () => {
    const socket = createClient({
      url: mesh.gatewayUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: partner,
    });
    sockets.push(socket);
    const wsRefusal = await new Promise<unknown>((resolve) => {
      socket.subscribe(
        { query: Q.orderEvents },
        { next: (value) => resolve(value.errors), error: resolve, complete: () => resolve('completed') },
      );
    });
    expect(wsRefusal).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'PERSISTED_QUERY_REQUIRED' }) }),
    ]);

    const own = shipmentOf(mine());
    const byId = await new Promise<Answer>((resolve, reject) => {
      const payload = { query: '', variables: { id: own.id }, extensions: { documentId: documentIdOf(Q.shipment) } };
      socket.subscribe(payload, { next: (value) => resolve(value as Answer), error: reject, complete: () => {} });
    });
    expect(byId.data).toMatchObject({ shipment: { id: own.id, trackingNumber: own.trackingNumber } });

    const stream = new URL('/graphql/stream', mesh.gatewayUrl).toString();
    for (const method of ['POST', 'GET'] as const) {
      const sse = sseSubscription(stream, partner, { method, params: { query: Q.orderEvents } });
      const refusal = await sse.refusal;
      expect({ method, status: refusal.status, code: refusal.body?.errors?.[0]?.extensions?.code }).toEqual({
        method,
        status: 400,
        code: 'PERSISTED_QUERY_REQUIRED',
      });
    }
  });
});

describe("subscriptions deliver a partner only its own customer's events, on graphql-ws and SSE", () => {
  // Another customer's order is placed and released first, then one of the partner's: events are delivered in
  // stream order, so once the partner's own events arrived, any other customer's would already have arrived too.
  let ownOrder: string;
  let otherOrder: string;
  beforeAll(async () => {
    const place = async (customer: string, headers: Record<string, string>, persisted: boolean) => {
      const input = orderInput(customer, `iso-sub-${customer}-${Date.now()}`);
      const answer = persisted
        ? await postPersisted(mesh.gatewayUrl, headers, Q.place, { input })
        : await post(mesh.gatewayUrl, Q.place, { input }, headers);
      return (answer.data as { placeOrder: { order: { id: string } } }).placeOrder.order.id;
    };
    otherOrder = await place(theirs()[0]!.customer.id, operator, false);
    await post(mesh.gatewayUrl, 'mutation ($id: ID!) { releaseOrder(id: $id) { id } }', { id: otherOrder }, operator);
    ownOrder = await place(ME, partner, true);
    await post(mesh.gatewayUrl, 'mutation ($id: ID!) { releaseOrder(id: $id) { id } }', { id: ownOrder }, operator);
  });

  it('over graphql-ws, by documentId', async () => {
    const socket = createClient({
      url: mesh.gatewayUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: partner,
    });
    sockets.push(socket);
    for (const [document, field] of [
      [Q.orderEvents, 'orderStatusChanged'],
      [Q.shipmentEvents, 'shipmentUpdated'],
    ] as const) {
      const seen: Answer[] = [];
      const own = await new Promise<Answer>((resolve, reject) => {
        socket.subscribe(
          { query: '', extensions: { documentId: documentIdOf(document) } },
          {
            next: (value) => {
              seen.push(value as Answer);
              if ((value.data?.[field] as { orderId?: string } | undefined)?.orderId === ownOrder)
                resolve(value as Answer);
            },
            error: reject,
            complete: () => reject(new Error('completed before the own event arrived')),
          },
        );
      });
      expect(own.errors).toBeUndefined();
      expect({
        field,
        customers: customersIn(seen, field),
        sawOther: orderIdsIn(seen, field).includes(otherOrder),
      }).toEqual({ field, customers: [ME], sawOther: false });
    }
  });

  it("by order id: its own order's events; another customer's order and an unknown id get the same: nothing", async () => {
    const socket = createClient({
      url: mesh.gatewayUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: partner,
    });
    sockets.push(socket);
    for (const [document, field] of [
      [Q.oneOrderEvents, 'orderStatusChanged'],
      [Q.oneShipmentEvents, 'shipmentUpdated'],
    ] as const) {
      const received: Record<string, Answer[]> = { other: [], unknown: [] };
      const stops: (() => void)[] = [];
      // Subscribed first, replaying the stream from its start, so they have read past the other order's events
      // (placed before the own order) by the time the own subscription, subscribed last, gets the own order's.
      for (const [label, orderId] of [
        ['other', otherOrder],
        ['unknown', 'ord-unknown'],
      ] as const) {
        stops.push(
          socket.subscribe(
            { query: '', variables: { orderId }, extensions: { documentId: documentIdOf(document) } },
            { next: (v) => void received[label]!.push(v as Answer), error: () => {}, complete: () => {} },
          ),
        );
      }
      const own = await new Promise<Answer>((resolve, reject) => {
        stops.push(
          socket.subscribe(
            { query: '', variables: { orderId: ownOrder }, extensions: { documentId: documentIdOf(document) } },
            { next: (v) => resolve(v as Answer), error: reject, complete: () => {} },
          ),
        );
      });
      stops.forEach((stop) => stop());
      expect({ field, own: (own.data?.[field] as { orderId: string }).orderId }).toEqual({ field, own: ownOrder });
      expect({ field, other: received.other, unknown: received.unknown }).toEqual({ field, other: [], unknown: [] });
    }
  });

  it('over SSE, by documentId in the POST body and in the GET query string', async () => {
    const stream = new URL('/graphql/stream', mesh.gatewayUrl).toString();
    for (const [method, document, field] of [
      ['POST', Q.orderEvents, 'orderStatusChanged'],
      ['GET', Q.shipmentEvents, 'shipmentUpdated'],
    ] as const) {
      const sse = sseSubscription(stream, partner, { method, params: { documentId: documentIdOf(document) } });
      const own = await sse.find((r) => (r.data?.[field] as { orderId?: string } | undefined)?.orderId === ownOrder);
      sse.close();
      expect(own.errors).toBeUndefined();
      const seen = sse.results;
      expect({
        method,
        customers: customersIn(seen, field),
        sawOther: orderIdsIn(seen, field).includes(otherOrder),
      }).toEqual({ method, customers: [ME], sawOther: false });
    }
  });
});

// Last: it places orders of the partner, which the listings above count.
describe("the reviewer's check: exact idempotency and input hygiene for partner cus-10006", () => {
  it('answers placeOrder repeated with the same (channel, externalId) and a changed quantity with CONFLICT naming the field', async () => {
    const input = orderInput(ME, `iso-idem-${Date.now()}`);
    const first = await run(Q.place, { input });
    expect(first.errors).toBeUndefined();
    const same = await run(Q.place, { input });
    expect(same.data).toMatchObject({
      placeOrder: { created: false, order: { id: (first.data?.placeOrder as { order: { id: string } }).order.id } },
    });
    const changed = await run(Q.place, { input: { ...input, lines: [{ ...input.lines[0]!, quantity: 2 }] } });
    expect(changed.data).toBeNull();
    expect(changed.errors?.map((e) => e.extensions?.code)).toEqual(['CONFLICT']);
    expect(changed.errors?.[0]?.message).toContain('lines[0].quantity');
  });

  it('refuses a line quantity of 1e9 and a customer name with \\u0000\\u202e with INVALID_INPUT naming the field', async () => {
    const base = orderInput(ME, `iso-hyg-${Date.now()}`);
    const huge = await run(Q.place, { input: { ...base, lines: [{ ...base.lines[0]!, quantity: 1_000_000_000 }] } });
    expect(huge.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['INVALID_INPUT', expect.stringContaining('input.lines[0].quantity')],
    ]);
    const named = await run(Q.place, {
      input: { ...base, customer: { ...base.customer, name: 'Eve\u0000\u202eCorp' } },
    });
    expect(named.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['INVALID_INPUT', expect.stringContaining('input.customer.name')],
    ]);
    const lookup = await post(
      mesh.gatewayUrl,
      Q.orderByExternalId,
      { channel: 'WEB', externalId: base.externalId },
      operator,
    );
    expect(lookup.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('the identity header is bound to the subgraph it was signed for', () => {
  it('a header signed for orders is refused by shipments (401) and accepted once by orders', async () => {
    const client: MeshClient = {
      id: `ready-partner-${ME}`,
      kind: 'partner',
      partnerId: ME,
      scopes: ['orders:read', 'shipments:read'],
    };
    const requestId = `iso-aud-${Date.now()}`;
    const forOrders = signRequestIdentity(client, { secret: IDENTITY_SECRET, requestId }).next('orders');
    const url = (name: string) => mesh.subgraphs.find((s) => s.name === name)!.url;
    const call = (name: string) =>
      fetch(url(name), {
        method: 'POST',
        headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: forOrders, 'x-request-id': requestId },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
    const atShipments = await call('shipments');
    expect(atShipments.status).toBe(401);
    expect(JSON.stringify(await atShipments.json())).toContain(
      'signed for another service (bad signature for shipments)',
    );
    const atOrders = await call('orders');
    expect([atOrders.status, await atOrders.json()]).toEqual([200, { data: { __typename: 'Query' } }]);
  });
});
