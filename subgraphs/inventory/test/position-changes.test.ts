import { describe, expect, it } from 'vitest';
import {
  delta,
  fieldKey,
  planAdjust,
  planCommit,
  planHold,
  planRelease,
  planReturn,
  type PositionState,
} from '../src/domain/index.js';

const position = (overrides: Partial<PositionState> = {}): PositionState => ({
  _id: 'A@EAST',
  onHand: 10,
  reserved: 2,
  safetyStock: 1,
  damaged: 0,
  qualityControl: 0,
  version: 4,
  holds: { R0: 2 },
  ...overrides,
});

describe('position change planning', () => {
  it('holds stock with the invariant and the idempotency guard in the write filter', () => {
    expect(planHold(position(), 'R1', 3, 2)).toEqual({
      kind: 'apply',
      delta: delta({ reserved: 3 }),
      reason: 'RESERVED',
      hold: { key: 'R1', to: 3 },
      guard: { free: { $gte: 5 }, 'holds.R1': { $exists: false } },
    });
  });

  it('refuses a hold that would dip into the buffer and reports what is free', () => {
    expect(planHold(position(), 'R1', 6, 2)).toEqual({ kind: 'short', free: 7 });
  });

  it('treats a repeated hold of the same reservation as done', () => {
    expect(planHold(position({ holds: { R1: 3 } }), 'R1', 3, 0)).toEqual({ kind: 'noop' });
  });

  it('releases exactly what the reservation holds, and nothing when it holds nothing', () => {
    expect(planRelease(position(), 'R0', 'EXPIRED')).toMatchObject({
      delta: delta({ reserved: -2 }),
      reason: 'EXPIRED',
      hold: { key: 'R0', to: null },
      guard: { 'holds.R0': 2 },
    });
    expect(planRelease(position(), 'R9', 'RELEASED')).toEqual({ kind: 'noop' });
  });

  it('commits held units off onHand and reserved, and the rest off onHand only', () => {
    expect(planCommit(position(), 'R0', 3, 3, 'commit:S1#A')).toMatchObject({
      delta: delta({ onHand: -3, reserved: -2 }),
      hold: { key: 'R0', to: null },
      marker: 'commit:S1#A',
    });
    expect(planCommit(position({ holds: { R0: 5 } }), 'R0', 2, 2, 'm')).toMatchObject({
      delta: delta({ onHand: -2, reserved: -2 }),
      hold: { key: 'R0', to: 3 },
    });
    expect(planCommit(position(), null, 1, 0, 'm')).toMatchObject({ delta: delta({ onHand: -1 }) });
  });

  it('applies an operation step once per marker, even with dots in ids', () => {
    expect(planCommit(position({ ops: { [fieldKey('commit:S.1#A')]: 'at' } }), 'R0', 1, 1, 'commit:S.1#A')).toEqual({
      kind: 'noop',
    });
    expect(planReturn(position({ ops: { 'return:X#0': 'at' } }), 'RESTOCK', 1, 'return:X#0')).toEqual({ kind: 'noop' });
    expect(fieldKey('a.b')).toBe('a%2Eb');
    expect(fieldKey('$x%')).toBe('%24x%25');
  });

  it('refuses to ship more than is on hand', () => {
    expect(() => planCommit(position(), 'R0', 11, 2, 'm')).toThrow(
      'Invalid shipped quantity for InventoryPosition "A@EAST": expected at most 10 (on hand), received 11',
    );
  });

  it('compare-and-swaps an adjustment on the expected version, naming both versions', () => {
    expect(() => planAdjust(position(), delta({ onHand: 1 }), 'COUNTED', 3)).toThrow(
      'InventoryPosition "A@EAST" is at version 4, expected version 3',
    );
    expect(planAdjust(position(), delta({ onHand: 1 }), 'COUNTED', 4)).toMatchObject({
      kind: 'apply',
      reason: 'COUNTED',
    });
  });

  it('refuses an empty adjustment, one of reserved, and one leaving a quantity negative', () => {
    expect(() => planAdjust(position(), delta({}), 'ADJUSTED', null)).toThrow(
      'Invalid delta: expected at least one non-zero change, received none',
    );
    expect(() => planAdjust(position(), delta({ reserved: 1 }), 'ADJUSTED', null)).toThrow('Invalid delta.reserved');
    expect(() => planAdjust(position(), delta({ safetyStock: -2 }), 'ADJUSTED', null)).toThrow(
      'expected a change leaving safetyStock >= 0 (safetyStock is 1), received -2',
    );
  });

  it('receives damaged returns on hand and counted damaged', () => {
    expect(planReturn(position(), 'DAMAGED', 2, 'return:X#0')).toMatchObject({
      delta: delta({ onHand: 2, damaged: 2 }),
      reason: 'DAMAGED',
      marker: 'return:X#0',
    });
  });
});
