import { decide, type ConflictRecord } from '@fulfillment-mesh/connectors';
import { invalidInput, type Provenance } from '@fulfillment-mesh/runtime';
import { trackingNumberNotFound, validTrackingNumber } from '../domain/milestones.js';
import { applyMilestone, milestoneOf, type TrackingEventInput } from '../domain/tracking.js';
import { milestoneRecorded, shipmentEvent } from '../events/contracts.js';
import { carrierSource, rulesFor } from '../mastering.js';
import type { ShipmentDoc } from '../store/models.js';
import { changeOf, RETRY, shipmentNotFound, untilWritten, versionGuard, type WorkflowDeps } from './common.js';

/** recordTrackingEvent's input: the event and exactly one way to find its shipment. */
export interface RecordTrackingEventInput extends TrackingEventInput {
  shipmentId?: string | null;
  trackingNumber?: string | null;
}

/** Reads the shipment the event names, by id or by tracking number (exactly one of them). */
function locator(
  deps: WorkflowDeps,
  input: RecordTrackingEventInput,
): { key: string; load: () => Promise<ShipmentDoc> } {
  const byId = input.shipmentId ?? null;
  const byNumber = input.trackingNumber ?? null;
  if ((byId === null) === (byNumber === null)) {
    throw invalidInput('shipmentId', 'exactly one of shipmentId and trackingNumber', {
      shipmentId: byId,
      trackingNumber: byNumber,
    });
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
 * What one tracking event did: `applied` (the newest milestone: status and `tracking` provenance follow it),
 * `history` (older than the last applied from its source: appended, status and provenance unchanged),
 * `duplicate` (already held: nothing changed) or `refused` (a source that does not master this shipment's
 * tracking, e.g. another carrier: nothing changed, `conflict` recorded).
 */
export interface TrackingOutcome {
  shipment: ShipmentDoc;
  outcome: 'applied' | 'history' | 'duplicate' | 'refused';
  conflict?: ConflictRecord;
}

/**
 * recordTrackingEvent: appends a normalised milestone and moves the status as the state machine allows (see
 * domain/tracking.ts). A milestone the shipment already holds (same status and instant) changes nothing and
 * publishes nothing, so carriers and adapters may re-send freely. `origin` names the source (a carrier adapter
 * passes `carrier:<name>`); without it, a milestone with a carrier code comes from the shipment's carrier and
 * one without from the console. The milestone's own time is its source version and observation time.
 */
export async function trackShipment(
  deps: WorkflowDeps,
  input: RecordTrackingEventInput,
  origin?: Pick<Provenance, 'source' | 'adapterRun'>,
): Promise<TrackingOutcome> {
  const milestone = milestoneOf(input);
  const shipment = locator(deps, input);
  return untilWritten(shipment.key, async () => {
    const doc = await shipment.load();
    const source = origin?.source ?? (milestone.carrierCode !== undefined ? carrierSource(doc.carrier) : 'console');
    const incoming: Provenance = {
      source,
      sourceVersion: milestone.at,
      observedAt: milestone.at,
      ...(origin?.adapterRun ? { adapterRun: origin.adapterRun } : {}),
    };
    const current = doc.provenance.tracking ?? null;
    const decision = decide(rulesFor(doc), { fieldGroup: 'tracking', incoming, current });
    if (decision.outcome === 'refuse' && decision.code !== 'stale' && decision.code !== 'older-observation') {
      const conflict = await deps.conflicts.record({
        entity: 'shipments',
        entityId: doc._id,
        fieldGroup: 'tracking',
        incoming,
        current,
        code: decision.code,
        reason: decision.reason,
        context: {},
      });
      return { shipment: doc, outcome: 'refused', conflict };
    }
    const change = applyMilestone(doc, milestone);
    if (change.duplicate) return { shipment: doc, outcome: 'duplicate' };
    // An older milestone is history: kept, but the newest one still decides status and provenance.
    const newest = decision.outcome === 'apply';
    const now = deps.now();
    const event = shipmentEvent(
      milestoneRecorded,
      {
        shipmentId: doc._id,
        orderId: doc.orderId,
        customerId: doc.customerId,
        ...milestoneData(milestone),
        shipmentStatus: change.status,
      },
      now,
    );
    const provenance = newest ? { ...doc.provenance, tracking: incoming } : doc.provenance;
    const updated = await deps.shipments.update(
      versionGuard(doc),
      changeOf({ milestones: change.milestones, status: change.status, provenance }, [event], now),
    );
    if (!updated) return RETRY;
    deps.published();
    return { shipment: updated, outcome: newest ? 'applied' : 'history' };
  });
}

/** recordTrackingEvent as the GraphQL mutation runs it: {@link trackShipment}, answering with the shipment. */
export async function recordTrackingEvent(deps: WorkflowDeps, input: RecordTrackingEventInput): Promise<ShipmentDoc> {
  return (await trackShipment(deps, input)).shipment;
}

/** The milestone fields the recorded event carries (the carrier's raw code stays on the shipment). */
function milestoneData(m: { status: ShipmentDoc['status']; at: string; location: string | null; description: string }) {
  return { status: m.status, at: m.at, location: m.location, description: m.description };
}
