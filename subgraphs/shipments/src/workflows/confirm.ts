import { DomainError, DuplicateKeyError } from '@fulfillment-mesh/runtime';
import { assertConfirmable, isSameConfirmation, planConfirmation, type ConfirmationPlan, type ConfirmShipmentInput } from '../domain/confirmation.js';
import { orderMilestones } from '../domain/milestones.js';
import { transition } from '../domain/shipment-state.js';
import { shipmentConfirmed, shipmentEvent } from '../events.js';
import type { ShipmentDoc } from '../models.js';
import { changeOf, RETRY, shipmentNotFound, untilWritten, versionGuard, type WorkflowDeps } from './common.js';
import { activateRemainder, settleSplit, writePendingRemainder } from './split.js';

/** What a confirmation returns: the confirmed shipment and, after a partial one, the remainder left behind. */
export interface ConfirmResult {
  shipment: ShipmentDoc;
  remainder: ShipmentDoc | null;
}

/** CONFLICT naming the shipment that already carries a tracking number. */
function trackingNumberTaken(shipmentId: string, trackingNumber: string, holder: string | undefined): DomainError {
  return new DomainError('CONFLICT', `Tracking number "${trackingNumber}" is already used by shipment "${holder ?? 'unknown'}"`, {
    entity: 'Shipment',
    id: shipmentId,
    trackingNumber,
    otherShipmentId: holder ?? null,
  });
}

/** The single write that confirms `doc`: what left, carrier and number, the LABEL_CREATED milestone, the event. */
function confirmation(doc: ShipmentDoc, plan: ConfirmationPlan, remainderId: string | null, now: Date) {
  const at = now.toISOString();
  const labelled = doc.milestones.some((m) => m.status === 'LABEL_CREATED');
  const milestones = labelled
    ? doc.milestones
    : orderMilestones([...doc.milestones, { status: 'LABEL_CREATED' as const, at, location: null, description: `Label created: ${plan.carrier} ${plan.service}` }]);
  const provenance = { source: 'wms', sourceVersion: plan.trackingNumber, observedAt: at };
  const event = shipmentEvent(
    shipmentConfirmed,
    {
      shipmentId: doc._id,
      orderId: doc.orderId,
      locationId: doc.locationId,
      reservationId: doc.reservationId ?? null,
      carrier: plan.carrier,
      service: plan.service,
      trackingNumber: plan.trackingNumber,
      lines: plan.shipped,
    },
    now,
  );
  const set: Partial<ShipmentDoc> = {
    carrier: plan.carrier,
    service: plan.service,
    trackingNumber: plan.trackingNumber,
    lines: plan.shipped,
    milestones,
    status: transition(doc._id, doc.status, 'LABEL_CREATED'),
    confirmedAt: at,
    provenance: { ...doc.provenance, plan: provenance, tracking: provenance },
    ...(remainderId !== null ? { split: { id: remainderId, lines: plan.remainder } } : {}),
  };
  return changeOf(set, [event], now);
}

/**
 * confirmShipment: records what physically left a location. Confirming fewer units than the shipment holds
 * splits the rest into a new PENDING shipment (see split.ts for the steps and their compensation). A retry of a
 * confirmation that already landed answers it again and finishes its split.
 */
export function confirmShipment(deps: WorkflowDeps, input: ConfirmShipmentInput): Promise<ConfirmResult> {
  return untilWritten(input.shipmentId, async () => {
    const doc = await deps.shipments.get(input.shipmentId);
    if (!doc || doc.splitPending) throw shipmentNotFound(input.shipmentId);
    if (doc.trackingNumber !== undefined) {
      const plan = planOrNull(doc, input);
      if (plan && isSameConfirmation(doc, plan)) return { shipment: doc, remainder: await activateRemainder(deps, doc) };
    }
    assertConfirmable(doc);
    const plan = planConfirmation(doc, input);
    const holder = await deps.shipments.byTrackingNumber(plan.trackingNumber);
    if (holder) throw trackingNumberTaken(doc._id, plan.trackingNumber, holder._id);

    const remainderId = plan.remainder.length > 0 ? await writePendingRemainder(deps, doc, plan.remainder) : null;
    let confirmed: ShipmentDoc | null;
    try {
      confirmed = await deps.shipments.update(versionGuard(doc), confirmation(doc, plan, remainderId, deps.now()));
    } catch (error) {
      if (remainderId !== null) await compensate(deps, remainderId);
      if (error instanceof DuplicateKeyError) {
        throw trackingNumberTaken(doc._id, plan.trackingNumber, (await deps.shipments.byTrackingNumber(plan.trackingNumber))?._id);
      }
      throw error;
    }
    if (!confirmed) {
      // Someone else wrote the shipment first: drop our pending remainder and decide again on what is there now.
      if (remainderId !== null) await compensate(deps, remainderId);
      return RETRY;
    }
    deps.published();
    return { shipment: confirmed, remainder: await activateRemainder(deps, confirmed) };
  });
}

/** The plan of a retried request, or null when it does not even fit the shipment any more. */
function planOrNull(doc: ShipmentDoc, input: ConfirmShipmentInput): ConfirmationPlan | null {
  try {
    return planConfirmation(doc, input);
  } catch {
    return null;
  }
}

/** Settles a remainder after a failed confirmation; if even that fails, the sweeper settles it later. */
async function compensate(deps: WorkflowDeps, remainderId: string): Promise<void> {
  try {
    await settleSplit(deps, remainderId);
  } catch (error) {
    deps.logger.warn({ err: error, remainderId }, 'pending remainder left for the sweeper');
  }
}
