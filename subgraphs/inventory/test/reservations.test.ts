import { afterEach, describe, expect, it } from 'vitest';
import { openEmbeddedStore } from '@fulfillment-mesh/runtime';
import { expectConsistent, harness, interceptPositionWrites, request, stocked } from './harness.js';

let env: Awaited<ReturnType<typeof harness>>;
afterEach(() => env?.close());

const types = (events: { type: string }[]) => events.map((e) => e.type);

describe('reserveStock', () => {
  it('holds every line at one location and publishes the ledger entries and the confirmation', async () => {
    env = await harness({
      positions: [...stocked('A', { 'DC-EAST': 5, 'DC-WEST': 9 }), ...stocked('B', { 'DC-EAST': 5 })],
    });
    const { reservation, replayed } = await env.reserve(
      request('k1', [
        ['L1', 'A', 2],
        ['L2', 'B', 3],
      ]),
    );
    expect(replayed).toBe(false);
    expect(reservation).toMatchObject({
      status: 'ACTIVE',
      allocations: [
        {
          locationId: 'DC-EAST',
          lines: [
            { lineId: 'L1', sku: 'A', quantity: 2 },
            { lineId: 'L2', sku: 'B', quantity: 3 },
          ],
        },
      ],
      backordered: [],
    });
    expect(await env.position('A@DC-EAST')).toMatchObject({
      reserved: 2,
      free: 3,
      version: 2,
      holds: { [reservation._id]: 2 },
    });
    const events = await env.events();
    // Order is kept per subject, not across documents.
    expect(types(events).sort()).toEqual([
      'inventory.position.adjusted',
      'inventory.position.adjusted',
      'inventory.reservation.confirmed',
    ]);
    expect(events.find((e) => e.subject === 'A@DC-EAST')).toMatchObject({
      subject: 'A@DC-EAST',
      data: {
        reason: 'RESERVED',
        reference: { type: 'RESERVATION', id: reservation._id },
        delta: { reserved: 2, onHand: 0 },
        resulting: { onHand: 5, reserved: 2, available: 3 },
        version: 2,
      },
    });
    expect(events.find((e) => e.subject === reservation._id)).toMatchObject({
      type: 'inventory.reservation.confirmed',
      data: { key: 'k1', orderId: 'order-k1', channel: 'INSIDE_SALES', expiresAt: null },
    });
    expectConsistent(await env.positions());
  });

  it('returns the same reservation for a repeated key and never reserves twice', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 5 }) });
    const first = await env.reserve(request('k1', [['L1', 'A', 2]]));
    const again = await env.reserve(request('k1', [['L1', 'A', 2]], { ttlSeconds: 60 }));
    expect(again).toMatchObject({
      replayed: true,
      reservation: { _id: first.reservation._id, status: 'ACTIVE', allocations: first.reservation.allocations },
    });
    expect((await env.position('A@DC-EAST')).reserved).toBe(2);
  });

  it('refuses a key reused for different lines with a CONFLICT naming the key', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 5 }) });
    const { reservation } = await env.reserve(request('k1', [['L1', 'A', 2]]));
    await expect(env.reserve(request('k1', [['L1', 'A', 3]]))).rejects.toThrow(
      `Reservation key "k1" was already used for a different request (reservation "${reservation._id}")`,
    );
  });

  it('fails with the SKUs short, holds nothing, and answers a repeat of the key with the same failure', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 7, 'STORE-EAST': 50 }) });
    const { reservation } = await env.reserve(request('k1', [['L1', 'A', 3]], { channel: 'MARKETPLACE' }));
    expect(reservation).toMatchObject({
      status: 'FAILED',
      failureReason: 'Not enough stock on channel MARKETPLACE for A',
      shortages: [{ lineId: 'L1', sku: 'A', requested: 3, available: 2 }],
    });
    expect((await env.reserve(request('k1', [['L1', 'A', 3]], { channel: 'MARKETPLACE' }))).reservation.status).toBe(
      'FAILED',
    );
    expect(types(await env.events())).toEqual(['inventory.reservation.failed']);
    expectConsistent(await env.positions());
  });

  it('backorders what the channel cannot ship when it allows backorders, unless the request refuses them', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 6 }) });
    const web = await env.reserve(request('k1', [['L1', 'A', 6]], { channel: 'WEB' }));
    expect(web.reservation).toMatchObject({
      status: 'ACTIVE',
      allocations: [{ locationId: 'DC-EAST', lines: [{ quantity: 4 }] }],
      backordered: [{ lineId: 'L1', sku: 'A', quantity: 2 }],
    });
    const strict = await env.reserve(request('k2', [['L1', 'A', 1]], { channel: 'WEB', allowBackorder: false }));
    expect(strict.reservation.status).toBe('FAILED');
  });

  it('splits over locations and prefers the ship-to region', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 4, 'DC-WEST': 4, '3PL-SOUTH': 4 }) });
    const split = await env.reserve(request('k1', [['L1', 'A', 6]], { shipToRegion: 'south' }));
    expect(split.reservation.allocations).toEqual([
      { locationId: '3PL-SOUTH', lines: [{ lineId: 'L1', sku: 'A', quantity: 4 }] },
      { locationId: 'DC-EAST', lines: [{ lineId: 'L1', sku: 'A', quantity: 2 }] },
    ]);
    expectConsistent(await env.positions());
  });

  it('sets a checkout hold that expires after ttlSeconds', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 5 }) });
    const { reservation } = await env.reserve(request('k1', [['L1', 'A', 1]], { ttlSeconds: 90 }));
    expect(reservation).toMatchObject({ expiresAt: '2026-11-26T12:01:30.000Z', sweepAt: '2026-11-26T12:01:30.000Z' });
  });
});

describe('compensation', () => {
  it('releases the first line and re-sources when a concurrent buyer takes the second line between sourcing and holding', async () => {
    let stolen = false;
    const store = interceptPositionWrites(openEmbeddedStore(), async (filter) => {
      if (stolen || filter._id !== 'B@DC-EAST' || !('free' in filter)) return;
      stolen = true;
      // Another process reserves all of B at DC-EAST first.
      await store
        .collection('positions')
        .updateOne({ _id: 'B@DC-EAST' }, { $inc: { reserved: 5, free: -5, version: 1 }, $set: { 'holds.other': 5 } });
    });
    env = await harness({
      store,
      positions: [...stocked('A', { 'DC-EAST': 5, 'DC-WEST': 5 }), ...stocked('B', { 'DC-EAST': 5, 'DC-WEST': 5 })],
    });
    const { reservation } = await env.reserve(
      request('k1', [
        ['L1', 'A', 2],
        ['L2', 'B', 2],
      ]),
    );
    expect(reservation).toMatchObject({ status: 'ACTIVE', allocations: [{ locationId: 'DC-WEST' }] });
    expect((await env.position('A@DC-EAST')).reserved).toBe(0);
    const ledger = (await env.events())
      .filter((e) => e.subject === 'A@DC-EAST')
      .map((e) => (e.data as { reason: string }).reason);
    expect(ledger).toEqual(['RESERVED', 'RELEASED']);
  });

  it('ends FAILED with nothing held when the stock a line needs is taken and no other location has it', async () => {
    let stolen = false;
    const store = interceptPositionWrites(openEmbeddedStore(), async (filter) => {
      if (stolen || filter._id !== 'B@DC-EAST' || !('free' in filter)) return;
      stolen = true;
      await store
        .collection('positions')
        .updateOne({ _id: 'B@DC-EAST' }, { $inc: { onHand: -5, free: -5, version: 1 } });
    });
    env = await harness({ store, positions: [...stocked('A', { 'DC-EAST': 5 }), ...stocked('B', { 'DC-EAST': 5 })] });
    const { reservation } = await env.reserve(
      request(
        'k1',
        [
          ['L1', 'A', 2],
          ['L2', 'B', 2],
        ],
        { allowBackorder: false },
      ),
    );
    expect(reservation).toMatchObject({
      status: 'FAILED',
      failureReason: 'Not enough stock on channel INSIDE_SALES for B',
    });
    expect((await env.positions()).map((p) => p.reserved)).toEqual([0, 0]);
  });

  it('releases the holds taken and ends FAILED when the store fails while holding the second line', async () => {
    const store = interceptPositionWrites(openEmbeddedStore(), async (filter) => {
      if (filter._id === 'B@DC-EAST' && 'free' in filter) throw new Error('connection reset');
    });
    env = await harness({ store, positions: [...stocked('A', { 'DC-EAST': 5 }), ...stocked('B', { 'DC-EAST': 5 })] });
    await expect(
      env.reserve(
        request('k1', [
          ['L1', 'A', 2],
          ['L2', 'B', 2],
        ]),
      ),
    ).rejects.toThrow('connection reset');
    const [reservation] = await env.reservations();
    expect(reservation).toMatchObject({
      status: 'FAILED',
      failureReason: 'Reservation failed before completing (connection reset); nothing is held',
    });
    expect((await env.positions()).map((p) => [p._id, p.reserved])).toEqual([
      ['A@DC-EAST', 0],
      ['B@DC-EAST', 0],
    ]);
    expect(types(await env.events()).sort()).toEqual([
      'inventory.position.adjusted',
      'inventory.position.adjusted',
      'inventory.reservation.failed',
    ]);
    expectConsistent(await env.positions());
  });
});
