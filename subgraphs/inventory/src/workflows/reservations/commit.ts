import {
  heldPart,
  planCommit,
  positionId,
  shipmentSteps,
  statusAfterCommits,
  type LocatedLine,
  type ShippedGoods,
} from '../../domain/index.js';
import type { ReservationDoc } from '../../store/models.js';
import type { Operations } from '../../store/operations.js';
import { committedEvent, transition, type ServiceDeps } from './records.js';

/** A confirmed shipment as the commit needs it. */
export interface ShipmentConfirmation extends ShippedGoods {
  orderId: string;
  reservationId: string | null;
}

/**
 * Commits a confirmed shipment: onHand drops by every unit that left, reserved (and the reservation's hold) by
 * the units the reservation held there. The reservation records the shipment first, in the same guarded write
 * as its transition to PARTIALLY_COMMITTED or COMMITTED; if it expired or was released before, that write loses
 * and the units only leave onHand. Either way one consistent outcome, applied once however often it is delivered.
 */
export function createCommitter(deps: ServiceDeps, operations: Operations) {
  /** The reservation a shipment belongs to: the one named, else the order's one that recorded or can take it. */
  async function reservationOf(shipment: ShipmentConfirmation): Promise<ReservationDoc | null> {
    if (shipment.reservationId) return deps.inventory.reservations.findOne({ _id: shipment.reservationId });
    const mine = await deps.inventory.reservations.find({ orderId: shipment.orderId });
    return (
      mine.find((r) => r.commits.some((c) => c.shipmentId === shipment.shipmentId)) ??
      mine.find((r) => r.status === 'ACTIVE' || r.status === 'PARTIALLY_COMMITTED') ??
      null
    );
  }

  /** Records the shipment on its reservation (once); returns what it took from the holds. */
  async function claim(shipment: ShipmentConfirmation): Promise<{ reservationId: string | null; held: LocatedLine[] }> {
    let doc = await reservationOf(shipment);
    while (doc) {
      const recorded = doc.commits.find((c) => c.shipmentId === shipment.shipmentId);
      if (recorded) return { reservationId: doc._id, held: recorded.lines };
      if (doc.status !== 'ACTIVE' && doc.status !== 'PARTIALLY_COMMITTED') break;
      const held = heldPart(doc.allocations, doc.commits, shipment);
      if (held.length === 0) break;
      const at = deps.now();
      const commits = [...doc.commits, { shipmentId: shipment.shipmentId, lines: held, at: at.toISOString() }];
      const to = statusAfterCommits(doc.allocations, commits);
      // Committing ends the checkout hold: a reservation being shipped never expires.
      const after = await transition(
        deps,
        doc._id,
        to,
        { commits, expiresAt: null, sweepAt: null },
        [committedEvent(doc, shipment.shipmentId, held, at)],
        { version: doc.version },
      );
      if (after) return { reservationId: doc._id, held };
      doc = await deps.inventory.reservations.findOne({ _id: doc._id });
    }
    return { reservationId: null, held: [] };
  }

  /** Applies a confirmed shipment to positions and its reservation, idempotently. */
  async function commit(shipment: ShipmentConfirmation): Promise<void> {
    const id = `commit:${shipment.shipmentId}`;
    const op = await operations.record(id, async () => {
      const { reservationId, held } = await claim(shipment);
      const steps = shipmentSteps(shipment, held).map((step) => ({
        ...step,
        positionId: positionId(step.sku, step.locationId),
        marker: `${id}#${step.sku}`,
      }));
      return { kind: 'commit', reservationId, reference: { type: 'SHIPMENT', id: shipment.shipmentId }, steps };
    });
    await operations.run(
      op,
      (step) => (position) => planCommit(position, op.reservationId, step.quantity, step.fromHold, step.marker),
      {
        reference: op.reference,
        source: 'shipments',
        actor: 'system:shipments',
      },
    );
  }

  return { commit };
}
