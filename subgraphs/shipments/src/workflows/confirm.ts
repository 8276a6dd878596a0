import { decide, type ConflictRecord } from '@fulfillment-mesh/connectors';
import { DomainError, DuplicateKeyError, type Provenance } from '@fulfillment-mesh/runtime';
import { assertConfirmable, isConfirmed, isSameConfirmation, planConfirmation } from '../domain/confirmation.js';
import type { ConfirmationPlan, ConfirmShipmentInput } from '../domain/confirmation.js';
import { canonicalInstant, orderMilestones } from '../domain/milestones.js';
import { transition } from '../domain/shipment-state.js';
import { shipmentConfirmed, shipmentEvent } from '../events/contracts.js';
import { rulesFor, wmsSource } from '../mastering.js';
import type { ShipmentDoc } from '../store/models.js';
import { changeOf, RETRY, shipmentNotFound, untilWritten, versionGuard, type WorkflowDeps } from './common.js';
import { activateRemainder, settleSplit, writePendingRemainder } from './split.js';

/**
 * What a confirmation returns: the confirmed shipment and, after a partial one, the remainder left behind. A
 * confirmation the mastering rules refused (another location's WMS, or older than the one applied) changes
 * nothing: `shipment` is as it was and `refused` is the conflict recorded for it.
 */
export interface ConfirmResult {
  shipment: ShipmentDoc;
  remainder: ShipmentDoc | null;
  refused?: ConflictRecord;
}

/** Who confirms: a WMS adapter passes its source (`wms:<locationId>`), sequence, ship time and run. */
export interface ConfirmOrigin extends Provenance {
  /** When the stock left (ISO-8601); default the time the confirmation is recorded. */
  shippedAt?: string;
}

/** CONFLICT naming the shipment that already carries a tracking number. */
function trackingNumberTaken(shipmentId: string, trackingNumber: string, holder: string | undefined): DomainError {
  return new DomainError(
    'CONFLICT',
    `Tracking number "${trackingNumber}" is already used by shipment "${holder ?? 'unknown'}"`,
    {
      entity: 'Shipment',
      id: shipmentId,
      trackingNumber,
      otherShipmentId: holder ?? null,
    },
  );
}

/** The single write that confirms `doc`: what left, carrier and number, the LABEL_CREATED milestone, the event. */
function confirmation(
  doc: ShipmentDoc,
  plan: ConfirmationPlan,
  remainderId: string | null,
  now: Date,
  origin: Provenance,
  shippedAt: string,
) {
  const at = shippedAt;
  const labelled = doc.milestones.some((m) => m.status === 'LABEL_CREATED');
  const milestones = labelled
    ? doc.milestones
    : orderMilestones([
        ...doc.milestones,
        {
          status: 'LABEL_CREATED' as const,
          at,
          location: null,
          description: `Label created: ${plan.carrier} ${plan.service}`,
        },
      ]);
  // The label milestone is the WMS's tracking fact; carriers' later milestones supersede it (newest wins).
  const tracking = labelled
    ? doc.provenance.tracking
    : {
        source: origin.source,
        sourceVersion: at,
        observedAt: at,
        ...(origin.adapterRun ? { adapterRun: origin.adapterRun } : {}),
      };
  const event = shipmentEvent(
    shipmentConfirmed,
    {
      shipmentId: doc._id,
      orderId: doc.orderId,
      customerId: doc.customerId,
      ...(doc.businessUnit ? { businessUnit: doc.businessUnit } : {}),
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
    provenance: { ...doc.provenance, confirmation: origin, ...(tracking ? { tracking } : {}) },
    ...(remainderId !== null ? { split: { id: remainderId, lines: plan.remainder } } : {}),
  };
  return changeOf(set, [event], now);
}

/**
 * confirmShipment: records what physically left a location. Confirming fewer units than the shipment holds
 * splits the rest into a new PENDING shipment (see split.ts for the steps and their compensation). A retry of a
 * confirmation that already landed answers it again and finishes its split.
 */
export function confirmShipment(
  deps: WorkflowDeps,
  input: ConfirmShipmentInput,
  origin?: ConfirmOrigin,
): Promise<ConfirmResult> {
  const shippedAt = origin?.shippedAt !== undefined ? canonicalInstant(origin.shippedAt, 'shippedAt') : null;
  return untilWritten(input.shipmentId, async () => {
    const doc = await deps.shipments.get(input.shipmentId);
    if (!doc || doc.splitPending) throw shipmentNotFound(input.shipmentId);
    if (isConfirmed(doc)) {
      const plan = planOrNull(doc, input);
      if (plan && isSameConfirmation(doc, plan))
        return { shipment: doc, remainder: await activateRemainder(deps, doc) };
    }
    const now = deps.now();
    // Without an origin (GraphQL, console) the write is the location's own WMS confirming now: authoritative by
    // definition, and a second one is the domain's CONFLICT below. An adapter's write is decided by the rules.
    const incoming = provenanceOf(origin) ?? {
      source: wmsSource(doc.locationId),
      sourceVersion: now.toISOString(),
      observedAt: now.toISOString(),
    };
    const current = doc.provenance.confirmation ?? null;
    const decision = origin ? decide(rulesFor(doc), { fieldGroup: 'confirmation', incoming, current }) : null;
    if (decision?.outcome === 'refuse') {
      const refused = await deps.conflicts.record({
        entity: 'shipments',
        entityId: doc._id,
        fieldGroup: 'confirmation',
        incoming,
        current,
        code: decision.code,
        reason: decision.reason,
        context: {},
      });
      deps.logger.warn(
        { shipmentId: doc._id, source: incoming.source, reason: decision.reason },
        'confirmation refused by the mastering rules',
      );
      return { shipment: doc, remainder: null, refused };
    }
    assertConfirmable(doc);
    const plan = planConfirmation(doc, input);
    const holder = await deps.shipments.byTrackingNumber(plan.trackingNumber);
    // The shipment's own pre-assigned number is no clash: the confirmation keeps or replaces it.
    if (holder && holder._id !== doc._id) throw trackingNumberTaken(doc._id, plan.trackingNumber, holder._id);

    const remainderId = plan.remainder.length > 0 ? await writePendingRemainder(deps, doc, plan.remainder) : null;
    let confirmed: ShipmentDoc | null;
    try {
      confirmed = await deps.shipments.update(
        versionGuard(doc),
        confirmation(doc, plan, remainderId, now, incoming, shippedAt ?? now.toISOString()),
      );
    } catch (error) {
      if (remainderId !== null) await compensate(deps, remainderId);
      if (error instanceof DuplicateKeyError) {
        throw trackingNumberTaken(
          doc._id,
          plan.trackingNumber,
          (await deps.shipments.byTrackingNumber(plan.trackingNumber))?._id,
        );
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

/** The provenance part of an origin (without `shippedAt`), or null without one. */
function provenanceOf(origin: ConfirmOrigin | undefined): Provenance | null {
  if (!origin) return null;
  const { shippedAt: _notProvenance, ...provenance } = origin;
  return provenance;
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
