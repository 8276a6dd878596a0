import { describe, expect, it } from 'vitest';
import { planObservedOnHand, type ObservedPosition } from '../src/domain/index.js';
import { inventoryMastering } from '../src/mastering.js';

const at = '2026-11-26T10:00:00Z';
const wms = (sequence: string, source = 'wms:dc-east') => ({ source, sourceVersion: sequence, observedAt: at });
const dc = (overrides: Partial<ObservedPosition> = {}): ObservedPosition => ({
  _id: 'A@DC-EAST',
  onHand: 10,
  reserved: 0,
  safetyStock: 0,
  damaged: 0,
  qualityControl: 0,
  version: 1,
  ...overrides,
});
const plan = (
  position: ObservedPosition,
  change: { kind: 'set' | 'delta'; onHand: number },
  incoming = wms('1'),
  kind = 'DC',
  locationId = 'DC-EAST',
) => planObservedOnHand(position, change, 'COUNTED', incoming, inventoryMastering, kind, locationId);

describe('planObservedOnHand', () => {
  it('replaces a seeded value on the first authoritative write and records provenance and sequence in the same change', () => {
    const { change, verdict } = plan(
      dc({ provenance: { onHand: { source: 'seed', sourceVersion: '1', observedAt: at } } }),
      { kind: 'set', onHand: 7 },
    );
    expect(verdict).toEqual({ kind: 'apply', onHand: 7, shortfall: 0 });
    expect(change).toMatchObject({
      kind: 'apply',
      delta: { onHand: -3 },
      set: { 'provenance.onHand': wms('1'), 'onHandSequences.wms:dc-east': '1' },
    });
  });

  it('treats the same sequence from the same source as a duplicate and an older one as stale', () => {
    const applied = dc({ provenance: { onHand: wms('5') }, onHandSequences: { 'wms:dc-east': '5' } });
    expect(plan(applied, { kind: 'delta', onHand: 1 }, wms('5')).verdict).toEqual({ kind: 'duplicate' });
    expect(plan(applied, { kind: 'delta', onHand: 1 }, wms('4')).verdict).toMatchObject({
      kind: 'refuse',
      code: 'stale',
    });
    expect(plan(applied, { kind: 'delta', onHand: 1 }, wms('10')).verdict).toMatchObject({ kind: 'apply', onHand: 11 });
  });

  it("keeps a source's high-water sequence even after another source wrote in between", () => {
    const position = dc({
      provenance: { onHand: wms('1', 'wms:dc-east-b') },
      onHandSequences: { 'wms:dc-east': '9', 'wms:dc-east-b': '1' },
    });
    const verdict = planObservedOnHand(
      position,
      { kind: 'delta', onHand: 1 },
      'ADJUSTED',
      { ...wms('8'), observedAt: '2026-11-26T11:00:00Z' },
      inventoryMastering,
      'DC',
      'DC-EAST',
    ).verdict;
    expect(verdict).toEqual({ kind: 'refuse', code: 'stale', reason: 'stale: version 8 ≤ applied 9 from wms:dc-east' });
  });

  it('refuses a POS at a DC, a WMS at a store and a WMS of another location', () => {
    expect(plan(dc(), { kind: 'set', onHand: 1 }, wms('1', 'pos:dc-east')).verdict).toMatchObject({
      kind: 'refuse',
      code: 'non-authoritative',
    });
    expect(
      plan(dc(), { kind: 'set', onHand: 1 }, wms('1', 'wms:store-east'), 'STORE', 'STORE-EAST').verdict,
    ).toMatchObject({ kind: 'refuse', code: 'non-authoritative' });
    expect(plan(dc(), { kind: 'set', onHand: 1 }, wms('1', 'wms:dc-west')).verdict).toMatchObject({
      kind: 'refuse',
      reason: expect.stringContaining('not of DC-EAST'),
    });
  });

  it('stops on-hand at reserved and reports the shortfall', () => {
    expect(plan(dc({ reserved: 6 }), { kind: 'delta', onHand: -8 }).verdict).toEqual({
      kind: 'apply',
      onHand: 6,
      shortfall: 4,
    });
    expect(plan(dc({ reserved: 6 }), { kind: 'set', onHand: 2 }).change).toMatchObject({ delta: { onHand: -4 } });
  });
});
