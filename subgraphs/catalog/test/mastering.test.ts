import { decide } from '@fulfillment-mesh/connectors';
import { describe, expect, it } from 'vitest';
import { catalogMastering } from '../src/mastering.js';

const at = (day: number) => `2026-11-0${day}T00:00:00Z`;
const erp = (version: string, day = 1) => ({ source: 'erp', sourceVersion: version, observedAt: at(day) });
const pim = (version: string, day = 1) => ({ source: 'pim', sourceVersion: version, observedAt: at(day) });

describe('catalog mastering rules', () => {
  it('lets the ERP master price, uom and status, and the PIM content', () => {
    for (const fieldGroup of ['price', 'uom', 'status']) {
      expect(decide(catalogMastering, { fieldGroup, incoming: erp('1') }).outcome).toBe('apply');
      expect(decide(catalogMastering, { fieldGroup, incoming: pim('1') })).toMatchObject({
        outcome: 'refuse',
        code: 'non-authoritative',
      });
    }
    expect(decide(catalogMastering, { fieldGroup: 'content', incoming: pim('1') }).outcome).toBe('apply');
    expect(decide(catalogMastering, { fieldGroup: 'content', incoming: erp('1') })).toMatchObject({
      outcome: 'refuse',
      code: 'non-authoritative',
    });
  });

  it('orders one source’s writes by its version, not by its clock', () => {
    expect(
      decide(catalogMastering, { fieldGroup: 'price', incoming: erp('10', 1), current: erp('9', 5) }).outcome,
    ).toBe('apply');
    expect(
      decide(catalogMastering, { fieldGroup: 'price', incoming: erp('9', 5), current: erp('10', 1) }),
    ).toMatchObject({ code: 'stale' });
  });

  it('replaces seeded values with the first write of the authoritative source', () => {
    const seed = { source: 'seed', sourceVersion: '1', observedAt: at(9) };
    expect(decide(catalogMastering, { fieldGroup: 'content', incoming: pim('1', 1), current: seed })).toMatchObject({
      outcome: 'apply',
      reason: 'supersedes non-authoritative seed',
    });
  });
});
