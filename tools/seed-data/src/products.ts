import type { Rng } from './random.js';
import type { SeedProduct } from './types.js';
import { CATEGORIES, type CategorySpec, type ProductFamily, type UnitOfMeasure } from './vocabulary.js';

/** Share of the catalog that is discontinued (kept for order history, no longer sold). */
const DISCONTINUED_RATE = 0.05;

/** How the description says what one unit of measure is. */
const UOM_PHRASE: Record<UnitOfMeasure, string> = {
  EA: 'Sold individually (each).',
  CS: 'Sold by the case.',
  BX: 'Sold by the box.',
  PK: 'Sold by the pack.',
  RL: 'Sold by the roll.',
  GAL: 'Sold by the gallon.',
  LB: 'Sold by the pound.',
};

/** Price endings buyers are used to seeing; a third of prices keep their random cents. */
const CENT_ENDINGS = [99, 99, 49, 95, 50, 25, 0] as const;

/** Formats whole cents as a two-place decimal string ("1250" → "12.50") without float arithmetic. */
export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0)
    throw new RangeError(`not a whole, non-negative cent amount: ${cents}`);
  return `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** Generates `count` products with unique `FM-<CAT>-<5 digits>` SKUs, sorted by SKU. */
export function generateProducts(rng: Rng, count: number): SeedProduct[] {
  const taken = new Set<string>();
  const products: SeedProduct[] = [];
  const byWeight = CATEGORIES.map((category) => [category, category.weight] as const);
  for (let i = 0; i < count; i += 1) {
    const category = rng.weighted(byWeight);
    products.push(makeProduct(rng, category, uniqueSku(rng, category.code, taken)));
  }
  return products.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}

function uniqueSku(rng: Rng, code: string, taken: Set<string>): string {
  // 90,000 numbers per category: collisions are rare, and retrying keeps the draw deterministic.
  for (;;) {
    const sku = `FM-${code}-${rng.int(10000, 99999)}`;
    if (!taken.has(sku)) {
      taken.add(sku);
      return sku;
    }
  }
}

function makeProduct(rng: Rng, category: CategorySpec, sku: string): SeedProduct {
  const family = rng.pick(category.families);
  const brand = rng.pick(category.brands);
  const unitOfMeasure = rng.pick(family.uoms);
  const attributes = chooseAttributes(rng, family);
  const [first, second] = attributes;
  const qualifiers = [first?.value, second?.value].filter((value): value is string => value !== undefined);
  const details = attributes.map((attribute) => `${attribute.name}: ${attribute.value}`).join('; ');
  return {
    sku,
    name: `${brand} ${family.noun}, ${qualifiers.join(', ')}`,
    description: `${family.blurb} ${details}. ${UOM_PHRASE[unitOfMeasure]}`,
    brand,
    category: category.name,
    unitOfMeasure,
    price: formatCents(priceCents(rng, family)),
    currencyCode: 'USD',
    status: rng.chance(DISCONTINUED_RATE) ? 'DISCONTINUED' : 'ACTIVE',
    attributes,
  };
}

/** The first two axes always (they name the product), then up to two more, for 2–4 attributes. */
function chooseAttributes(rng: Rng, family: ProductFamily): { name: string; value: string }[] {
  const count = rng.int(2, Math.min(4, family.axes.length));
  return family.axes.slice(0, count).map(([name, values]) => ({ name, value: rng.pick(values) }));
}

function priceCents(rng: Rng, family: ProductFamily): number {
  const [min, max] = family.cents;
  const raw = rng.int(min, max);
  if (rng.chance(1 / 3)) return raw;
  const ending = rng.pick(CENT_ENDINGS);
  const rounded = Math.trunc(raw / 100) * 100 + ending;
  return rounded >= min ? rounded : raw;
}
