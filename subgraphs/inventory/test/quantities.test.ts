import { describe, expect, it } from 'vitest';
import {
  assertNonNegative,
  available,
  delta,
  freeDelta,
  freeOf,
  isZero,
  negativeField,
  resultingOf,
  returnDelta,
} from '../src/domain/index.js';

const stock = { onHand: 10, reserved: 2, safetyStock: 1, damaged: 1, qualityControl: 1 };

describe('quantity rules', () => {
  it('keeps free equal to available before clamping, so it can go negative', () => {
    expect(freeOf(stock)).toBe(5);
    expect(available(stock)).toBe(5);
    expect(freeOf({ ...stock, onHand: 3 })).toBe(-2);
    expect(available({ ...stock, onHand: 3 })).toBe(0);
  });

  it('moves free by the same amount as available for any delta', () => {
    const change = delta({ onHand: 4, reserved: 3, damaged: -1 });
    expect(freeOf(stock) + freeDelta(change)).toBe(freeOf(resultingOf(stock, change)));
  });

  it('computes the resulting quantities with their available', () => {
    expect(resultingOf(stock, delta({ reserved: 5 }))).toEqual({
      onHand: 10,
      reserved: 7,
      safetyStock: 1,
      damaged: 1,
      qualityControl: 1,
      available: 0,
    });
  });

  it('fills missing delta fields with zero and recognises an empty delta', () => {
    expect(delta({ onHand: 1 })).toEqual({ onHand: 1, reserved: 0, safetyStock: 0, damaged: 0, qualityControl: 0 });
    expect(isZero(delta({}))).toBe(true);
    expect(isZero(delta({ damaged: -1 }))).toBe(false);
  });

  it('names the first quantity a delta would make negative', () => {
    expect(negativeField(stock, delta({ onHand: -10 }))).toBeNull();
    expect(negativeField(stock, delta({ onHand: -11 }))).toBe('onHand');
    expect(negativeField(stock, delta({ damaged: -2 }))).toBe('damaged');
  });

  it('refuses a negative result with INVALID_INPUT naming the field, its value and the change', () => {
    expect(() => assertNonNegative(stock, delta({ qualityControl: -3 }), 'InventoryPosition "A@B"')).toThrow(
      'Invalid delta.qualityControl for InventoryPosition "A@B": expected a change leaving qualityControl >= 0 (qualityControl is 1), received -3',
    );
  });

  it('puts every returned unit on hand and counts damaged and QC units out of available', () => {
    expect(returnDelta('RESTOCK', 2)).toEqual({ delta: delta({ onHand: 2 }), reason: 'RESTOCKED' });
    expect(returnDelta('DAMAGED', 2)).toEqual({ delta: delta({ onHand: 2, damaged: 2 }), reason: 'DAMAGED' });
    expect(returnDelta('QUALITY_CONTROL', 2)).toEqual({
      delta: delta({ onHand: 2, qualityControl: 2 }),
      reason: 'QUALITY_CONTROL',
    });
    for (const disposition of ['DAMAGED', 'QUALITY_CONTROL'] as const)
      expect(available(resultingOf(stock, returnDelta(disposition, 2).delta))).toBe(available(stock));
  });
});
