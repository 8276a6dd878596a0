import { describe, expect, it } from 'vitest';
import { formatCents } from '../src/index.js';

describe('formatCents', () => {
  it('formats whole cents as a decimal string with exactly two places', () => {
    expect(formatCents(1250)).toBe('12.50');
    expect(formatCents(5)).toBe('0.05');
    expect(formatCents(0)).toBe('0.00');
    expect(formatCents(123456)).toBe('1234.56');
  });

  it('refuses fractional or negative amounts instead of rounding money', () => {
    expect(() => formatCents(12.5)).toThrow(RangeError);
    expect(() => formatCents(-1)).toThrow(RangeError);
  });
});
