import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed, mulberry32 } from '../src/index.js';

describe('seeded PRNG', () => {
  it('repeats the same sequence for the same seed and differs for another seed', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const c = mulberry32(2);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(first);
    for (const value of first) expect(value >= 0 && value < 1).toBe(true);
  });

  it('derives distinct, stable seeds per label', () => {
    expect(deriveSeed(42, 'orders')).toBe(deriveSeed(42, 'orders'));
    expect(deriveSeed(42, 'orders')).not.toBe(deriveSeed(42, 'products'));
    expect(deriveSeed(42, 'orders')).not.toBe(deriveSeed(43, 'orders'));
  });

  it('draws whole numbers within both inclusive bounds, hitting each end', () => {
    const rng = createRng(3);
    const seen = new Set(Array.from({ length: 500 }, () => rng.int(1, 4)));
    expect([...seen].sort()).toEqual([1, 2, 3, 4]);
  });

  it('never picks a zero-weight entry and follows the weights roughly', () => {
    const rng = createRng(5);
    const draws = Array.from({ length: 2000 }, () =>
      rng.weighted([
        ['a', 3],
        ['never', 0],
        ['b', 1],
      ] as const),
    );
    expect(draws).not.toContain('never');
    const share = draws.filter((d) => d === 'a').length / draws.length;
    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(0.8);
  });

  it('shuffles into a permutation without touching the input, and samples distinct items', () => {
    const rng = createRng(9);
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    const shuffled = rng.shuffle(items);
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...shuffled].sort()).toEqual(items);
    const sample = rng.sample(items, 3);
    expect(new Set(sample).size).toBe(3);
    expect(rng.sample(items, 20)).toHaveLength(8);
  });

  it('refuses to pick from an empty list', () => {
    expect(() => createRng(1).pick([])).toThrow(RangeError);
  });
});
