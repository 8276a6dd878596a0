import { buildCustomers } from './customers.js';
import { LOCATIONS } from './locations.js';
import { generateOrders } from './orders.js';
import { applyReservations, openReservations, stockPositions } from './positions.js';
import { generateProducts } from './products.js';
import { createRng, deriveSeed } from './random.js';
import type { SeedDataset } from './types.js';

/** Knobs of the generator; every one has a default, and equal options always give an equal dataset. */
export interface GenerateOptions {
  /** PRNG seed (default 42); only its low 32 bits matter. */
  seed?: number;
  /** Number of products (default 1200, at least 20). */
  skuCount?: number;
  /** Minimum number of orders (default 240); at least 55, one per channel × status pair. */
  orderCount?: number;
}

/** The options `generateDataset()` uses when given none. */
export const DEFAULT_OPTIONS: Readonly<Required<GenerateOptions>> = { seed: 42, skuCount: 1200, orderCount: 240 };

/**
 * Generates the seed dataset of an industrial / food-service distributor: catalog, six locations, stock
 * positions, ~90 days of orders on five channels and their shipments. Pure and deterministic: no clock,
 * no Math.random; everything derives from the options and the fixed anchor 2026-11-01T00:00:00.000Z.
 */
export function generateDataset(options: GenerateOptions = {}): SeedDataset {
  const { seed, skuCount, orderCount } = { ...DEFAULT_OPTIONS, ...definedOnly(options) };
  requireWhole('seed', seed, Number.MIN_SAFE_INTEGER);
  requireWhole('skuCount', skuCount, MIN_SKU_COUNT);
  requireWhole('orderCount', orderCount, 0);
  // One stream per domain, so e.g. asking for more orders leaves the catalog and stock untouched.
  const stream = (label: string) => createRng(deriveSeed(seed, label));

  const products = generateProducts(stream('products'), skuCount);
  const locations = LOCATIONS.map((location) => structuredClone(location));
  const positions = stockPositions(stream('positions'), products, locations);
  const customers = buildCustomers(stream('customers'));
  const { orders, shipments } = generateOrders(stream('orders'), { orderCount, products, positions, customers });
  // Stock must cover what open orders hold, so reservations are applied after the order book exists.
  applyReservations(stream('reservations'), positions, openReservations(orders, shipments));
  return { products, locations, positions, orders, shipments };
}

/** Below this the catalog is too thin for every node to carry an assortment orders can be drawn from. */
const MIN_SKU_COUNT = 20;

function requireWhole(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min)
    throw new RangeError(`${name} must be a whole number ≥ ${min}, got ${value}`);
}

/** Drops keys explicitly set to undefined, so `{ seed: undefined }` means "default seed". */
function definedOnly(options: GenerateOptions): GenerateOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
