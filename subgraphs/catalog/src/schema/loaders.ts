import type DataLoader from 'dataloader';
import { entityLoader } from '@fulfillment-mesh/runtime';
import type { ProductDoc } from '../store/models.js';
import type { ProductStore } from '../store/index.js';

/** The catalog's per-request loaders. */
export interface CatalogLoaders {
  product: DataLoader<string, ProductDoc>;
}

/** Creates one set of loaders per request: every product lookup in a request becomes one `$in` query. */
export function createLoaders(deps: { products: ProductStore }): CatalogLoaders {
  return {
    product: entityLoader(
      'Product',
      (skus) => deps.products.byskus(skus),
      (p) => p.sku,
    ),
  };
}
