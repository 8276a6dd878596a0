import { decide } from '@fulfillment-mesh/connectors';
import { describe, expect, it } from 'vitest';
import { ordersMastering, toFinancialStatus } from '../src/mastering.js';

const at = (source: string, sourceVersion = '1', observedAt = '2026-11-05T10:00:00Z') => ({
  source,
  sourceVersion,
  observedAt,
});

describe('orders mastering rules', () => {
  it('lets only channels write what was ordered', () => {
    expect(decide(ordersMastering, { fieldGroup: 'content', incoming: at('channel:edi:BUYERCO') })).toMatchObject({
      outcome: 'apply',
    });
    expect(decide(ordersMastering, { fieldGroup: 'content', incoming: at('erp') })).toMatchObject({
      outcome: 'refuse',
      code: 'non-authoritative',
    });
  });

  it('lets the ERP replace the channel’s payment state, and never the other way round', () => {
    expect(
      decide(ordersMastering, {
        fieldGroup: 'financialStatus',
        incoming: at('erp'),
        current: at('channel:shopify', '2026-11-05T09:00:00Z'),
      }),
    ).toMatchObject({ outcome: 'apply' });
    expect(
      decide(ordersMastering, {
        fieldGroup: 'financialStatus',
        incoming: at('channel:shopify', '2026-11-06T00:00:00Z'),
        current: at('erp'),
      }),
    ).toMatchObject({
      outcome: 'refuse',
      code: 'non-authoritative',
    });
  });

  it('takes the ERP order number from the ERP only', () => {
    expect(decide(ordersMastering, { fieldGroup: 'erpOrderNumber', incoming: at('channel:web') })).toMatchObject({
      outcome: 'refuse',
      code: 'non-authoritative',
    });
  });

  it('reads payment states in any case and separator, and nothing else', () => {
    expect([
      toFinancialStatus('partially_paid'),
      toFinancialStatus('PAID'),
      toFinancialStatus('partially-refunded'),
      toFinancialStatus('expired'),
      toFinancialStatus(null),
    ]).toEqual(['PARTIALLY_PAID', 'PAID', 'PARTIALLY_REFUNDED', null, null]);
  });
});
