import { describe, expect, it } from 'vitest';
import {
  combinations,
  fewestLocations,
  rankLocations,
  type SourcingLocation,
  type SourcingRequest,
} from '../src/domain/index.js';

/** A location with stock given as `{ sku: units }`. */
const at = (id: string, priority: number, region: string, stock: Record<string, number>): SourcingLocation => ({
  id,
  priority,
  region,
  stock: new Map(Object.entries(stock)),
});
const line = (lineId: string, sku: string, quantity: number) => ({ lineId, sku, quantity });
const request = (overrides: Partial<SourcingRequest>): SourcingRequest => ({
  lines: [],
  locations: [],
  shipToRegion: null,
  maxSplits: 3,
  allowBackorder: false,
  channel: 'WEB',
  ...overrides,
});
const source = (overrides: Partial<SourcingRequest>) => fewestLocations.source(request(overrides));

describe('fewestLocations sourcing', () => {
  const east = at('EAST', 1, 'east', { A: 5, B: 5 });
  const west = at('WEST', 2, 'west', { A: 10, B: 10 });
  const south = at('SOUTH', 3, 'south', { A: 3 });

  it('ships from the highest-priority location that can fill every line', () => {
    expect(source({ lines: [line('1', 'A', 4), line('2', 'B', 4)], locations: [west, east] })).toEqual({
      ok: true,
      allocations: [{ locationId: 'EAST', lines: [line('1', 'A', 4), line('2', 'B', 4)] }],
      backordered: [],
    });
  });

  it('prefers one lower-priority location over splitting between higher-priority ones', () => {
    const result = source({ lines: [line('1', 'A', 8)], locations: [east, west, south] });
    expect(result).toMatchObject({ ok: true, allocations: [{ locationId: 'WEST', lines: [line('1', 'A', 8)] }] });
  });

  it('prefers a location in the ship-to region over a better priority elsewhere', () => {
    const result = source({ lines: [line('1', 'A', 2)], locations: [east, west], shipToRegion: 'west' });
    expect(result).toMatchObject({ ok: true, allocations: [{ locationId: 'WEST' }] });
  });

  it('splits a line over as few locations as possible, filling in rank order', () => {
    const result = source({ lines: [line('1', 'A', 14)], locations: [south, west, east] });
    expect(result).toEqual({
      ok: true,
      allocations: [
        { locationId: 'EAST', lines: [line('1', 'A', 5)] },
        { locationId: 'WEST', lines: [line('1', 'A', 9)] },
      ],
      backordered: [],
    });
  });

  it('adds up lines of the same SKU against one stock', () => {
    const result = source({ lines: [line('1', 'A', 3), line('2', 'A', 3)], locations: [east, west] });
    expect(result).toMatchObject({
      ok: true,
      allocations: [{ locationId: 'WEST', lines: [line('1', 'A', 3), line('2', 'A', 3)] }],
    });
  });

  it('never uses more locations than maxSplits and says so when that is what stands in the way', () => {
    const result = source({ lines: [line('1', 'A', 16)], locations: [east, west, south], maxSplits: 2 });
    expect(result).toEqual({
      ok: false,
      reason: 'A cannot be shipped from at most 2 location(s) on channel WEB',
      shortages: [{ lineId: '1', sku: 'A', requested: 16, available: 18 }],
    });
  });

  it('rejects with the SKUs short and what the channel could promise when backorders are not allowed', () => {
    const result = source({
      lines: [line('1', 'A', 1), line('2', 'B', 20), line('3', 'C', 1)],
      locations: [east, west],
    });
    expect(result).toEqual({
      ok: false,
      reason: 'Not enough stock on channel WEB for B, C',
      shortages: [
        { lineId: '2', sku: 'B', requested: 20, available: 15 },
        { lineId: '3', sku: 'C', requested: 1, available: 0 },
      ],
    });
  });

  it('ships what the best set of locations has and backorders the rest where allowed', () => {
    const result = source({
      lines: [line('1', 'A', 20), line('2', 'B', 1)],
      locations: [east, west, south],
      maxSplits: 2,
      allowBackorder: true,
    });
    expect(result).toEqual({
      ok: true,
      allocations: [
        { locationId: 'EAST', lines: [line('1', 'A', 5), line('2', 'B', 1)] },
        { locationId: 'WEST', lines: [line('1', 'A', 10)] },
      ],
      backordered: [line('1', 'A', 5)],
    });
  });

  it('backorders everything when no eligible location has stock', () => {
    expect(source({ lines: [line('1', 'A', 2)], locations: [], allowBackorder: true })).toEqual({
      ok: true,
      allocations: [],
      backordered: [line('1', 'A', 2)],
    });
    expect(source({ lines: [line('1', 'A', 2)], locations: [] })).toMatchObject({
      ok: false,
      reason: 'Not enough stock on channel WEB for A',
    });
  });

  it('is deterministic whatever order the locations come in', () => {
    const lines = [line('1', 'A', 12), line('2', 'B', 6)];
    const first = source({ lines, locations: [east, west, south] });
    expect(source({ lines, locations: [south, west, east] })).toEqual(first);
    expect(source({ lines, locations: [west, south, east] })).toEqual(first);
  });

  it('breaks priority ties by location id', () => {
    const a = at('B-DC', 1, 'x', { A: 5 });
    const b = at('A-DC', 1, 'x', { A: 5 });
    expect(source({ lines: [line('1', 'A', 1)], locations: [a, b] })).toMatchObject({
      allocations: [{ locationId: 'A-DC' }],
    });
  });
});

describe('sourcing helpers', () => {
  it('ranks the ship-to region first, then priority, then id', () => {
    const ranked = rankLocations(
      [at('C', 1, 'east', {}), at('B', 2, 'west', {}), at('A', 2, 'west', {}), at('D', 0, 'east', {})],
      'west',
    );
    expect(ranked.map((l) => l.id)).toEqual(['A', 'B', 'D', 'C']);
  });

  it('enumerates k-subsets in lexicographic order and none for k beyond the size', () => {
    expect([...combinations(['a', 'b', 'c'], 2)]).toEqual([
      ['a', 'b'],
      ['a', 'c'],
      ['b', 'c'],
    ]);
    expect([...combinations(['a'], 2)]).toEqual([]);
    expect([...combinations(['a', 'b'], 0)]).toEqual([]);
  });
});
