import type { Context } from '../context.js';
import type { ResolversTypes } from '../generated/graphql.js';
import type { LedgerDoc, ReservationDoc } from '../store/models.js';

/** A reservation as the schema's `Reservation`: allocations with their locations and committed units. */
export async function reservationView(doc: ReservationDoc, ctx: Context): Promise<ResolversTypes['Reservation']> {
  const committed = new Map<string, number>();
  for (const commit of doc.commits) {
    for (const line of commit.lines)
      committed.set(
        `${line.lineId}@${line.locationId}`,
        (committed.get(`${line.lineId}@${line.locationId}`) ?? 0) + line.quantity,
      );
  }
  const allocations = await Promise.all(
    doc.allocations.map(async (allocation) => ({
      location: await ctx.loaders.location.load(allocation.locationId),
      lines: allocation.lines.map((line) => ({
        ...line,
        committed: committed.get(`${line.lineId}@${allocation.locationId}`) ?? 0,
      })),
    })),
  );
  const view: ResolversTypes['Reservation'] = {
    id: doc._id,
    key: doc.key,
    orderId: doc.orderId,
    channel: doc.channel,
    status: doc.status,
    shipToRegion: doc.shipToRegion,
    allocations,
    backordered: doc.backordered,
    shortages: doc.shortages,
    failureReason: doc.failureReason,
    releaseReason: doc.releaseReason,
    expiresAt: doc.expiresAt,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
  // The owner travels with the view (not a schema field) for the partner-owned policy; null on older documents.
  return Object.assign(view, { customerId: doc.customerId ?? null });
}

/** A ledger entry as the schema's `LedgerEntry`. */
export function ledgerView(doc: LedgerDoc): ResolversTypes['LedgerEntry'] {
  return {
    id: doc._id,
    at: doc.at,
    reason: doc.reason,
    reference: doc.reference,
    source: doc.source,
    actor: doc.actor,
    delta: doc.delta,
    resulting: doc.resulting,
    version: doc.version,
  };
}
