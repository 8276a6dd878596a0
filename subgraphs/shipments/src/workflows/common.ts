import { newOutbox, withEvents, type EventEnvelope } from '@fulfillment-mesh/events';
import type { ConflictLog } from '@fulfillment-mesh/connectors';
import { DomainError, notFound, type Logger, type Update } from '@fulfillment-mesh/runtime';
import type { ShipmentDoc } from '../store/models.js';
import type { ShipmentStore } from '../store/index.js';

/** What every workflow step runs on. */
export interface WorkflowDeps {
  shipments: ShipmentStore;
  logger: Logger;
  /** The clock (tests pin it). */
  now: () => Date;
  /** Called after a write that appended events, so the outbox relay publishes them without waiting for its poll. */
  published: () => void;
  /** Where refused (non-authoritative or stale) inbound writes are recorded. */
  conflicts: ConflictLog;
}

/** NOT_FOUND for a shipment id. */
export const shipmentNotFound = (id: string) => notFound('Shipment', id);

/** Returned by a step whose guarded write lost a race: read again and decide again. */
export const RETRY = Symbol('retry');

/**
 * Runs a read-decide-write step until its version-guarded write lands. Losing a race means another writer changed
 * the shipment in between; `attempts` (default 5) bounds the loop under a storm of writers.
 */
export async function untilWritten<T>(
  shipmentId: string,
  step: () => Promise<T | typeof RETRY>,
  attempts = 5,
): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const result = await step();
    if (result !== RETRY) return result;
  }
  throw new DomainError(
    'CONFLICT',
    `Shipment "${shipmentId}" kept changing while it was being updated (${attempts} attempts); retry`,
    {
      entity: 'Shipment',
      id: shipmentId,
    },
  );
}

/**
 * The update of a read-modify-write on `doc`: `$set` plus bookkeeping (`updatedAt`, `version`) and the events,
 * all in one single-document write. Pair it with {@link versionGuard}.
 */
export function changeOf(
  set: Partial<ShipmentDoc>,
  events: readonly EventEnvelope[],
  at: Date,
  extra: Update = {},
): Update {
  return withEvents({ ...extra, $set: { ...set, updatedAt: at.toISOString() }, $inc: { version: 1 } }, events);
}

/** Matches `doc` only if nobody wrote it since it was read. */
export function versionGuard(doc: Pick<ShipmentDoc, '_id' | 'version'>) {
  return { _id: doc._id, version: doc.version };
}

/** A new document carrying `events` in its outbox, for inserts (updates use `withEvents`). */
export function withOutbox(doc: ShipmentDoc, events: readonly EventEnvelope[]): ShipmentDoc {
  return { ...doc, ...newOutbox(events) };
}
