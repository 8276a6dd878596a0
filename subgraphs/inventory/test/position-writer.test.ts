import { describe, expect, it } from 'vitest';
import { openEmbeddedStore } from '@fulfillment-mesh/runtime';
import { planHold, planRelease } from '../src/domain/index.js';
import type { PositionDoc } from '../src/store/models.js';
import { createPositionWriter } from '../src/store/position-writer.js';
import { expectConsistent, manualClock } from './harness.js';
import { position } from './fixtures.js';

const context = { reference: null, source: 'test', actor: 'tester' };

describe('the position writer', () => {
  it('never oversells when two processes hold on one position at once (lost swaps are re-planned)', async () => {
    const positions = openEmbeddedStore().collection<PositionDoc>('positions');
    await positions.insertOne(position('A', 'DC', { onHand: 30 }));
    const writers = [0, 1].map(() =>
      createPositionWriter({ positions, now: manualClock().now, onEvents: () => undefined }),
    );
    const outcomes = await Promise.all(
      Array.from({ length: 80 }, (_, i) => writers[i % 2]!.change('A@DC', (p) => planHold(p, `R${i}`, 1, 0), context)),
    );
    expect(outcomes.filter((o) => o.kind === 'applied')).toHaveLength(30);
    expect(outcomes.filter((o) => o.kind === 'short')).toHaveLength(50);
    const after = (await positions.findOne({ _id: 'A@DC' }))!;
    expect(after).toMatchObject({ reserved: 30, free: 0, version: 31 });
    expect(after.outbox?.map((e) => (e.data as { version: number }).version)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 2),
    );
    expectConsistent([after]);
  });

  it('re-reads before answering short when stock came back through another process meanwhile', async () => {
    const positions = openEmbeddedStore().collection<PositionDoc>('positions');
    await positions.insertOne(position('A', 'DC', { onHand: 2 }));
    const theirs = createPositionWriter({ positions, now: manualClock().now, onEvents: () => undefined });
    await theirs.change('A@DC', (p) => planHold(p, 'THEIRS', 1, 0), context);
    let interleaved = false;
    // My first write returns only after the other process released its unit: my remembered document is stale.
    const mineView = new Proxy(positions, {
      get(target, prop, receiver) {
        if (prop !== 'findOneAndUpdate') return Reflect.get(target, prop, receiver);
        return async (...args: Parameters<typeof positions.findOneAndUpdate>) => {
          const written = await target.findOneAndUpdate(...args);
          if (!interleaved) {
            interleaved = true;
            await theirs.change('A@DC', (p) => planRelease(p, 'THEIRS', 'RELEASED'), context);
          }
          return written;
        };
      },
    });
    const mine = createPositionWriter({ positions: mineView, now: manualClock().now, onEvents: () => undefined });
    const [first, second] = await Promise.all([
      mine.change('A@DC', (p) => planHold(p, 'M1', 1, 0), context),
      mine.change('A@DC', (p) => planHold(p, 'M2', 1, 0), context),
    ]);
    expect([first.kind, second.kind]).toEqual(['applied', 'applied']);
    expect((await positions.findOne({ _id: 'A@DC' }))!.holds).toEqual({ M1: 1, M2: 1 });
  });

  it('answers missing for an unknown position and records each change as one ledger event in the same write', async () => {
    const positions = openEmbeddedStore().collection<PositionDoc>('positions');
    await positions.insertOne(position('A', 'DC', { onHand: 5 }));
    const writer = createPositionWriter({ positions, now: manualClock().now, onEvents: () => undefined });
    expect(await writer.change('NOPE@DC', (p) => planHold(p, 'R', 1, 0), context)).toEqual({ kind: 'missing' });
    const outcome = await writer.change('A@DC', (p) => planHold(p, 'R', 2, 0), context);
    expect(outcome.kind === 'applied' && outcome.position.outbox).toEqual([
      expect.objectContaining({
        type: 'inventory.position.adjusted',
        subject: 'A@DC',
        data: expect.objectContaining({
          reason: 'RESERVED',
          resulting: { onHand: 5, reserved: 2, safetyStock: 0, damaged: 0, qualityControl: 0, available: 3 },
          version: 2,
        }),
      }),
    ]);
  });
});
