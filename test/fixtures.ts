import type { SeedDataset, SeedLocation, SeedProduct } from '@fulfillment-mesh/seed-data';

const address = (city: string, region: string): SeedLocation['address'] => ({
  line1: '1 Dock Rd',
  city,
  region,
  postalCode: '00000',
  country: 'US',
});

/** Three regional DCs, enough to see sourcing pick and split. */
export const locations: SeedLocation[] = [
  { id: 'dc-east', name: 'East DC', kind: 'DC', region: 'east', priority: 1, address: address('Newark', 'NJ') },
  {
    id: 'dc-central',
    name: 'Central DC',
    kind: 'DC',
    region: 'central',
    priority: 2,
    address: address('Columbus', 'OH'),
  },
  { id: 'dc-west', name: 'West DC', kind: 'DC', region: 'west', priority: 3, address: address('Reno', 'NV') },
];

/** One product record with a price. */
export function product(sku: string, price: string): SeedProduct {
  return {
    sku,
    name: `Item ${sku}`,
    description: 'test item',
    brand: 'Acme',
    category: 'test',
    unitOfMeasure: 'EA',
    price,
    currencyCode: 'USD',
    status: 'ACTIVE',
    attributes: [],
  };
}

/** A dataset with the given products and on-hand per (sku, location); no orders, no shipments. */
export function tinyDataset(products: SeedProduct[], stock: Record<string, Record<string, number>>): SeedDataset {
  const positions = Object.entries(stock).flatMap(([sku, byLocation]) =>
    Object.entries(byLocation).map(([locationId, onHand]) => ({
      sku,
      locationId,
      onHand,
      reserved: 0,
      safetyStock: 0,
      incoming: null,
    })),
  );
  return { products, locations, positions, orders: [], shipments: [] };
}

/** A ship-to address in the east region. */
export const shipTo = {
  name: 'Receiving',
  address: { line1: '5 Main St', city: 'Trenton', region: 'NJ', postalCode: '08601', country: 'US' },
};
