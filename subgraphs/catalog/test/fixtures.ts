import { openEmbeddedStore } from '@fulfillment-mesh/runtime';
import type { ProductDoc } from '../src/store/models.js';

const at = '2026-11-01T00:00:00.000Z';
const provenance = { source: 'test', sourceVersion: '1', observedAt: at };

/** A tiny catalog: three products in two categories, one discontinued. */
export function product(sku: string, overrides: Partial<ProductDoc> = {}): ProductDoc {
  const name = overrides.name ?? `Widget ${sku}`;
  return {
    _id: sku,
    sku,
    name,
    nameLower: name.toLowerCase(),
    description: null,
    brand: 'Acme',
    category: 'fasteners',
    unitOfMeasure: 'EA',
    price: { amount: '1.25', currencyCode: 'USD' },
    status: 'ACTIVE',
    attributes: [{ name: 'material', value: 'steel' }],
    updatedAt: at,
    provenance: { price: provenance },
    ...overrides,
  };
}

export const products = [
  product('SKU-1', { name: 'Hex Bolt M8' }),
  product('SKU-2', {
    name: 'Trash Liner 33gal',
    category: 'janitorial',
    unitOfMeasure: 'CS',
    price: { amount: '42.10', currencyCode: 'USD' },
  }),
  product('SKU-3', { name: 'Hex Nut M8', status: 'DISCONTINUED' }),
];

/** An in-memory store holding the fixture products. */
export async function storeWithProducts() {
  const store = openEmbeddedStore();
  await store.collection<ProductDoc>('products').insertMany(products);
  return store;
}
