import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryEventBus } from '@fulfillment-mesh/events';
import { subgraphTester } from '@fulfillment-mesh/runtime';
import { createInventorySubgraph } from '../src/server.js';
import { logger, services } from './fixtures.js';
import { allocatedUnits, expectConsistent, harness, request, stocked } from './harness.js';

let env: Awaited<ReturnType<typeof harness>>;
afterEach(() => env?.close());

const RESERVE = `mutation($input: ReserveStockInput!) { reserveStock(input: $input) { replayed reservation { id status allocations { location { id } lines { quantity } } } } }`;

describe('under contention', () => {
  it('reserves exactly the 50 units of a SKU over three locations for 500 concurrent reserveStock calls', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 20, 'DC-WEST': 20, '3PL-SOUTH': 10 }) });
    const tester = await subgraphTester(env.subgraph);
    try {
      const results = await Promise.all(
        Array.from({ length: 500 }, (_, i) =>
          tester.run(RESERVE, {
            input: {
              key: `k${i}`,
              orderId: `o${i}`,
              channel: 'EDI',
              lines: [{ lineId: 'L1', sku: 'A', quantity: 1 }],
              allowBackorder: false,
            },
          }),
        ),
      );
      expect(results.filter((r) => r.errors)).toEqual([]);
      const statuses = results.map(
        (r) => (r.data?.reserveStock as { reservation: { status: string } }).reservation.status,
      );
      expect(statuses.filter((s) => s === 'ACTIVE')).toHaveLength(50);
      expect(statuses.filter((s) => s === 'FAILED')).toHaveLength(450);
      const positions = await env.positions();
      expect(positions.reduce((sum, p) => sum + p.reserved, 0)).toBe(50);
      expect(positions.map((p) => p.free)).toEqual([0, 0, 0]);
      expect(allocatedUnits(await env.reservations())).toBe(50);
      expectConsistent(positions);
    } finally {
      await tester.stop();
    }
  });

  it('makes one reservation for concurrent duplicates of a key, also from two replicas sharing the store', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 20 }) });
    const bus = createMemoryEventBus({ logger });
    const replica = await createInventorySubgraph({ store: env.store, logger, bus, services, now: env.clock.now });
    const calls = Array.from({ length: 40 }, (_, i) =>
      (i % 2 === 0 ? env.services.reserver : replica.services.reserver).reserve(
        request('same', [['L1', 'A', 3]]),
        'test',
      ),
    );
    const outcomes = await Promise.all(calls);
    expect(new Set(outcomes.map((o) => o.reservation._id)).size).toBe(1);
    expect(outcomes.filter((o) => !o.replayed)).toHaveLength(1);
    expect(outcomes.every((o) => o.reservation.status === 'ACTIVE')).toBe(true);
    expect(await env.reservations()).toHaveLength(1);
    expect((await env.position('A@DC-EAST')).reserved).toBe(3);
    await bus.close();
  });

  it('splits orders over locations under contention without overselling any of them', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 10, 'DC-WEST': 10, '3PL-SOUTH': 10 }) });
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        env.reserve(
          request(`k${i}`, [['L1', 'A', 4]], {
            channel: 'EDI',
            allowBackorder: false,
            shipToRegion: ['east', 'west', 'south'][i % 3]!,
          }),
        ),
      ),
    );
    const active = outcomes.map((o) => o.reservation).filter((r) => r.status === 'ACTIVE');
    expect(active.some((r) => r.allocations.length > 1)).toBe(true);
    expect(active.length).toBeLessThanOrEqual(7);
    const positions = await env.positions();
    const reserved = positions.reduce((sum, p) => sum + p.reserved, 0);
    expect(reserved).toBe(active.length * 4);
    expect(allocatedUnits(await env.reservations())).toBe(reserved);
    // Every unit is either reserved by an ACTIVE order or still free: nothing leaked to a failed one.
    expect(reserved + positions.reduce((sum, p) => sum + p.free, 0)).toBe(30);
    expect(positions.every((p) => Object.keys(p.holds).every((id) => active.some((r) => r._id === id)))).toBe(true);
    expectConsistent(positions);
  });

  it('lets the expiry win when it comes first: the shipment then only takes onHand', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 10 }) });
    const { reservation } = await env.reserve(request('k1', [['L1', 'A', 2]], { ttlSeconds: 60 }));
    env.clock.advance(60_000);
    await env.services.sweeper.sweep();
    await env.services.committer.commit({
      shipmentId: 'S1',
      orderId: 'order-k1',
      locationId: 'DC-EAST',
      reservationId: reservation._id,
      lines: [{ lineId: 'L1', sku: 'A', quantity: 2 }],
    });
    expect((await env.reservation(reservation._id)).status).toBe('EXPIRED');
    expect(await env.position('A@DC-EAST')).toMatchObject({ onHand: 8, reserved: 0, holds: {} });
  });

  it('lets the commit win when it comes first: the sweeper then finds nothing to expire', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 10 }) });
    const { reservation } = await env.reserve(request('k1', [['L1', 'A', 2]], { ttlSeconds: 60 }));
    env.clock.advance(60_000);
    await env.services.committer.commit({
      shipmentId: 'S1',
      orderId: 'order-k1',
      locationId: 'DC-EAST',
      reservationId: reservation._id,
      lines: [{ lineId: 'L1', sku: 'A', quantity: 1 }],
    });
    expect(await env.services.sweeper.sweep()).toBe(0);
    expect(await env.reservation(reservation._id)).toMatchObject({ status: 'PARTIALLY_COMMITTED', expiresAt: null });
    expect(await env.position('A@DC-EAST')).toMatchObject({ onHand: 9, reserved: 1 });
  });

  it('gives one consistent outcome when a reservation expires while its shipment is being committed', async () => {
    const rounds = 30;
    env = await harness({ positions: stocked('A', { 'DC-EAST': 100 }) });
    const reservations = [];
    for (let i = 0; i < rounds; i++)
      reservations.push((await env.reserve(request(`k${i}`, [['L1', 'A', 2]], { ttlSeconds: 60 }))).reservation);
    env.clock.advance(60_000);
    const meta = {
      stream: 'shipments',
      group: 'inventory',
      consumer: 'test',
      entryId: '0-1',
      attempt: 1,
      previousAttempts: [],
    };
    await Promise.all([
      env.services.sweeper.sweep(),
      ...reservations.map((r, i) =>
        env.services.handlers.shipments(
          {
            specversion: '1.0',
            id: `e${i}`,
            source: '/subgraphs/shipments',
            type: 'shipments.shipment.confirmed',
            subject: `S${i}`,
            time: '2026-11-26T12:01:00.000Z',
            datacontenttype: 'application/json',
            dataschema: 'urn:fulfillment-mesh:shipments.shipment.confirmed:v1',
            dataversion: 1,
            data: {
              shipmentId: `S${i}`,
              orderId: r.orderId!,
              locationId: 'DC-EAST',
              reservationId: r._id,
              lines: [{ lineId: 'L1', sku: 'A', quantity: 2 }],
            },
          },
          meta,
        ),
      ),
    ]);
    const after = await env.reservations();
    const committed = after.filter((r) => r.status === 'COMMITTED').length;
    const expired = after.filter((r) => r.status === 'EXPIRED').length;
    expect(committed + expired).toBe(rounds);
    const position = await env.position('A@DC-EAST');
    // Every shipment left (60 units), whichever side won; nothing is held any more.
    expect(position).toMatchObject({ onHand: 100 - 2 * rounds, reserved: 0, holds: {} });
    const events = await env.events();
    expect(events.filter((e) => e.type === 'inventory.reservation.committed')).toHaveLength(committed);
    expect(events.filter((e) => e.type === 'inventory.reservation.released')).toHaveLength(expired);
    expectConsistent([position]);
  });
});
