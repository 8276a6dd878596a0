import { DomainError, DuplicateKeyError } from '@fulfillment-mesh/runtime';
import { remainderPosition } from '../domain/confirmation.js';
import { shipmentCreated, shipmentEvent } from '../events/contracts.js';
import type { ShipmentDoc, ShipmentLineDoc } from '../store/models.js';
import { changeOf, withOutbox, type WorkflowDeps } from './common.js';

/*
 * A partial confirmation touches two documents without a transaction, so it runs as three idempotent steps:
 *   1. write the remainder as *pending* (invisible to queries, no event): if this fails, nothing changed;
 *   2. confirm the original, recording `split: { id, lines }` in the same write as its confirmed event;
 *   3. activate the remainder from that record (content and created event), inserting it if it is gone.
 * `settleSplit` decides a pending remainder from its original alone: recorded there → activate, otherwise
 * → delete (nothing about it was ever published). It is the compensation of a failed step 2, the retry of a
 * failed step 3, and what the sweeper and the order-cancel consumer run; deleting is always safe because
 * step 3 re-creates a remainder that its original records.
 */

/** The remainder that `original.split` records, as a fresh document. */
function remainderOf(original: ShipmentDoc, lines: ShipmentLineDoc[], at: string): ShipmentDoc {
  const position = remainderPosition(original);
  return {
    _id: position.id,
    orderId: original.orderId,
    ...(original.customerId !== undefined ? { customerId: original.customerId } : {}),
    ...(original.businessUnit !== undefined ? { businessUnit: original.businessUnit } : {}),
    locationId: original.locationId,
    carrier: '',
    service: '',
    reservationId: original.reservationId ?? null,
    status: 'PENDING',
    lines,
    milestones: [],
    createdAt: at,
    updatedAt: at,
    version: 1,
    provenance: { plan: { source: 'wms', sourceVersion: original._id, observedAt: at } },
    splitFrom: original._id,
    rootId: position.rootId,
    splitIndex: position.splitIndex,
  };
}

/** Step 1: writes (or reuses) the pending remainder of `original`. CONFLICT if a published shipment holds its id. */
export async function writePendingRemainder(
  deps: WorkflowDeps,
  original: ShipmentDoc,
  lines: ShipmentLineDoc[],
): Promise<string> {
  const doc: ShipmentDoc = { ...remainderOf(original, lines, deps.now().toISOString()), splitPending: true };
  try {
    await deps.shipments.insertOne(doc);
  } catch (error) {
    if (!(error instanceof DuplicateKeyError)) throw error;
    // A pending one left by an earlier attempt is reused: step 3 rewrites its content from the original anyway.
    const existing = await deps.shipments.get(doc._id);
    if (existing?.splitPending !== true) {
      throw new DomainError(
        'CONFLICT',
        `Shipment "${original._id}" cannot be split: its remainder id "${doc._id}" is already taken`,
        {
          entity: 'Shipment',
          id: original._id,
          remainderId: doc._id,
        },
      );
    }
  }
  return doc._id;
}

/** Step 3: makes the remainder that `original.split` records a published PENDING shipment; idempotent. */
export async function activateRemainder(deps: WorkflowDeps, original: ShipmentDoc): Promise<ShipmentDoc | null> {
  if (!original.split) return null;
  const now = deps.now();
  const doc = remainderOf(original, original.split.lines, now.toISOString());
  const created = shipmentEvent(
    shipmentCreated,
    {
      shipmentId: doc._id,
      orderId: doc.orderId,
      customerId: doc.customerId,
      locationId: doc.locationId,
      lines: doc.lines,
    },
    now,
  );
  // Content comes from the original's record, never from the pending copy, which a losing attempt may have written.
  const { _id: _matchedByFilter, version: _bumpedByChangeOf, ...fields }: Partial<ShipmentDoc> = doc;
  const activated = await deps.shipments.update(
    { _id: doc._id, splitPending: true },
    changeOf(fields, [created], now, { $unset: { splitPending: true } }),
  );
  if (activated) {
    deps.published();
    return activated;
  }
  try {
    await deps.shipments.insertOne(withOutbox(doc, [created]));
    deps.published();
  } catch (error) {
    if (!(error instanceof DuplicateKeyError)) throw error; // already active: an earlier run got here first
  }
  return deps.shipments.get(doc._id);
}

/** Settles a pending remainder from its original: activated when recorded there, deleted otherwise. */
export async function settleSplit(
  deps: WorkflowDeps,
  remainderId: string,
): Promise<'activated' | 'discarded' | 'settled'> {
  const pending = await deps.shipments.get(remainderId);
  if (pending?.splitPending !== true || pending.splitFrom === undefined) return 'settled';
  const original = await deps.shipments.get(pending.splitFrom);
  if (original?.split?.id === remainderId) {
    await activateRemainder(deps, original);
    return 'activated';
  }
  await deps.shipments.deletePending(remainderId);
  return 'discarded';
}

/** Settles every pending remainder older than `olderThanMs` (crashed confirmations); resolves with how many. */
export async function sweepSplits(deps: WorkflowDeps, olderThanMs: number, limit = 100): Promise<number> {
  const before = new Date(deps.now().getTime() - olderThanMs).toISOString();
  const stale = await deps.shipments.pendingBefore(before, limit);
  for (const doc of stale) await settleSplit(deps, doc._id);
  return stale.length;
}
