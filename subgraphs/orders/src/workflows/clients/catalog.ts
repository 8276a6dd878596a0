import type { ServiceDirectory } from '@fulfillment-mesh/runtime';
import type { CatalogProduct } from '../../domain/place-order.js';
import { lazyClient, type ClientSettings } from './lazy-client.js';

/** The catalog as the orders process sees it: the facts that decide whether a line can be sold. */
export interface CatalogClient {
  /** The known products among `skus` (at most 100), keyed by SKU; unknown SKUs are absent. Rejects UNAVAILABLE. */
  products(skus: readonly string[]): Promise<Map<string, CatalogProduct>>;
}

const PRODUCTS = `query OrderLineProducts($skus: [ID!]!) {
  products(filter: { skus: $skus }, first: 100) { nodes { sku status price { amount currencyCode } } }
}`;

/** Calls catalog's `products(filter: { skus })` on the catalog subgraph's own URL. */
export function createCatalogClient(services: ServiceDirectory, settings: ClientSettings = {}): CatalogClient {
  const client = lazyClient(services, 'catalog', settings);
  return {
    async products(skus) {
      const data = await client().request<{ products: { nodes: CatalogProduct[] } }>(PRODUCTS, {
        skus: [...new Set(skus)],
      });
      return new Map(data.products.nodes.map((p) => [p.sku, p]));
    },
  };
}
