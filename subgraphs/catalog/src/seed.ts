import { DEFAULT_BUSINESS_UNIT } from '@fulfillment-mesh/connectors';
import type { ProductDoc } from './store/models.js';
import type { ProductStore } from './store/index.js';

/** A product as the seed dataset carries it (the catalog owns this shape; tools/seed-data generates it). */
export interface SeedProduct {
  sku: string;
  name: string;
  description: string;
  brand: string;
  category: string;
  unitOfMeasure: string;
  /** Decimal string with two places, e.g. "12.50". */
  price: string;
  currencyCode: string;
  status: 'ACTIVE' | 'DISCONTINUED';
  attributes: { name: string; value: string }[];
}

/** The catalog's slice of the seed dataset. */
export interface CatalogSeed {
  products: SeedProduct[];
}

/** Maps the catalog slice of the seed dataset into product documents, provenance `seed`. */
export function productDocs(dataset: CatalogSeed, observedAt: string): ProductDoc[] {
  const provenance = { source: 'seed', sourceVersion: '1', observedAt };
  return dataset.products.map((p) => ({
    _id: p.sku,
    sku: p.sku,
    name: p.name,
    nameLower: p.name.toLowerCase(),
    description: p.description,
    brand: p.brand,
    category: p.category,
    unitOfMeasure: p.unitOfMeasure,
    businessUnit: DEFAULT_BUSINESS_UNIT,
    price: { amount: p.price, currencyCode: p.currencyCode },
    status: p.status,
    attributes: p.attributes,
    updatedAt: observedAt,
    provenance: { price: provenance, uom: provenance, status: provenance, content: provenance },
  }));
}

/** Seeds an empty catalog; returns how many products were written (0 when data already existed). */
export async function seedCatalog(products: ProductStore, dataset: CatalogSeed, observedAt: string): Promise<number> {
  if (!(await products.isEmpty())) return 0;
  const docs = productDocs(dataset, observedAt);
  await products.insertMany(docs);
  return docs.length;
}
