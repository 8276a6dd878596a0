import { afterEach, describe, expect, it } from 'vitest';
import { DomainError, openEmbeddedStore, type Collection } from '@fulfillment-mesh/runtime';
import { planAdjust, planHold, planRelease, delta } from '../src/domain/index.js';
import type { HoldDoc, PositionDoc } from '../src/store/models.js';
import { createPositionWriter, holdId } from '../src/store/position-writer.js';
import { expectConsistent, harness, interceptPositionWrites, manualClock, request, stocked } from './harness.js';
import { position } from './fixtures.js';

const context = { reference: null, source: 'test', actor: 'tester' };

/** A positions collection that counts the guarded writes (`findOneAndUpdate`) made through it. */
function counted(positions: Collection<PositionDoc>) {
  const writes: Record<string, unknown>[] = [];
  const view = new Proxy(positions, {
    get(target, prop, receiver) {
      if (prop !== 'findOneAndUpdate') return Reflect.get(target, prop, receiver);
      return (...args: Parameters<typeof positions.findOneAndUpdate>) => {
        writes.push(args[0]);
        return target.findOneAndUpdate(...args);
      };
    },
  });
  return { view, writes };
}

function setup(onHand: number) {
  const store = openEmbeddedStore();
  const positions = store.collection<PositionDoc>('positions');
  const holds = store.collection<HoldDoc>('holds');
  const { view, writes } = counted(positions);
  const writer = createPositionWriter({ positions: view, holds, now: manualClock().now, onEvents: () => undefined });
  return { positions, holds, writes, writer, ready: positions.insertOne(position('A', 'DC', { onHand })) };
}

let env: Awaited<ReturnType<typeof harness>> | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe('group commit of one position', () => {
  it('fails only the invalid request of a coalesced batch; the others are written together in arrival order', async () => {
    const { positions, holds, writes, writer, ready } = setup(10);
    await ready;
    // The first change is written at once; the four arriving meanwhile wait and form one batch.
    const first = writer.change('A@DC', (p) => planHold(p, 'R0', 1, 0), context, 'R0');
    const batch = [
      writer.change('A@DC', (p) => planHold(p, 'R1', 2, 0), context, 'R1'),
      // Invalid: an adjustment planned on a version the position is no longer at.
      writer.change('A@DC', (p) => planAdjust(p, delta({ onHand: 1 }), 'CYCLE_COUNT', 1), context),
      writer.change('A@DC', (p) => planHold(p, 'R3', 3, 0), context, 'R3'),
      writer.change('A@DC', (p) => planHold(p, 'R4', 99, 0), context, 'R4'),
    ];
    const [r0, r1, invalid, r3, r4] = await Promise.allSettled([first, ...batch]);
    await writer.idle();
    expect(r0).toMatchObject({ status: 'fulfilled', value: { kind: 'applied' } });
    expect(r1).toMatchObject({ status: 'fulfilled', value: { kind: 'applied', position: { reserved: 3 } } });
    expect(invalid.status).toBe('rejected');
    expect((invalid as PromiseRejectedResult).reason).toBeInstanceOf(DomainError);
    expect((invalid as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    expect(r3).toMatchObject({ status: 'fulfilled', value: { kind: 'applied', position: { reserved: 6 } } });
    expect(r4).toMatchObject({ status: 'fulfilled', value: { kind: 'short', free: 4 } });
    // Two guarded writes in all: R0 alone, then R1 and R3 together.
    expect(writes).toHaveLength(2);
    expect(writes[1]).toMatchObject({ version: 2, free: { $gte: 5 } });
    const after = (await positions.findOne({ _id: 'A@DC' }))!;
    expect(after).toMatchObject({ onHand: 10, reserved: 6, free: 4, version: 4 });
    // One ledger event per applied change, in arrival order, each with its own version and resulting quantities.
    expect(
      after.outbox?.map((e) => {
        const data = e.data as { version: number; resulting: { reserved: number } };
        return [data.version, data.resulting.reserved];
      }),
    ).toEqual([
      [2, 1],
      [3, 3],
      [4, 6],
    ]);
    // The holds are documents of their own; the idle position's journal was cleared.
    expect(after.holds).toEqual({});
    const stored = await holds.find({ positionId: 'A@DC' });
    expect(Object.fromEntries(stored.map((h) => [h.reservation, h.units]))).toEqual({ R0: 1, R1: 2, R3: 3 });
  });

  it('keeps each change idempotent on its reservation: a repeat in the same batch is a no-op', async () => {
    const { positions, writer, ready } = setup(5);
    await ready;
    const outcomes = await Promise.all([
      writer.change('A@DC', (p) => planHold(p, 'R0', 1, 0), context, 'R0'),
      writer.change('A@DC', (p) => planHold(p, 'R1', 2, 0), context, 'R1'),
      writer.change('A@DC', (p) => planHold(p, 'R1', 2, 0), context, 'R1'),
      writer.change('A@DC', (p) => planRelease(p, 'R0', 'RELEASED'), context, 'R0'),
      writer.change('A@DC', (p) => planRelease(p, 'R0', 'RELEASED'), context, 'R0'),
    ]);
    expect(outcomes.map((o) => o.kind)).toEqual(['applied', 'applied', 'noop', 'applied', 'noop']);
    expect((await positions.findOne({ _id: 'A@DC' }))!).toMatchObject({ reserved: 2, free: 3, version: 4 });
  });

  it('never oversells when two processes group-commit holds on one position at once', async () => {
    const store = openEmbeddedStore();
    const positions = store.collection<PositionDoc>('positions');
    const holds = store.collection<HoldDoc>('holds');
    await positions.insertOne(position('A', 'DC', { onHand: 30 }));
    const writers = [0, 1].map(() =>
      createPositionWriter({ positions, holds, now: manualClock().now, onEvents: () => undefined }),
    );
    const outcomes = await Promise.all(
      Array.from({ length: 80 }, (_, i) =>
        writers[i % 2]!.change('A@DC', (p) => planHold(p, `R${i}`, 1, 0), context, `R${i}`),
      ),
    );
    expect(outcomes.filter((o) => o.kind === 'applied')).toHaveLength(30);
    expect(outcomes.filter((o) => o.kind === 'short')).toHaveLength(50);
    await Promise.all(writers.map((w) => w.idle()));
    const after = (await positions.findOne({ _id: 'A@DC' }))!;
    expect(after).toMatchObject({ reserved: 30, free: 0, version: 31 });
    const held = (await holds.find({ positionId: 'A@DC', units: { $gt: 0 } })).map((h) => h.reservation);
    expect(new Set(held).size).toBe(30);
    const merged = { ...after, holds: Object.fromEntries(held.map((r) => [r, 1])) };
    expectConsistent([merged]);
  });

  it('keeps a position the same size however many reservations hold stock there', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 400 }) });
    const sizeOf = async () =>
      Buffer.byteLength(JSON.stringify(await env!.subgraph.inventory.positions.findOne({ _id: 'A@DC-EAST' })));
    await env.reserve(request('k0', [['L1', 'A', 1]]));
    await env.events(); // the outbox relay drains the position's outbox
    const small = await sizeOf();
    await Promise.all(Array.from({ length: 300 }, (_, i) => env!.reserve(request(`k${i + 1}`, [['L1', 'A', 1]]))));
    await env.events();
    expect(await sizeOf()).toBeLessThanOrEqual(small + 16); // the version and counters grew a digit or two
    const position = await env.position('A@DC-EAST');
    expect(Object.keys(position.holds)).toHaveLength(301);
    expectConsistent([position]);
    expect(await env.subgraph.inventory.holds.countDocuments({ positionId: 'A@DC-EAST', units: { $gt: 0 } })).toBe(301);
  });

  it('reads a hold left in the journal by a crash between the position write and its copy', async () => {
    const store = openEmbeddedStore();
    const positions = store.collection<PositionDoc>('positions');
    const holds = store.collection<HoldDoc>('holds');
    // As a killed process leaves it: counters and journal written, the hold document not yet.
    await positions.insertOne({ ...position('A', 'DC', { onHand: 5 }), reserved: 2, free: 3, holds: { R1: 2 } });
    const writer = createPositionWriter({ positions, holds, now: manualClock().now, onEvents: () => undefined });
    expect((await writer.change('A@DC', (p) => planHold(p, 'R1', 2, 0), context, 'R1')).kind).toBe('noop');
    expect((await writer.change('A@DC', (p) => planRelease(p, 'R1', 'RELEASED'), context, 'R1')).kind).toBe('applied');
    expect((await positions.findOne({ _id: 'A@DC' }))!).toMatchObject({ reserved: 0, free: 5, holds: {} });
    expect(await holds.findOne({ _id: holdId('A@DC', 'R1') })).toMatchObject({ units: 0 });
  });
});

describe('expiry sweeps', () => {
  it('releases many expired holds of one position in at most half as many position writes as holds', async () => {
    let positionWrites = 0;
    const store = interceptPositionWrites(openEmbeddedStore(), async () => {
      positionWrites++;
    });
    env = await harness({ store, positions: stocked('A', { 'DC-EAST': 100 }) });
    for (let i = 0; i < 40; i++) await env.reserve(request(`k${i}`, [['L1', 'A', 1]], { ttlSeconds: 60 }));
    env.clock.advance(60_000);
    positionWrites = 0;
    expect(await env.services.sweeper.sweep()).toBe(40);
    expect(positionWrites).toBeLessThanOrEqual(20); // one write each before group commit: 40
    const position = await env.position('A@DC-EAST');
    expect(position).toMatchObject({ reserved: 0, free: 100, holds: {} });
    expect((await env.reservations()).every((r) => r.status === 'EXPIRED' && !r.holdsOpen)).toBe(true);
    const events = await env.events();
    expect(
      events.filter(
        (e) => e.type === 'inventory.position.adjusted' && (e.data as { reason: string }).reason === 'EXPIRED',
      ),
    ).toHaveLength(40);
  });
});

describe('reservation input', () => {
  it('refuses a line over MAX_LINE_QUANTITY with INVALID_INPUT before it reaches a position', async () => {
    env = await harness({ positions: stocked('A', { 'DC-EAST': 200_000 }) });
    await expect(env.reserve(request('big', [['L1', 'A', 100_001]]))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('at most 100000 units (MAX_LINE_QUANTITY)'),
    });
    expect(await env.position('A@DC-EAST')).toMatchObject({ reserved: 0, version: 1 });
    expect(await env.reservations()).toEqual([]);
  });
});
