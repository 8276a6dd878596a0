import { DateTime } from '@fulfillment-mesh/runtime';
import type { Context } from './context.js';
import { availabilityOf, available, positionId, sortByLocation } from './domain.js';
import type { Resolvers } from './generated/graphql.js';
import type { PositionDoc } from './models.js';

/**
 * A SKU's positions in sourcing order. Both `Product.positions` and `Product.availability` come through here,
 * so a page of products costs one positions query and one locations query however many fields ask.
 */
async function positionsInSourcingOrder(ctx: Context, sku: string): Promise<PositionDoc[]> {
  const positions = await ctx.loaders.positionsBySku.load(sku);
  // A missing location rejects with NOT_FOUND naming it: a position pointing nowhere is a data defect to surface.
  const locations = await Promise.all(positions.map((p) => ctx.loaders.location.load(p.locationId)));
  return sortByLocation(positions, new Map(locations.map((l) => [l.id, l])));
}

/** Thin resolvers: parse arguments, call the store through loaders, let errors map in one place. */
export const resolvers: Resolvers = {
  DateTime,
  Query: {
    location: (_root, { id }, ctx) => ctx.loaders.location.load(id),
    async locations(_root, { kind }, ctx) {
      const rows = await ctx.inventory.locations(kind ?? null);
      for (const row of rows) ctx.loaders.location.prime(row.id, row);
      return rows;
    },
    inventoryPosition: (_root, { sku, locationId }, ctx) => ctx.loaders.position.load(positionId(sku, locationId)),
  },
  Location: {
    __resolveReference: (ref, ctx) => ctx.loaders.location.load(ref.id),
  },
  InventoryPosition: {
    // A reference only: the gateway resolves the product's own fields in catalog.
    product: (position) => ({ sku: position.sku }),
    location: (position, _args, ctx) => ctx.loaders.location.load(position.locationId),
    available: (position) => available(position),
  },
  LocationAvailability: {
    location: (row, _args, ctx) => ctx.loaders.location.load(row.locationId),
  },
  Product: {
    // Inventory only contributes fields keyed by SKU, so a reference needs no lookup (and is never NOT_FOUND).
    __resolveReference: (ref) => ({ sku: ref.sku }),
    positions: (product, _args, ctx) => positionsInSourcingOrder(ctx, product.sku),
    availability: async (product, _args, ctx) => availabilityOf(await positionsInSourcingOrder(ctx, product.sku), ctx.requestedAt),
  },
};
