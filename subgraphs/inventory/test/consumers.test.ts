import { afterEach, describe, expect, it } from 'vitest';
import { createEvent, type EventDefinition } from '@fulfillment-mesh/events';
import { orderCancelled, orderPlaced, returnReceived, shipmentConfirmed } from '../src/events/contracts.js';
import { expectConsistent, harness, request, stocked } from './harness.js';

let env: Awaited<ReturnType<typeof harness>>;
afterEach(() => env?.close());

const meta = { stream: 'x', group: 'inventory', consumer: 'test', entryId: '0-1', attempt: 1, previousAttempts: [] };
const event = (def: EventDefinition, subject: string, data: unknown) =>
  createEvent(def, { source: '/subgraphs/test', subject, data });
const shipped = (
  shipmentId: string,
  reservationId: string | null,
  locationId: string,
  lines: Array<[string, string, number]>,
) =>
  event(shipmentConfirmed, shipmentId, {
    shipmentId,
    orderId: 'order-k1',
    locationId,
    reservationId,
    carrier: 'UPS',
    service: 'GROUND',
    trackingNumber: '1Z',
    lines: lines.map(([lineId, sku, quantity]) => ({ lineId, sku, quantity })),
  });

/** Polls `check` until it stops throwing, for at most `ms`. */
async function eventually(check: () => Promise<void>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

describe('shipments.shipment.confirmed', () => {
  it('commits partial shipments: onHand and reserved both drop, then the reservation is COMMITTED', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 10 }) });
    const { reservation } = await env.reserve(request('k1', [['L1', 'A', 5]]));
    await env.services.handlers.shipments(shipped('S1', reservation._id, 'DC-EAST', [['L1', 'A', 2]]), meta);
    expect(await env.position('A@DC-EAST')).toMatchObject({ onHand: 8, reserved: 3, holds: { [reservation._id]: 3 } });
    expect((await env.reservation(reservation._id)).status).toBe('PARTIALLY_COMMITTED');
    await env.services.handlers.shipments(shipped('S2', reservation._id, 'DC-EAST', [['L1', 'A', 3]]), meta);
    expect(await env.position('A@DC-EAST')).toMatchObject({ onHand: 5, reserved: 0, holds: {} });
    expect((await env.reservation(reservation._id)).status).toBe('COMMITTED');
    const committed = (await env.events())
      .filter((e) => e.type === 'inventory.reservation.committed')
      .map((e) => e.data);
    expect(committed).toEqual([
      {
        reservationId: reservation._id,
        orderId: 'order-k1',
        shipmentId: 'S1',
        lines: [{ lineId: 'L1', sku: 'A', locationId: 'DC-EAST', quantity: 2 }],
      },
      {
        reservationId: reservation._id,
        orderId: 'order-k1',
        shipmentId: 'S2',
        lines: [{ lineId: 'L1', sku: 'A', locationId: 'DC-EAST', quantity: 3 }],
      },
    ]);
    expectConsistent(await env.positions());
  });

  it('applies a redelivered confirmation once and cleans its markers up', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 10 }) });
    const { reservation } = await env.reserve(request('k1', [['L1', 'A', 5]]));
    const confirmation = shipped('S1', null, 'DC-EAST', [['L1', 'A', 2]]);
    for (let i = 0; i < 3; i++) await env.services.handlers.shipments(confirmation, meta);
    expect(await env.position('A@DC-EAST')).toMatchObject({ onHand: 8, reserved: 3, ops: {} });
    expect((await env.reservation(reservation._id)).commits).toHaveLength(1);
    expect(await env.subgraph.inventory.operations.findOne({ _id: 'commit:S1' })).toMatchObject({
      state: 'DONE',
      reservationId: reservation._id,
    });
  });

  it('takes units shipped without a reservation off onHand only', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 10 }) });
    await env.services.handlers.shipments(shipped('S1', null, 'DC-EAST', [['L1', 'A', 4]]), meta);
    expect(await env.position('A@DC-EAST')).toMatchObject({ onHand: 6, reserved: 0 });
    const [entry] = (await env.events()).filter((e) => e.type === 'inventory.position.adjusted');
    expect(entry?.data).toMatchObject({
      reason: 'COMMITTED',
      reference: { type: 'SHIPMENT', id: 'S1' },
      source: 'shipments',
      delta: { onHand: -4, reserved: 0 },
    });
  });
});

describe('orders.return.received', () => {
  it('restocks, counts damaged and quality-control units, once per return', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 1 }) });
    const received = event(returnReceived, 'RMA-1', {
      returnId: 'RMA-1',
      orderId: 'o1',
      locationId: 'DC-WEST',
      lines: [
        { lineId: 'L1', sku: 'A', quantity: 2, disposition: 'RESTOCK' },
        { lineId: 'L2', sku: 'A', quantity: 1, disposition: 'DAMAGED' },
        { lineId: 'L3', sku: 'B', quantity: 3, disposition: 'QUALITY_CONTROL' },
      ],
    });
    await env.services.handlers.orders(received, meta);
    await env.services.handlers.orders(received, meta);
    expect(await env.position('A@DC-WEST')).toMatchObject({ onHand: 3, damaged: 1, free: 2 });
    expect(await env.position('B@DC-WEST')).toMatchObject({ onHand: 3, qualityControl: 3, free: 0 });
    const reasons = (await env.events())
      .filter((e) => e.type === 'inventory.position.adjusted')
      .map((e) => [e.subject, (e.data as { reason: string }).reason]);
    expect(reasons.sort()).toEqual([
      ['A@DC-WEST', 'DAMAGED'],
      ['A@DC-WEST', 'RESTOCKED'],
      ['B@DC-WEST', 'QUALITY_CONTROL'],
    ]);
    expectConsistent(await env.positions());
  });

  it('fails (to be retried, then dead-lettered) for an unknown receiving location', async () => {
    env = await harness({ positions: [] });
    const received = event(returnReceived, 'RMA-1', {
      returnId: 'RMA-1',
      orderId: 'o1',
      locationId: 'NOWHERE',
      lines: [{ lineId: 'L1', sku: 'A', quantity: 1, disposition: 'RESTOCK' }],
    });
    await expect(env.services.handlers.orders(received, meta)).rejects.toThrow('Location "NOWHERE" was not found');
  });
});

describe('orders.order.placed and cancelled', () => {
  const placed = (status: string, lines: Array<[string, string, number]>) =>
    event(orderPlaced, 'o1', {
      orderId: 'o1',
      channel: 'WEB',
      externalId: 'E1',
      status,
      reservationKey: 'order:o1',
      shipToRegion: 'east',
      lines: lines.map(([lineId, sku, quantity]) => ({ lineId, sku, quantity })),
    });

  it('reserves under the order key in degraded mode, once however often it is delivered', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 10 }) });
    await env.services.handlers.orders(placed('PENDING_VALIDATION', [['L1', 'A', 3]]), meta);
    await env.services.handlers.orders(placed('PENDING_VALIDATION', [['L1', 'A', 3]]), meta);
    const [reservation] = await env.reservations();
    expect(reservation).toMatchObject({ key: 'order:o1', orderId: 'o1', status: 'ACTIVE' });
    expect((await env.position('A@DC-EAST')).reserved).toBe(3);
    expect((await env.events()).filter((e) => e.type === 'inventory.reservation.confirmed')).toHaveLength(1);
  });

  it('ignores an order that was already reserved synchronously', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 10 }) });
    await env.services.handlers.orders(placed('ACCEPTED', [['L1', 'A', 3]]), meta);
    expect(await env.reservations()).toEqual([]);
  });

  it('answers an invalid degraded request with a FAILED reservation instead of a dead letter', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 10 }) });
    await env.services.handlers.orders(placed('PENDING_VALIDATION', [['L1', 'A', 0]]), meta);
    const failed = (await env.events()).filter((e) => e.type === 'inventory.reservation.failed');
    expect(failed.map((e) => e.data)).toEqual([
      {
        reservationId: expect.any(String),
        key: 'order:o1',
        orderId: 'o1',
        reason: 'Invalid quantity of line "L1" (lines[0]): expected a whole number >= 1, received 0',
        shortages: [],
      },
    ]);
  });

  it('releases what a cancelled order still holds, and does nothing more on redelivery', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 10 }) });
    const { reservation } = await env.reserve(request('k1', [['L1', 'A', 4]], { orderId: 'o1' }));
    const cancelled = event(orderCancelled, 'o1', { orderId: 'o1', reservationId: null, reason: 'customer' });
    await env.services.handlers.orders(cancelled, meta);
    await env.services.handlers.orders(cancelled, meta);
    expect((await env.reservation(reservation._id)).status).toBe('RELEASED');
    expect((await env.position('A@DC-EAST')).reserved).toBe(0);
    expect((await env.events()).filter((e) => e.type === 'inventory.reservation.released')).toHaveLength(1);
  });
});

describe('through the event bus', () => {
  it('consumes orders and shipments events and projects the ledger, queryable on the position', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 10 }) });
    await env.subgraph.start();
    const { reservation } = await env.reserve(request('k1', [['L1', 'A', 4]]));
    await env.bus.publish('shipments', shipped('S1', reservation._id, 'DC-EAST', [['L1', 'A', 4]]));
    await eventually(async () => expect((await env.reservation(reservation._id)).status).toBe('COMMITTED'));
    await eventually(async () =>
      expect((await env.subgraph.inventory.ledgerOf('A@DC-EAST', 10)).map((e) => [e.version, e.reason])).toEqual([
        [3, 'COMMITTED'],
        [2, 'RESERVED'],
      ]),
    );
    const [latest] = await env.subgraph.inventory.ledgerOf('A@DC-EAST', 1);
    expect(latest).toMatchObject({
      reference: { type: 'SHIPMENT', id: 'S1' },
      delta: { onHand: -4, reserved: -4 },
      resulting: { onHand: 6, reserved: 0, available: 6 },
    });
  });
});
