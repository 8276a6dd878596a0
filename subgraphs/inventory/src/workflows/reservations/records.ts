import { withEvents, type EventEnvelope } from '@fulfillment-mesh/events';
import type { Filter, Logger } from '@fulfillment-mesh/runtime';
import {
  planRelease,
  positionId,
  sourcesOf,
  type LocatedLine,
  type ReleaseReason,
  type ReservationStatus,
  type Shortage,
} from '../../domain/index.js';
import {
  inventoryEvent,
  reservationCommitted,
  reservationConfirmed,
  reservationFailed,
  reservationReleased,
} from '../../events/contracts.js';
import type { ReservationDoc } from '../../store/models.js';
import type { ResolvedOptions } from '../../domain/options.js';
import type { LedgerContext, PositionWriter } from '../../store/position-writer.js';
import type { InventoryStore } from '../../store/index.js';

/** What the reservation services are built from. */
export interface ServiceDeps {
  inventory: InventoryStore;
  writer: PositionWriter;
  now: () => Date;
  /** Called after a write appended events, so that the outbox relay publishes them soon. */
  onEvents: () => void;
  logger: Logger;
  options: ResolvedOptions;
}

/** The document reference ledger entries of a reservation carry. */
export function reservationRef(id: string): { type: string; id: string } {
  return { type: 'RESERVATION', id };
}

/** ISO instant `ms` after now. */
export function later(deps: Pick<ServiceDeps, 'now'>, ms: number): string {
  return new Date(deps.now().getTime() + ms).toISOString();
}

/**
 * Moves a reservation to `to` in one guarded write: only from a status the state machine allows (and matching
 * `extra`, e.g. its version), with `fields` and `events` in the same update. Null when the guard no longer
 * matched — the caller re-reads and decides again; this is how racing transitions get exactly one winner.
 */
export async function transition(
  deps: ServiceDeps,
  id: string,
  to: ReservationStatus,
  fields: Record<string, unknown>,
  events: EventEnvelope[],
  extra: Filter = {},
): Promise<ReservationDoc | null> {
  const update = withEvents(
    { $set: { ...fields, status: to, updatedAt: deps.now().toISOString() }, $inc: { version: 1 } },
    events,
  );
  const doc = await deps.inventory.reservations.findOneAndUpdate(
    { ...extra, _id: id, status: { $in: sourcesOf(to) } },
    update,
  );
  if (doc && events.length > 0) deps.onEvents();
  return doc;
}

/** Every position a reservation may hold stock at: what it touched while sourcing, and its allocations. */
export function heldPositions(doc: Pick<ReservationDoc, 'touched' | 'allocations'>): string[] {
  const ids = new Set(doc.touched);
  for (const allocation of doc.allocations)
    for (const line of allocation.lines) ids.add(positionId(line.sku, allocation.locationId));
  return [...ids];
}

/** Gives back what the reservation holds at `ids` (idempotent: a position where it holds nothing is skipped). */
export async function releaseAt(
  deps: ServiceDeps,
  reservationId: string,
  ids: readonly string[],
  reason: 'RELEASED' | 'EXPIRED',
  context: LedgerContext,
): Promise<void> {
  for (const id of ids)
    await deps.writer.change(id, (position) => planRelease(position, reservationId, reason), context, reservationId);
}

/** Releases every hold of a reservation in a terminal status, then records that none remain. */
export async function finishRelease(
  deps: ServiceDeps,
  doc: ReservationDoc,
  context: LedgerContext,
): Promise<ReservationDoc> {
  await releaseAt(deps, doc._id, heldPositions(doc), doc.status === 'EXPIRED' ? 'EXPIRED' : 'RELEASED', context);
  await deps.inventory.reservations.updateOne(
    { _id: doc._id, holdsOpen: true },
    { $set: { holdsOpen: false, sweepAt: null } },
  );
  return { ...doc, holdsOpen: false, sweepAt: null };
}

/** `inventory.reservation.confirmed` for a reservation becoming ACTIVE. */
export function confirmedEvent(
  doc: Pick<ReservationDoc, '_id' | 'key' | 'orderId' | 'channel' | 'allocations' | 'backordered' | 'expiresAt'>,
  at: Date,
): EventEnvelope {
  return inventoryEvent(
    reservationConfirmed,
    doc._id,
    {
      reservationId: doc._id,
      key: doc.key,
      orderId: doc.orderId,
      channel: doc.channel,
      allocations: doc.allocations,
      backordered: doc.backordered,
      expiresAt: doc.expiresAt,
    },
    at,
  );
}

/** `inventory.reservation.failed`: nothing is held, the reason names the SKUs short. */
export function failedEvent(
  doc: Pick<ReservationDoc, '_id' | 'key' | 'orderId'>,
  reason: string,
  shortages: Shortage[],
  at: Date,
): EventEnvelope {
  return inventoryEvent(
    reservationFailed,
    doc._id,
    { reservationId: doc._id, key: doc.key, orderId: doc.orderId, reason, shortages },
    at,
  );
}

/** `inventory.reservation.released` with the units that went back. */
export function releasedEvent(
  doc: Pick<ReservationDoc, '_id' | 'orderId'>,
  reason: ReleaseReason,
  lines: LocatedLine[],
  at: Date,
): EventEnvelope {
  return inventoryEvent(
    reservationReleased,
    doc._id,
    { reservationId: doc._id, orderId: doc.orderId, reason, lines },
    at,
  );
}

/** `inventory.reservation.committed` with the units a shipment took from the holds. */
export function committedEvent(
  doc: Pick<ReservationDoc, '_id' | 'orderId'>,
  shipmentId: string,
  lines: LocatedLine[],
  at: Date,
): EventEnvelope {
  return inventoryEvent(
    reservationCommitted,
    doc._id,
    { reservationId: doc._id, orderId: doc.orderId, shipmentId, lines },
    at,
  );
}
