import { describe, expect, it } from 'vitest';
import { escapeRegExp, isDecimalAmount, productFilter } from '../src/domain.js';

describe('catalog domain', () => {
  it('builds a store filter from a client filter and a cursor', () => {
    expect(productFilter({ category: 'janitorial', status: 'ACTIVE', skus: ['A', 'B'] }, 'A')).toEqual({
      category: 'janitorial',
      status: 'ACTIVE',
      _id: { $in: ['A', 'B'], $gt: 'A' },
    });
  });

  it('refuses an empty or oversized search with the field name', () => {
    expect(() => productFilter({ search: '  ' }, null)).toThrow('Invalid filter.search: expected 1 to 100 characters, received "  "');
    expect(() => productFilter({ skus: Array.from({ length: 501 }, (_, i) => `S${i}`) }, null)).toThrow('Invalid filter.skus');
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
