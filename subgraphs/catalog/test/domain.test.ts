import { describe, expect, it } from 'vitest';
import {
  escapeRegExp,
  fieldsOf,
  isDecimalAmount,
  placeholderProduct,
  productFilter,
  UNCATEGORIZED,
  validateProductUpdate,
} from '../src/domain/products.js';

describe('catalog domain', () => {
  it('builds a store filter from a client filter and a cursor', () => {
    expect(productFilter({ category: 'janitorial', status: 'ACTIVE', skus: ['A', 'B'] }, 'A')).toEqual({
      category: 'janitorial',
      status: 'ACTIVE',
      _id: { $in: ['A', 'B'], $gt: 'A' },
    });
  });

  it('refuses an empty or oversized search with the field name', () => {
    expect(() => productFilter({ search: '  ' }, null)).toThrow(
      'Invalid filter.search: expected 1 to 100 characters, received "  "',
    );
    expect(() => productFilter({ skus: Array.from({ length: 501 }, (_, i) => `S${i}`) }, null)).toThrow(
      'Invalid filter.skus',
    );
  });

  it('escapes regular-expression syntax in search terms', () => {
    expect(escapeRegExp('a.b*(c)')).toBe('a\\.b\\*\\(c\\)');
  });

  it('accepts decimal money strings and refuses floats in exponent form or negatives', () => {
    expect(isDecimalAmount('12.50')).toBe(true);
    expect(isDecimalAmount('0')).toBe(true);
    expect(isDecimalAmount('-1.00')).toBe(false);
    expect(isDecimalAmount('1e3')).toBe(false);
  });
});

describe('catalog domain: mastered updates', () => {
  const stamp = { source: 'erp', sourceVersion: '3', observedAt: '2026-11-02T08:00:00Z' };

  it('refuses bad values naming the field, what was expected and what was received', () => {
    expect(() => validateProductUpdate('SKU-1', stamp, { price: { amount: '1e3', currencyCode: 'USD' } })).toThrow(
      'Invalid price: expected a non-negative decimal with at most 4 fraction digits, received "1e3"',
    );
    expect(() => validateProductUpdate('SKU 1', stamp, {})).toThrow('Invalid sku');
    expect(() => validateProductUpdate('SKU-1', { ...stamp, observedAt: 'today' }, {})).toThrow(
      'Invalid observedAt: expected an ISO-8601 time',
    );
    expect(() => validateProductUpdate('SKU-1', stamp, { uom: 'each' })).toThrow('Invalid uom');
  });

  it('sets only the fields of the field group a write carries', () => {
    const at = '2026-11-02T08:00:00.000Z';
    expect(fieldsOf('uom', { uom: 'CS', price: { amount: '1', currencyCode: 'USD' } }, at)).toEqual({
      unitOfMeasure: 'CS',
      updatedAt: at,
    });
    expect(fieldsOf('content', { uom: 'CS' }, at)).toBeNull();
  });

  it('creates ERP-only items with the SKU as name and the uncategorized placeholder', () => {
    expect(placeholderProduct('NEW-1', { status: 'DISCONTINUED' }, 'now')).toMatchObject({
      name: 'NEW-1',
      category: UNCATEGORIZED,
      status: 'DISCONTINUED',
      attributes: [],
    });
  });
});
