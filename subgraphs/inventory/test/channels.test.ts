import { describe, expect, it } from 'vitest';
import {
  channelAvailabilityOf,
  channelAvailable,
  channelRule,
  DEFAULT_CHANNELS,
  isEligible,
} from '../src/domain/index.js';

const stock = { onHand: 10, reserved: 3, safetyStock: 1, damaged: 0, qualityControl: 0 };

describe('channel rules', () => {
  it('lets web orders ship from DCs and the 3PL but not from stores', () => {
    const web = DEFAULT_CHANNELS.WEB;
    expect(isEligible(web, { id: 'dc', kind: 'DC' })).toBe(true);
    expect(isEligible(web, { id: '3pl', kind: 'THREE_PL' })).toBe(true);
    expect(isEligible(web, { id: 'store', kind: 'STORE' })).toBe(false);
  });

  it('makes a location eligible by id whatever its kind', () => {
    expect(
      isEligible({ ...DEFAULT_CHANNELS.MARKETPLACE, locationIds: ['store-1'] }, { id: 'store-1', kind: 'STORE' }),
    ).toBe(true);
  });

  it('keeps the channel buffer out of what a position promises, never below zero', () => {
    expect(channelAvailable(DEFAULT_CHANNELS.WEB, stock)).toBe(4);
    expect(channelAvailable(DEFAULT_CHANNELS.MARKETPLACE, stock)).toBe(1);
    expect(channelAvailable(DEFAULT_CHANNELS.MARKETPLACE, { ...stock, onHand: 6 })).toBe(0);
  });

  it('refuses an unknown channel with INVALID_INPUT naming channel', () => {
    expect(() => channelRule(DEFAULT_CHANNELS, 'FAX')).toThrow(
      'Invalid channel: expected one of WEB, MARKETPLACE, EDI, INSIDE_SALES, STORE, received "FAX"',
    );
  });

  it('sums a channel ATP over eligible locations only, each less the buffer', () => {
    const locations = new Map([
      ['dc', { id: 'dc', kind: 'DC' as const }],
      ['store', { id: 'store', kind: 'STORE' as const }],
    ]);
    const positions = [
      { ...stock, locationId: 'dc', updatedAt: '2026-11-01T00:00:00.000Z' },
      { ...stock, locationId: 'store', updatedAt: '2026-11-02T00:00:00.000Z' },
      { ...stock, locationId: 'unknown', updatedAt: '2026-11-03T00:00:00.000Z' },
    ];
    expect(channelAvailabilityOf(positions, locations, 'WEB', DEFAULT_CHANNELS.WEB, 'now')).toEqual({
      available: 4,
      byLocation: [{ locationId: 'dc', available: 4 }],
      asOf: '2026-11-01T00:00:00.000Z',
      channel: 'WEB',
    });
    expect(
      channelAvailabilityOf(positions, locations, 'INSIDE_SALES', DEFAULT_CHANNELS.INSIDE_SALES, 'now').available,
    ).toBe(12);
  });
});
