import { tenantOf } from '@fulfillment-mesh/access';
import { DateTime, invalidInput, provenanceList } from '@fulfillment-mesh/runtime';
import type { Context } from '../context.js';
import {
  availabilityOf,
  available,
  channelAvailabilityOf,
  channelRule,
  positionId,
  sortByLocation,
} from '../domain/index.js';
import type { Resolvers } from '../generated/graphql.js';
import { mutations } from './mutations.js';
import { conflictPage, DEFAULT_BUSINESS_UNIT } from '@fulfillment-mesh/connectors';
import { reconciliationRunView } from './mastering-views.js';
import { ledgerView, reservationView } from './views.js';

/**
 * Rows of one location each (positions, availability lines) in sourcing order. The locations come through the
 * request's loader, so every list in a request shares one locations query with `location` fields.
 */
async function inSourcingOrder<T extends { locationId: string }>(ctx: Context, rows: readonly T[]): Promise<T[]> {
  // A missing location rejects with NOT_FOUND naming it: a position pointing nowhere is a data defect to surface.
  const locations = await Promise.all(rows.map((row) => ctx.loaders.location.load(row.locationId)));
  return sortByLocation(rows, new Map(locations.map((l) => [l.id, l])));
}

/** Thin resolvers: parse arguments, call the store through loaders or a service, let errors map in one place. */
export const resolvers: Resolvers = {
  DateTime,
  InventoryChange: {
    location: (change, _args, ctx) => ctx.loaders.location.load(change.locationId),
  },
  Query: {
    // Subscription hydration (gateway only): the payload root the gateway built from an event, echoed back.
    inventoryChangePayload: (_root, { event }) => event,
    location: (_root, { id }, ctx) => ctx.loaders.location.load(id),
    async locations(_root, { kind }, ctx) {
      const rows = await ctx.store.locations(kind ?? null);
      for (const row of rows) ctx.loaders.location.prime(row.id, row);
      return rows;
    },
    inventoryPosition: (_root, { sku, locationId }, ctx) => ctx.loaders.position.load(positionId(sku, locationId)),
    reservation: async (_root, { id }, ctx) => reservationView(await ctx.loaders.reservation.load(id), ctx),
    async inventoryConflicts(_root, { first, after }, ctx) {
      return conflictPage(ctx.conflicts, { first: first ?? 20, after: after ?? null });
    },
    async reconciliationRuns(_root, { first }, ctx) {
      const size = first ?? 10;
      if (!Number.isInteger(size) || size < 1 || size > 100)
        throw invalidInput('first', 'a whole number from 1 to 100', size);
      return Promise.all((await ctx.store.latestReconciliations(size)).map((run) => reconciliationRunView(run, ctx)));
    },
    async inventoryImportJob(_root, { id }, ctx) {
      const job = await ctx.imports.get(id);
      return job && { ...job, id: job._id };
    },
  },
  ImportJob: {
    errors(job, { first }, ctx) {
      const n = first ?? 100;
      if (!Number.isInteger(n) || n < 1 || n > 1000) throw invalidInput('first', 'an integer from 1 to 1000', first);
      return ctx.imports.errors(job.id, n);
    },
  },
  Mutation: mutations,
  Location: {
    __resolveReference: (ref, ctx) => ctx.loaders.location.load(ref.id),
    provenance: (location) => provenanceList(location.provenance),
    businessUnit: (location) => location.businessUnit ?? DEFAULT_BUSINESS_UNIT,
  },
  Reservation: {
    __resolveReference: async (ref, ctx) => reservationView(await ctx.loaders.reservation.load(ref.id), ctx),
  },
  InventoryPosition: {
    // A reference only: the gateway resolves the product's own fields in catalog.
    product: (position) => ({ sku: position.sku }),
    location: (position, _args, ctx) => ctx.loaders.location.load(position.locationId),
    available: (position) => available(position),
    provenance: (position) => provenanceList(position.provenance),
    async ledger(position, { first }, ctx) {
      const size = first ?? 20;
      if (!Number.isInteger(size) || size < 1 || size > 100)
        throw invalidInput('first', 'a whole number from 1 to 100', size);
      // One query per position asked for: the ledger is a detail view, not something listed for many positions.
      const entries = (await ctx.store.ledgerOf(position._id, size)).map(ledgerView);
      // Stock is not tenant data, but an entry's reference names other customers' reservations and shipments.
      return tenantOf(ctx.client) === null ? entries : entries.map((entry) => ({ ...entry, reference: null }));
    },
  },
  Availability: {
    byLocation: (view, _args, ctx) => inSourcingOrder(ctx, view.byLocation),
  },
  LocationAvailability: {
    location: (row, _args, ctx) => ctx.loaders.location.load(row.locationId),
  },
  Product: {
    // Inventory only contributes fields keyed by SKU, so a reference needs no lookup (and is never NOT_FOUND).
    __resolveReference: (ref) => ({ sku: ref.sku }),
    // `positions` and `availability` share the per-request loader: one positions query for a page of products.
    positions: async (product, _args, ctx) => inSourcingOrder(ctx, await ctx.loaders.positionsBySku.load(product.sku)),
    async availability(product, { channel }, ctx) {
      const positions = await ctx.loaders.positionsBySku.load(product.sku);
      if (!channel) return availabilityOf(positions, ctx.requestedAt);
      // Eligibility depends on the location kind, so a channel's availability needs the locations (one batched query).
      const locations = await Promise.all(
        [...new Set(positions.map((p) => p.locationId))].map((id) => ctx.loaders.location.load(id)),
      );
      const rule = channelRule(ctx.workflows.options.channels, channel);
      return channelAvailabilityOf(positions, new Map(locations.map((l) => [l.id, l])), channel, rule, ctx.requestedAt);
    },
  },
};
