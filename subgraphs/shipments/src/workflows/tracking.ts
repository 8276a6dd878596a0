import { invalidInput } from '@fulfillment-mesh/runtime';
import { trackingNumberNotFound, validTrackingNumber } from '../domain/milestones.js';
import { applyMilestone, milestoneOf, type TrackingEventInput } from '../domain/tracking.js';
import { milestoneRecorded, shipmentEvent } from '../events.js';
import type { ShipmentDoc } from '../models.js';
import { changeOf, RETRY, shipmentNotFound, untilWritten, versionGuard, type WorkflowDeps } from './common.js';

/** recordTrackingEvent's input: the event and exactly one way to find its shipment. */
export interface RecordTrackingEventInput extends TrackingEventInput {
  shipmentId?: string | null;
  trackingNumber?: string | null;
}

/** Reads the shipment the event names, by id or by tracking number (exactly one of them). */
function locator(deps: WorkflowDeps, input: RecordTrackingEventInput): { key: string; load: () => Promise<ShipmentDoc> } {
  const byId = input.shipmentId ?? null;
  const byNumber = input.trackingNumber ?? null;
  if ((byId === null) === (byNumber === null)) {
    throw invalidInput('shipmentId', 'exactly one of shipmentId and trackingNumber', { shipmentId: byId, trackingNumber: byNumber });
  }
  if (byId !== null) {
    return {
      key: byId,
      load: async () => {
        const doc = await deps.shipments.get(byId);
        if (!doc || doc.splitPending) throw shipmentNotFound(byId);
        return doc;
      },
    };
  }
  const trackingNumber = validTrackingNumber(byNumber!);
  return {
    key: trackingNumber,
    load: async () => {
      const doc = await deps.shipments.byTrackingNumber(trackingNumber);
      if (!doc) throw trackingNumberNotFound(trackingNumber);
      return doc;
    },
  };
}

/**
 * recordTrackingEvent: appends a normalised milestone and moves the status as the state machine allows (see
 * domain/tracking.ts). A milestone the shipment already holds (same status and instant) changes nothing and
 * publishes nothing, so carriers and adapters may re-send freely.
 */
export async function recordTrackingEvent(deps: WorkflowDeps, input: RecordTrackingEventInput): Promise<ShipmentDoc> {
  const milestone = milestoneOf(input);
  const shipment = locator(deps, input);
  return untilWritten(shipment.key, async () => {
    const doc = await shipment.load();
    const change = applyMilestone(doc, milestone);
    if (change.duplicate) return doc;
    const now = deps.now();
    const event = shipmentEvent(
      milestoneRecorded,
      { shipmentId: doc._id, orderId: doc.orderId, ...milestoneData(milestone), shipmentStatus: change.status },
      now,
    );
    const provenance = { source: milestone.carrierCode !== undefined ? `carrier:${doc.carrier}` : 'wms', sourceVersion: milestone.at, observedAt: now.toISOString() };
    const updated = await deps.shipments.update(
      versionGuard(doc),
      changeOf({ milestones: change.milestones, status: change.status, provenance: { ...doc.provenance, tracking: provenance } }, [event], now),
    );
    if (!updated) return RETRY;
    deps.published();
    return updated;
  });
}

/** The milestone fields the recorded event carries (the carrier's raw code stays on the shipment). */
function milestoneData(m: { status: ShipmentDoc['status']; at: string; location: string | null; description: string }) {
  return { status: m.status, at: m.at, location: m.location, description: m.description };
}
