import { describe, expect, it } from 'vitest';
import {
  availabilityOf,
  available,
  compareLocations,
  newestUpdate,
  positionId,
  sortByLocation,
} from '../src/domain/index.js';

const stock = { onHand: 10, reserved: 0, safetyStock: 0, damaged: 0, qualityControl: 0 };

describe('available', () => {
  it('subtracts reserved, safety stock, damaged and quality-control units from on-hand', () => {
    expect(available({ onHand: 20, reserved: 3, safetyStock: 2, damaged: 1, qualityControl: 4 })).toBe(10);
  });

  it('is everything on hand when nothing is held back', () => {
    expect(available(stock)).toBe(10);
  });

  it('is zero when exactly everything is held back', () => {
    expect(available({ ...stock, reserved: 6, safetyStock: 4 })).toBe(0);
  });

  it('never goes negative when more is reserved than on hand', () => {
    expect(available({ ...stock, onHand: 2, reserved: 3 })).toBe(0);
    expect(available({ ...stock, onHand: 0 })).toBe(0);
  });
});

describe('positionId', () => {
  it('joins sku and location id with "@"', () => {
    expect(positionId('SKU-1', 'DC-EAST')).toBe('SKU-1@DC-EAST');
  });

  it('allows "@" in a sku, since the location id after the last "@" is unambiguous', () => {
    expect(positionId('A@B', 'DC-EAST')).toBe('A@B@DC-EAST');
  });

  it('refuses a location id containing "@" with INVALID_INPUT naming locationId', () => {
    expect(() => positionId('A', 'B@C')).toThrow(
      'Invalid locationId: expected a location id without "@", received "B@C"',
    );
  });
});

describe('compareLocations', () => {
  it('puts the lower priority number first, then breaks ties by id', () => {
    const rows = [
      { id: 'C', priority: 2 },
      { id: 'B', priority: 2 },
      { id: 'A', priority: 3 },
      { id: 'Z', priority: 1 },
    ];
    expect(rows.sort(compareLocations).map((r) => r.id)).toEqual(['Z', 'B', 'C', 'A']);
  });

  it('treats identical locations as equal', () => {
    expect(compareLocations({ id: 'A', priority: 1 }, { id: 'A', priority: 1 })).toBe(0);
  });
});

describe('sortByLocation', () => {
  const priorities = new Map([
    ['EAST', { priority: 1 }],
    ['WEST', { priority: 2 }],
    ['NYC', { priority: 2 }],
  ]);

  it('orders rows by their location priority, then location id, without mutating the input', () => {
    const rows = [{ locationId: 'WEST' }, { locationId: 'EAST' }, { locationId: 'NYC' }];
    expect(sortByLocation(rows, priorities).map((r) => r.locationId)).toEqual(['EAST', 'NYC', 'WEST']);
    expect(rows.map((r) => r.locationId)).toEqual(['WEST', 'EAST', 'NYC']);
  });

  it('puts rows of unknown locations last, by id', () => {
    const rows = [{ locationId: 'ZZZ' }, { locationId: 'AAA' }, { locationId: 'WEST' }];
    expect(sortByLocation(rows, priorities).map((r) => r.locationId)).toEqual(['WEST', 'AAA', 'ZZZ']);
  });

  it('returns an empty list for no rows', () => {
    expect(sortByLocation([], priorities)).toEqual([]);
  });
});

describe('newestUpdate', () => {
  it('picks the latest instant, comparing instants rather than text', () => {
    const rows = [
      { updatedAt: '2026-11-01T10:00:00.000Z' },
      { updatedAt: '2026-11-01T11:00:00+02:00' },
      { updatedAt: '2026-11-01T10:30:00.000Z' },
    ];
    expect(newestUpdate(rows, 'fallback')).toBe('2026-11-01T10:30:00.000Z');
  });

  it('falls back when there are no rows', () => {
    expect(newestUpdate([], '2026-11-26T12:00:00.000Z')).toBe('2026-11-26T12:00:00.000Z');
  });
});

describe('availabilityOf', () => {
  it('keeps the given order, sums per-location available and dates it by the newest position', () => {
    const positions = [
      { ...stock, locationId: 'EAST', onHand: 10, reserved: 2, updatedAt: '2026-11-02T00:00:00.000Z' },
      { ...stock, locationId: 'WEST', onHand: 1, reserved: 5, updatedAt: '2026-11-03T00:00:00.000Z' },
      { ...stock, locationId: 'NYC', onHand: 4, damaged: 1, updatedAt: '2026-11-01T00:00:00.000Z' },
    ];
    expect(availabilityOf(positions, 'now')).toEqual({
      available: 11,
      byLocation: [
        { locationId: 'EAST', available: 8 },
        { locationId: 'WEST', available: 0 },
        { locationId: 'NYC', available: 3 },
      ],
      asOf: '2026-11-03T00:00:00.000Z',
      channel: null,
    });
  });

  it('is zero, empty and as of the request time for a product stocked nowhere', () => {
    expect(availabilityOf([], '2026-11-26T12:00:00.000Z')).toEqual({
      available: 0,
      byLocation: [],
      asOf: '2026-11-26T12:00:00.000Z',
      channel: null,
    });
  });
});
