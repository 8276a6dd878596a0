import { startStandIn, type StandIn } from './stand-in.js';

const SDL = `
type Query { products(filter: ProductFilter, first: Int): ProductConnection! }
input ProductFilter { skus: [ID!] }
type ProductConnection { nodes: [Product!]! }
type Product { sku: ID! status: ProductStatus! price: Money! }
enum ProductStatus { ACTIVE DISCONTINUED }
type Money { amount: String! currencyCode: String! }
`;

/** A catalog stand-in: `products(filter: { skus })` over a fixed list. */
export function startCatalog(
  products: { sku: string; status?: 'ACTIVE' | 'DISCONTINUED'; price?: string; currencyCode?: string }[],
): Promise<StandIn> {
  return startStandIn(SDL, {
    products: ({ filter }: { filter: { skus: string[] } }) => ({
      nodes: products
        .filter((p) => filter.skus.includes(p.sku))
        .map((p) => ({
          sku: p.sku,
          status: p.status ?? 'ACTIVE',
          price: { amount: p.price ?? '10.00', currencyCode: p.currencyCode ?? 'USD' },
        })),
    }),
  });
}
