import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryEventBus } from '@fulfillment-mesh/events';
import { openEmbeddedStore } from '@fulfillment-mesh/runtime';
import { planHold } from '../src/domain/index.js';
import { createInventorySubgraph } from '../src/server.js';
import type { ReservationDoc } from '../src/store/models.js';
import { logger, services } from './fixtures.js';
import { expectConsistent, harness, interceptPositionWrites, request, stocked } from './harness.js';

let env: Awaited<ReturnType<typeof harness>>;
afterEach(() => env?.close());

const ofType = async (type: string) => (await env.events()).filter((e) => e.type === type);

describe('releasing', () => {
  it('gives back what an ACTIVE reservation holds and publishes the lines released', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 3, 'DC-WEST': 5 }) });
    const { reservation } = await env.reserve(request('k1', [['L1', 'A', 6]]));
    const released = await env.services.lifecycle.release(reservation._id, 'CANCELLED', 'test', 'tester');
    expect(released).toMatchObject({ status: 'RELEASED', releaseReason: 'CANCELLED', holdsOpen: false });
    expect((await env.positions()).map((p) => p.reserved)).toEqual([0, 0]);
    const [event] = await ofType('inventory.reservation.released');
    expect(event?.data).toEqual({
      reservationId: reservation._id,
      orderId: 'order-k1',
      reason: 'CANCELLED',
      lines: [
        { lineId: 'L1', sku: 'A', locationId: 'DC-EAST', quantity: 3 },
        { lineId: 'L1', sku: 'A', locationId: 'DC-WEST', quantity: 3 },
      ],
    });
    expectConsistent(await env.positions());
  });

  it('treats a repeated release as done and publishes it once', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 3 }) });
    const { reservation } = await env.reserve(request('k1', [['L1', 'A', 1]]));
    await env.services.lifecycle.release(reservation._id, 'COMPENSATED', 'test', 'tester');
    expect(await env.services.lifecycle.release(reservation._id, 'COMPENSATED', 'test', 'tester')).toMatchObject({
      status: 'RELEASED',
    });
    expect(await ofType('inventory.reservation.released')).toHaveLength(1);
  });

  it('refuses to release a FAILED reservation and an unknown id', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 1 }) });
    const { reservation } = await env.reserve(request('k1', [['L1', 'A', 5]], { allowBackorder: false }));
    await expect(env.services.lifecycle.release(reservation._id, 'CANCELLED', 'test', 'tester')).rejects.toThrow(
      `Reservation "${reservation._id}" is FAILED and cannot become RELEASED`,
    );
    await expect(env.services.lifecycle.release('nope', 'CANCELLED', 'test', 'tester')).rejects.toThrow(
      'Reservation "nope" was not found',
    );
  });
});

describe('extending', () => {
  it('moves the expiry of an ACTIVE reservation', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 3 }) });
    const { reservation } = await env.reserve(request('k1', [['L1', 'A', 1]], { ttlSeconds: 60 }));
    env.clock.advance(30_000);
    expect(await env.services.lifecycle.extend(reservation._id, 600)).toMatchObject({
      expiresAt: '2026-11-26T12:10:30.000Z',
      sweepAt: '2026-11-26T12:10:30.000Z',
    });
  });

  it('refuses to extend an expired, a released or a non-positive hold', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 3 }) });
    const { reservation } = await env.reserve(request('k1', [['L1', 'A', 1]], { ttlSeconds: 60 }));
    await expect(env.services.lifecycle.extend(reservation._id, 0)).rejects.toThrow('Invalid ttlSeconds');
    env.clock.advance(61_000);
    await expect(env.services.lifecycle.extend(reservation._id, 60)).rejects.toThrow(
      `Reservation "${reservation._id}" expired at 2026-11-26T12:01:00.000Z; only an unexpired ACTIVE reservation can be extended`,
    );
    const other = await env.reserve(request('k2', [['L1', 'A', 1]]));
    await env.services.lifecycle.release(other.reservation._id, 'CANCELLED', 'test', 'tester');
    await expect(env.services.lifecycle.extend(other.reservation._id, 60)).rejects.toThrow(
      'is RELEASED; only an unexpired ACTIVE reservation can be extended',
    );
  });
});

describe('the sweeper', () => {
  it('expires a checkout hold past its TTL, gives the stock back and publishes the release', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 3 }) });
    const { reservation } = await env.reserve(request('k1', [['L1', 'A', 2]], { ttlSeconds: 60 }));
    expect(await env.services.sweeper.sweep()).toBe(0);
    env.clock.advance(60_000);
    expect(await env.services.sweeper.sweep()).toBe(1);
    expect(await env.reservation(reservation._id)).toMatchObject({
      status: 'EXPIRED',
      releaseReason: 'EXPIRED',
      holdsOpen: false,
      sweepAt: null,
    });
    expect(await env.position('A@DC-EAST')).toMatchObject({ reserved: 0, holds: {} });
    expect((await ofType('inventory.reservation.released'))[0]?.data).toMatchObject({
      reason: 'EXPIRED',
      lines: [{ quantity: 2 }],
    });
    expect((await ofType('inventory.position.adjusted')).map((e) => (e.data as { reason: string }).reason)).toEqual([
      'RESERVED',
      'EXPIRED',
    ]);
    expect(await env.services.sweeper.sweep()).toBe(0);
  });

  it('leaves an extended hold alone', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 3 }) });
    const { reservation } = await env.reserve(request('k1', [['L1', 'A', 2]], { ttlSeconds: 60 }));
    env.clock.advance(50_000);
    await env.services.lifecycle.extend(reservation._id, 60);
    env.clock.advance(20_000);
    await env.services.sweeper.sweep();
    expect((await env.reservation(reservation._id)).status).toBe('ACTIVE');
  });

  it('resumes a PENDING reservation whose run died mid-way: ACTIVE, the hold taken before the crash kept', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 3 }) });
    // A crash after recording the plan and taking one hold: the reservation stays PENDING until its lease ends.
    await env.subgraph.inventory.reservations.insertOne(
      pending('rsv-crashed', ['A@DC-EAST'], '2026-11-26T12:00:30.000Z'),
    );
    await holdDirectly('A@DC-EAST', 'rsv-crashed', 1);
    env.clock.advance(29_000);
    expect(await env.services.sweeper.sweep()).toBe(0);
    env.clock.advance(1_000);
    expect(await env.services.sweeper.sweep()).toBe(1);
    expect(await env.reservation('rsv-crashed')).toMatchObject({
      status: 'ACTIVE',
      failureReason: null,
      sweepAt: null,
      allocations: [{ locationId: 'DC-EAST', lines: [{ lineId: 'L1', sku: 'A', quantity: 1 }] }],
    });
    expect(await env.position('A@DC-EAST')).toMatchObject({ reserved: 1, holds: { 'rsv-crashed': 1 } });
    expect((await ofType('inventory.reservation.confirmed')).map((e) => e.data)).toMatchObject([
      { reservationId: 'rsv-crashed', key: 'rsv-crashed' },
    ]);
    expect(await ofType('inventory.reservation.failed')).toEqual([]);
    expectConsistent(await env.positions());
  });

  it('gives back the holds of an earlier sourcing round when it resumes from the recorded plan', async () => {
    env = await harness({ positions: [...stocked('A', { 'DC-EAST': 3 }), ...stocked('B', { 'DC-WEST': 3 })] });
    // Round 1 held B at DC-WEST, then the run re-planned to A at DC-EAST and died before holding it.
    const plan = [{ locationId: 'DC-EAST', lines: [{ lineId: 'L1', sku: 'A', quantity: 2 }] }];
    await env.subgraph.inventory.reservations.insertOne({
      ...pending('rsv-crashed', ['B@DC-WEST', 'A@DC-EAST'], '2026-11-26T12:00:30.000Z'),
      lines: [{ lineId: 'L1', sku: 'A', quantity: 2 }],
      allocations: plan,
    });
    await holdDirectly('B@DC-WEST', 'rsv-crashed', 1);
    env.clock.advance(30_000);
    await env.services.sweeper.sweep();
    expect(await env.reservation('rsv-crashed')).toMatchObject({ status: 'ACTIVE', allocations: plan });
    expect(await env.position('B@DC-WEST')).toMatchObject({ reserved: 0, holds: {} });
    expect(await env.position('A@DC-EAST')).toMatchObject({ reserved: 2, holds: { 'rsv-crashed': 2 } });
    expectConsistent(await env.positions());
  });

  it('ends a resumed reservation FAILED only when the stock is really gone, naming the shortage', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 3 }) });
    await env.subgraph.inventory.reservations.insertOne({
      ...pending('rsv-crashed', [], '2026-11-26T12:00:30.000Z'),
      lines: [{ lineId: 'L1', sku: 'A', quantity: 2 }],
      allowBackorder: false,
    });
    // While the run was dead, another order took all the stock.
    await env.reserve(request('other', [['L1', 'A', 3]], { allowBackorder: false }));
    env.clock.advance(30_000);
    await env.services.sweeper.sweep();
    expect(await env.reservation('rsv-crashed')).toMatchObject({
      status: 'FAILED',
      shortages: [{ lineId: 'L1', sku: 'A', requested: 2, available: 0 }],
    });
    expect(await env.position('A@DC-EAST')).toMatchObject({ reserved: 3 });
    expectConsistent(await env.positions());
  });

  it('lets a repeated reserveStock call resume a reservation left PENDING past its lease', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 3 }) });
    const asked = request('k-crash', [['L1', 'A', 2]]);
    await env.subgraph.inventory.reservations.insertOne({
      ...pending('rsv-crashed', ['A@DC-EAST'], '2026-11-26T12:00:30.000Z'),
      key: 'k-crash',
      orderId: 'order-k-crash',
      lines: asked.lines,
    });
    env.clock.advance(30_000);
    const { reservation, replayed } = await env.reserve(asked);
    expect({ id: reservation._id, status: reservation.status, replayed }).toEqual({
      id: 'rsv-crashed',
      status: 'ACTIVE',
      replayed: true,
    });
    expect(await env.position('A@DC-EAST')).toMatchObject({ reserved: 2 });
    expect(await ofType('inventory.reservation.confirmed')).toHaveLength(1);
  });

  it('ignores the late writes of a run that outlived its lease: one confirmation, the units held once', async () => {
    let resumeFirstRun!: () => void;
    const gate = new Promise<void>((resolve) => (resumeFirstRun = resolve));
    let stalled = false;
    const store = interceptPositionWrites(openEmbeddedStore(), async () => {
      if (stalled) return;
      stalled = true;
      await gate;
    });
    env = await harness({ positions: stocked('A', { 'DC-EAST': 3 }), store });
    const bus = createMemoryEventBus({ logger });
    const replica = await createInventorySubgraph({ store: env.store, logger, bus, services, now: env.clock.now });
    // The first run stalls on its first hold (its process paused, not dead) until past its lease.
    const first = env.reserve(request('k1', [['L1', 'A', 2]]));
    const deadline = Date.now() + 5_000;
    while (!stalled && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
    env.clock.advance(30_000);
    // The sweeper of another replica takes the reservation over.
    await replica.services.sweeper.sweep();
    const [resumed] = await env.reservations();
    expect(resumed).toMatchObject({ status: 'ACTIVE' });
    resumeFirstRun();
    expect((await first).reservation).toMatchObject({ _id: resumed!._id, status: 'ACTIVE' });
    expect(await env.position('A@DC-EAST')).toMatchObject({ reserved: 2, holds: { [resumed!._id]: 2 } });
    await replica.events!.relay.flush();
    const published = [
      ...(await env.events()),
      ...(await bus.read('inventory', { count: 1_000 })).map((r) => r.envelope),
    ];
    expect(published.filter((e) => e.type === 'inventory.reservation.confirmed')).toHaveLength(1);
    expectConsistent(await env.positions());
    await bus.close();
  });

  it('finishes a release interrupted after its transition', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 3 }) });
    const { reservation } = await env.reserve(request('k1', [['L1', 'A', 2]]));
    // The process died right after the RELEASED transition, before giving the stock back.
    await env.subgraph.inventory.reservations.updateOne(
      { _id: reservation._id },
      {
        $set: { status: 'RELEASED', releaseReason: 'CANCELLED', holdsOpen: true, sweepAt: '2026-11-26T12:01:00.000Z' },
      },
    );
    env.clock.advance(60_000);
    expect(await env.services.sweeper.sweep()).toBe(1);
    expect(await env.position('A@DC-EAST')).toMatchObject({ reserved: 0, holds: {} });
    expect(await env.reservation(reservation._id)).toMatchObject({ holdsOpen: false, sweepAt: null });
  });

  it('runs on its interval once started and stops with close', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 3 }), options: { sweepIntervalMs: 5 } });
    const { reservation } = await env.reserve(request('k1', [['L1', 'A', 2]], { ttlSeconds: 1 }));
    env.clock.advance(1_000);
    await env.subgraph.start();
    const deadline = Date.now() + 5_000;
    while ((await env.reservation(reservation._id)).status !== 'EXPIRED' && Date.now() < deadline)
      await new Promise((r) => setImmediate(r));
    expect((await env.reservation(reservation._id)).status).toBe('EXPIRED');
  });
});

/** Takes a hold as the workflow does, for a reservation that no workflow drives any more. */
async function holdDirectly(positionId: string, reservationId: string, quantity: number) {
  const change = planHold(await env.position(positionId), reservationId, quantity, 0);
  if (change.kind !== 'apply') throw new Error(`cannot hold ${quantity} at ${positionId}`);
  await env.subgraph.inventory.positions.updateOne(
    { _id: positionId },
    { $inc: { reserved: quantity, free: -quantity, version: 1 }, $set: { [`holds.${reservationId}`]: quantity } },
  );
}

/** A PENDING reservation document left behind by a crashed workflow. */
function pending(id: string, touched: string[], sweepAt: string): ReservationDoc {
  const at = '2026-11-26T12:00:00.000Z';
  return {
    _id: id,
    key: id,
    orderId: null,
    customerId: null,
    channel: 'INSIDE_SALES',
    shipToRegion: null,
    lines: [{ lineId: 'L1', sku: 'A', quantity: 1 }],
    ttlSeconds: null,
    allowBackorder: null,
    status: 'PENDING',
    allocations: [],
    backordered: [],
    shortages: [],
    failureReason: null,
    releaseReason: null,
    commits: [],
    touched,
    holdsOpen: false,
    expiresAt: null,
    sweepAt,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}
