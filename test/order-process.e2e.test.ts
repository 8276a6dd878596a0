import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMesh, type RunningMesh } from '@fulfillment-mesh/mesh';
import { product, shipTo, tinyDataset } from './fixtures.js';
import { eventually, post } from './helpers.js';

/**
 * The order-to-delivery story through the gateway, on the whole mesh with the in-process event bus:
 * place → release (split over two locations) → ship part → ship the rest → deliver → return with restock,
 * checking inventory and order status at each step.
 */
let mesh: RunningMesh;
let auth: Record<string, string>;
const gql = async <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}) => {
  const res = await post<T, Record<string, unknown>>(mesh.gatewayUrl, query, variables, auth);
  if (res.errors) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
  return res.data as T;
};

beforeAll(async () => {
  // BOLT only in the east, NUT only in the west: an order for both must split over two locations.
  const dataset = tinyDataset([product('BOLT', '0.40'), product('NUT', '0.10')], {
    BOLT: { 'dc-east': 100 },
    NUT: { 'dc-west': 80 },
  });
  mesh = await startMesh({ inMemory: true, randomPorts: true, dataset });
  auth = await mesh.headersFor('operator');
});
afterAll(() => mesh?.close());

const position = async (sku: string, locationId: string) =>
  (
    await gql<{ inventoryPosition: { onHand: number; reserved: number; available: number } }>(
      `query($sku: ID!, $loc: ID!) { inventoryPosition(sku: $sku, locationId: $loc) { onHand reserved available } }`,
      { sku, loc: locationId },
    )
  ).inventoryPosition;

const orderView = async (id: string) =>
  (
    await gql<{
      order: {
        status: string;
        shipments: {
          id: string;
          status: string;
          location: { id: string };
          lines: { lineId: string; quantity: number }[];
        }[];
        timeline: { status: string }[];
      };
    }>(
      `query($id: ID!) { order(id: $id) { status timeline { status } shipments { id status location { id } lines { lineId quantity } } } }`,
      { id },
    )
  ).order;

describe('order to delivery through the gateway', () => {
  it('places, splits, ships in parts, delivers and restocks a return', async () => {
    const placed = await gql<{
      placeOrder: { created: boolean; order: { id: string; status: string; lines: { lineId: string }[] } };
    }>(
      `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { created order { id status lines { lineId } } } }`,
      {
        input: {
          channel: 'WEB',
          externalId: 'story-1',
          customer: { id: 'c-1', name: 'Acme Co' },
          shipTo,
          lines: [
            { sku: 'BOLT', quantity: 30 },
            { sku: 'NUT', quantity: 20 },
          ],
        },
      },
    );
    const orderId = placed.placeOrder.order.id;
    expect(placed.placeOrder).toMatchObject({ created: true, order: { status: 'ACCEPTED' } });
    expect(await position('BOLT', 'dc-east')).toEqual({ onHand: 100, reserved: 30, available: 70 });
    expect(await position('NUT', 'dc-west')).toEqual({ onHand: 80, reserved: 20, available: 60 });

    await gql(`mutation($id: ID!) { releaseOrder(id: $id) { status } }`, { id: orderId });
    const released = await eventually(
      () => orderView(orderId),
      (o) => o.shipments.length === 2,
    );
    expect(released.status).toBe('RELEASED');
    expect(released.shipments.map((s) => s.location.id).sort()).toEqual(['dc-east', 'dc-west']);

    const east = released.shipments.find((s) => s.location.id === 'dc-east')!;
    const west = released.shipments.find((s) => s.location.id === 'dc-west')!;
    const confirm = (s: typeof east, tracking: string) =>
      gql(`mutation($input: ConfirmShipmentInput!) { confirmShipment(input: $input) { shipment { status } } }`, {
        input: {
          shipmentId: s.id,
          lines: s.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
          carrier: 'UPS',
          service: 'Ground',
          trackingNumber: tracking,
        },
      });

    await confirm(east, '1ZSTORY0001');
    await eventually(
      () => orderView(orderId),
      (o) => o.status === 'PARTIALLY_SHIPPED',
    );
    await eventually(
      () => position('BOLT', 'dc-east'),
      (p) => p.onHand === 70 && p.reserved === 0,
    );
    expect(await position('NUT', 'dc-west')).toMatchObject({ onHand: 80, reserved: 20 });

    await confirm(west, '1ZSTORY0002');
    await eventually(
      () => orderView(orderId),
      (o) => o.status === 'SHIPPED',
    );
    await eventually(
      () => position('NUT', 'dc-west'),
      (p) => p.onHand === 60 && p.reserved === 0,
    );

    for (const s of [east, west]) {
      await gql(`mutation($input: RecordTrackingEventInput!) { recordTrackingEvent(input: $input) { status } }`, {
        input: {
          shipmentId: s.id,
          status: 'DELIVERED',
          at: new Date().toISOString(),
          location: 'Trenton, NJ',
          description: 'Delivered to dock',
        },
      });
    }
    const delivered = await eventually(
      () => orderView(orderId),
      (o) => o.status === 'DELIVERED',
    );
    expect(delivered.timeline.map((t) => t.status)).toEqual(
      expect.arrayContaining(['ACCEPTED', 'RELEASED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED']),
    );

    const boltLine = placed.placeOrder.order.lines[0]!.lineId;
    const rma = await gql<{ createReturn: { id: string } }>(
      `mutation($id: ID!, $lines: [ReturnLineInput!]!) { createReturn(orderId: $id, lines: $lines, reason: "wrong size") { id } }`,
      { id: orderId, lines: [{ lineId: boltLine, quantity: 5 }] },
    );
    await eventually(
      () => orderView(orderId),
      (o) => o.status === 'RETURN_REQUESTED',
    );
    await gql(
      `mutation($id: ID!, $lines: [ReceiveReturnLineInput!]!) { receiveReturn(returnId: $id, locationId: "dc-east", lines: $lines) { id } }`,
      {
        id: rma.createReturn.id,
        lines: [{ lineId: boltLine, quantity: 5, disposition: 'RESTOCK' }],
      },
    );
    await eventually(
      () => orderView(orderId),
      (o) => o.status === 'RETURNED',
    );
    await eventually(
      () => position('BOLT', 'dc-east'),
      (p) => p.onHand === 75 && p.available === 75,
    );
  });

  it('refuses an illegal transition with CONFLICT naming both states', async () => {
    const placed = await gql<{ placeOrder: { order: { id: string } } }>(
      `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } } }`,
      {
        input: {
          channel: 'WEB',
          externalId: 'story-2',
          customer: { id: 'c-1', name: 'Acme Co' },
          shipTo,
          lines: [{ sku: 'BOLT', quantity: 1 }],
        },
      },
    );
    const id = placed.placeOrder.order.id;
    await gql(`mutation($id: ID!) { cancelOrder(id: $id, reason: "customer changed mind") { status } }`, { id });
    const res = await post(mesh.gatewayUrl, `mutation($id: ID!) { releaseOrder(id: $id) { status } }`, { id }, auth);
    expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(res.errors?.[0]?.message).toMatch(/CANCELLED/);
    await eventually(
      () => position('BOLT', 'dc-east'),
      (p) => p.reserved === 0,
    );
  });
});
