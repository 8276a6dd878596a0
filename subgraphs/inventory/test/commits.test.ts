import { describe, expect, it } from 'vitest';
import { heldPart, remainingLines, shipmentSteps, statusAfterCommits } from '../src/domain/index.js';

const allocations = [
  {
    locationId: 'EAST',
    lines: [
      { lineId: 'L1', sku: 'A', quantity: 5 },
      { lineId: 'L2', sku: 'B', quantity: 2 },
    ],
  },
  { locationId: 'WEST', lines: [{ lineId: 'L1', sku: 'A', quantity: 3 }] },
];
const commit = (
  shipmentId: string,
  lines: { lineId: string; sku: string; locationId: string; quantity: number }[],
) => ({ shipmentId, lines, at: 'now' });

describe('reservation commits', () => {
  it('holds every allocated unit until a shipment commits it', () => {
    expect(remainingLines(allocations, [])).toEqual([
      { lineId: 'L1', sku: 'A', locationId: 'EAST', quantity: 5 },
      { lineId: 'L2', sku: 'B', locationId: 'EAST', quantity: 2 },
      { lineId: 'L1', sku: 'A', locationId: 'WEST', quantity: 3 },
    ]);
  });

  it("takes a partial shipment from the line's own hold at the shipping location", () => {
    const held = heldPart(allocations, [], {
      shipmentId: 'S1',
      locationId: 'EAST',
      lines: [{ lineId: 'L1', sku: 'A', quantity: 2 }],
    });
    expect(held).toEqual([{ lineId: 'L1', sku: 'A', locationId: 'EAST', quantity: 2 }]);
    const commits = [commit('S1', held)];
    expect(remainingLines(allocations, commits)[0]).toEqual({
      lineId: 'L1',
      sku: 'A',
      locationId: 'EAST',
      quantity: 3,
    });
    expect(statusAfterCommits(allocations, commits)).toBe('PARTIALLY_COMMITTED');
  });

  it('never takes more than is held there: the excess ships without a hold', () => {
    const held = heldPart(allocations, [], {
      shipmentId: 'S1',
      locationId: 'WEST',
      lines: [{ lineId: 'L1', sku: 'A', quantity: 7 }],
    });
    expect(held).toEqual([{ lineId: 'L1', sku: 'A', locationId: 'WEST', quantity: 3 }]);
  });

  it('falls back to another line of the same SKU when the WMS renumbered the line', () => {
    const held = heldPart(allocations, [], {
      shipmentId: 'S1',
      locationId: 'EAST',
      lines: [{ lineId: 'X9', sku: 'A', quantity: 1 }],
    });
    expect(held).toEqual([{ lineId: 'L1', sku: 'A', locationId: 'EAST', quantity: 1 }]);
  });

  it('is COMMITTED once every allocated unit shipped', () => {
    const commits = [
      commit('S1', [
        { lineId: 'L1', sku: 'A', locationId: 'EAST', quantity: 5 },
        { lineId: 'L2', sku: 'B', locationId: 'EAST', quantity: 2 },
      ]),
      commit('S2', [{ lineId: 'L1', sku: 'A', locationId: 'WEST', quantity: 3 }]),
    ];
    expect(remainingLines(allocations, commits)).toEqual([]);
    expect(statusAfterCommits(allocations, commits)).toBe('COMMITTED');
  });

  it('turns a shipment into one position step per SKU with the held part', () => {
    const shipment = {
      shipmentId: 'S1',
      locationId: 'WEST',
      lines: [
        { lineId: 'L1', sku: 'A', quantity: 4 },
        { lineId: 'L7', sku: 'C', quantity: 1 },
      ],
    };
    expect(shipmentSteps(shipment, heldPart(allocations, [], shipment))).toEqual([
      { sku: 'A', locationId: 'WEST', quantity: 4, fromHold: 3 },
      { sku: 'C', locationId: 'WEST', quantity: 1, fromHold: 0 },
    ]);
  });
});
