/**
 * Seeded pseudo-randomness. The dataset must be byte-for-byte reproducible from its options, so nothing in
 * this package may call Math.random; every draw goes through an Rng created from the seed.
 */

/** A seeded stream of pseudo-random draws with the helpers the generators need. */
export interface Rng {
  /** Next float in [0, 1). */
  next(): number;
  /** Whole number in [min, max], both ends inclusive. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element chosen uniformly; throws on an empty list. */
  pick<T>(items: readonly T[]): T;
  /** One element chosen in proportion to its (non-negative) weight; throws if all weights are zero. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** A shuffled copy (Fisher–Yates); the input is left untouched. */
  shuffle<T>(items: readonly T[]): T[];
  /** `count` distinct elements (fewer if the list is shorter), in random order. */
  sample<T>(items: readonly T[], count: number): T[];
  /** A string of `length` characters drawn uniformly from `alphabet`. */
  chars(alphabet: string, length: number): string;
}

/** mulberry32: a tiny 32-bit generator returning floats in [0, 1); good enough for fixtures, not for secrets. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Derives an independent seed for one domain (FNV-1a over the label, mixed with the base seed), so drawing
 * more numbers for orders never shifts the products generated from the same base seed.
 */
export function deriveSeed(seed: number, label: string): number {
  let hash = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < label.length; i += 1) {
    hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193) >>> 0;
  }
  return hash;
}

/** Creates an Rng over mulberry32 seeded with `seed`. */
export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const at = <T>(items: readonly T[], index: number): T => {
    const item = items[index];
    if (item === undefined) throw new RangeError(`index ${index} outside a list of ${items.length}`);
    return item;
  };
  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = int(0, i);
      [copy[i], copy[j]] = [at(copy, j), at(copy, i)];
    }
    return copy;
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => at(items, int(0, items.length - 1)),
    weighted: (entries) => {
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      if (!(total > 0)) throw new RangeError('weighted pick needs a positive total weight');
      let roll = next() * total;
      let last = at(entries, 0)[0];
      for (const [item, weight] of entries) {
        if (weight <= 0) continue;
        roll -= weight;
        last = item;
        if (roll < 0) return item;
      }
      // Float rounding can leave a sliver past the last bucket: it belongs to the last weighted entry.
      return last;
    },
    shuffle,
    sample: (items, count) => shuffle(items).slice(0, Math.max(0, count)),
    chars: (alphabet, length) => {
      let out = '';
      for (let i = 0; i < length; i += 1) out += alphabet.charAt(int(0, alphabet.length - 1));
      return out;
    },
  };
}
