import { describe, expect, it } from 'vitest';
import { compareVersions, decide, defineMasteringRules, matchesSource } from '../src/index.js';

const rules = defineMasteringRules({
  domain: 'test',
  fieldGroups: {
    onHand: {
      policy: 'source-wins',
      authorities: [
        { sources: ['wms:*'], locationKinds: ['DC', 'THREE_PL'] },
        { sources: ['pos:*'], locationKinds: ['STORE'] },
      ],
    },
    price: { policy: 'source-wins', authorities: [{ sources: ['erp', 'erp-backup'] }] },
    content: { policy: 'newest-wins', authorities: [{ sources: ['pim', 'erp'] }] },
    status: { policy: 'manual-review', authorities: [{ sources: ['erp', 'channel:*'] }] },
    orderLines: {
      policy: 'source-wins',
      authorities: [
        { sources: ['shopify'], channels: ['web'] },
        { sources: ['edi:*'], channels: ['b2b'] },
      ],
    },
  },
});

const at = (minute: number) => `2025-01-01T10:${String(minute).padStart(2, '0')}:00Z`;
const write = (source: string, sourceVersion: string, minute = 0) => ({
  source,
  sourceVersion,
  observedAt: at(minute),
});

describe('mastering decisions', () => {
  it('applies a first write from an authoritative source', () => {
    expect(decide(rules, { fieldGroup: 'price', incoming: write('erp', '1') })).toEqual({
      outcome: 'apply',
      reason: 'first value',
    });
  });

  it('refuses a non-authoritative source, naming who masters the field group', () => {
    const decision = decide(rules, { fieldGroup: 'price', incoming: write('shopify', '1') });
    expect(decision).toMatchObject({ outcome: 'refuse', code: 'non-authoritative' });
    expect(decision.reason).toBe(
      'non-authoritative source: shopify does not master price (authoritative: erp, erp-backup)',
    );
  });

  it('chooses the authority by location kind: WMS at a DC, POS at a store', () => {
    expect(
      decide(rules, { fieldGroup: 'onHand', context: { locationKind: 'DC' }, incoming: write('wms:dc-east', '1') })
        .outcome,
    ).toBe('apply');
    expect(
      decide(rules, { fieldGroup: 'onHand', context: { locationKind: 'THREE_PL' }, incoming: write('wms:3pl', '1') })
        .outcome,
    ).toBe('apply');
    expect(
      decide(rules, { fieldGroup: 'onHand', context: { locationKind: 'STORE' }, incoming: write('pos:store-7', '1') })
        .outcome,
    ).toBe('apply');
    const refused = decide(rules, {
      fieldGroup: 'onHand',
      context: { locationKind: 'STORE' },
      incoming: write('wms:dc-east', '1'),
    });
    expect(refused.reason).toBe(
      'non-authoritative source: wms:dc-east does not master onHand at STORE (authoritative: pos:*)',
    );
    expect(decide(rules, { fieldGroup: 'onHand', incoming: write('wms:dc-east', '1') }).outcome).toBe('refuse');
  });

  it('chooses the authority by channel', () => {
    expect(
      decide(rules, { fieldGroup: 'orderLines', context: { channel: 'web' }, incoming: write('shopify', '1') }).outcome,
    ).toBe('apply');
    expect(
      decide(rules, { fieldGroup: 'orderLines', context: { channel: 'b2b' }, incoming: write('shopify', '1') }).outcome,
    ).toBe('refuse');
    expect(
      decide(rules, { fieldGroup: 'orderLines', context: { channel: 'b2b' }, incoming: write('edi:acme', '1') })
        .outcome,
    ).toBe('apply');
  });

  it('refuses an older or equal version from the same source as stale, whatever the policy', () => {
    for (const fieldGroup of ['price', 'content', 'status']) {
      const decision = decide(rules, { fieldGroup, incoming: write('erp', '7', 30), current: write('erp', '9', 0) });
      expect(decision).toEqual({ outcome: 'refuse', code: 'stale', reason: 'stale: version 7 ≤ applied 9' });
    }
    expect(
      decide(rules, { fieldGroup: 'price', incoming: write('erp', '9'), current: write('erp', '9') }).outcome,
    ).toBe('refuse');
    expect(
      decide(rules, { fieldGroup: 'price', incoming: write('erp', '10'), current: write('erp', '9') }).outcome,
    ).toBe('apply');
  });

  it('lets an authoritative source replace a value from a non-authoritative one (a seed)', () => {
    const decision = decide(rules, {
      fieldGroup: 'content',
      incoming: write('pim', '1', 0),
      current: write('seed', '1', 59),
    });
    expect(decision).toEqual({ outcome: 'apply', reason: 'supersedes non-authoritative seed' });
  });

  it('source-wins: the higher-ranked source replaces the lower one, never the reverse', () => {
    expect(
      decide(rules, { fieldGroup: 'price', incoming: write('erp', '1', 0), current: write('erp-backup', '5', 30) })
        .outcome,
    ).toBe('apply');
    const refused = decide(rules, {
      fieldGroup: 'price',
      incoming: write('erp-backup', '6', 59),
      current: write('erp', '1', 0),
    });
    expect(refused).toMatchObject({
      outcome: 'refuse',
      code: 'non-authoritative',
      reason: 'non-authoritative source: erp-backup ranks below erp for price',
    });
  });

  it('source-wins: between equally ranked sources the newer observation wins', () => {
    const context = { locationKind: 'DC' };
    expect(
      decide(rules, {
        fieldGroup: 'onHand',
        context,
        incoming: write('wms:a', '1', 20),
        current: write('wms:b', '9', 10),
      }).outcome,
    ).toBe('apply');
    expect(
      decide(rules, {
        fieldGroup: 'onHand',
        context,
        incoming: write('wms:a', '1', 5),
        current: write('wms:b', '9', 10),
      }),
    ).toMatchObject({ code: 'older-observation' });
  });

  it('newest-wins: compares the sources’ observation times across sources', () => {
    expect(
      decide(rules, { fieldGroup: 'content', incoming: write('erp', '1', 20), current: write('pim', '4', 10) }),
    ).toEqual({ outcome: 'apply', reason: 'newer observation' });
    const refused = decide(rules, {
      fieldGroup: 'content',
      incoming: write('erp', '1', 5),
      current: write('pim', '4', 10),
    });
    expect(refused).toEqual({
      outcome: 'refuse',
      code: 'older-observation',
      reason: `older observation: ${at(5)} ≤ applied ${at(10)} from pim`,
    });
  });

  it('manual-review: a write from another authoritative source needs review, an update from the same one applies', () => {
    const refused = decide(rules, {
      fieldGroup: 'status',
      incoming: write('channel:web', '1', 30),
      current: write('erp', '3', 0),
    });
    expect(refused).toMatchObject({ outcome: 'refuse', code: 'needs-review' });
    expect(refused.reason).toMatch(/^needs review: channel:web and erp both master status/);
    expect(
      decide(rules, { fieldGroup: 'status', incoming: write('erp', '4'), current: write('erp', '3') }).outcome,
    ).toBe('apply');
  });

  it('rejects an unknown field group as a wiring mistake', () => {
    expect(() => decide(rules, { fieldGroup: 'colour', incoming: write('erp', '1') })).toThrow(
      'Invalid fieldGroup for test mastering: expected one of onHand, price, content, status, orderLines, received "colour"',
    );
  });

  it('rejects a rule set without authorities or with an unknown policy', () => {
    expect(() =>
      defineMasteringRules({ domain: 'x', fieldGroups: { a: { policy: 'source-wins', authorities: [] } } }),
    ).toThrow(/fieldGroups\.a\.authorities/);
    expect(() =>
      defineMasteringRules({
        domain: 'x',
        fieldGroups: { a: { policy: 'latest' as never, authorities: [{ sources: ['erp'] }] } },
      }),
    ).toThrow(/fieldGroups\.a\.policy/);
  });
});

describe('source versions and patterns', () => {
  it('compares integers numerically, ISO times as instants, anything else lexically', () => {
    expect(compareVersions('10', '9')).toBeGreaterThan(0);
    expect(compareVersions('18446744073709551617', '18446744073709551616')).toBeGreaterThan(0);
    expect(compareVersions('2025-01-01T10:00:00+02:00', '2025-01-01T09:00:00Z')).toBeLessThan(0);
    expect(compareVersions('2025-01-02', '2025-01-01T23:59:59Z')).toBeGreaterThan(0);
    expect(compareVersions('b', 'a')).toBeGreaterThan(0);
    expect(compareVersions('v10', 'v9')).toBeLessThan(0); // lexical, as documented
    expect(compareVersions('7', '7')).toBe(0);
  });

  it('matches exact sources and * wildcards only', () => {
    expect(matchesSource('wms:*', 'wms:dc-east')).toBe(true);
    expect(matchesSource('wms:*', 'pos:wms:1')).toBe(false);
    expect(matchesSource('erp', 'erp2')).toBe(false);
    expect(matchesSource('edi:*.acme', 'edi:x.acme')).toBe(true);
    expect(matchesSource('edi:*.acme', 'edi:xyacme')).toBe(false);
  });
});
