import type { ConfirmShipmentInput } from '../domain/confirmation.js';
import type { ReleaseInput } from '../domain/release.js';
import type { ApplyMasteredResult } from '@fulfillment-mesh/connectors';
import type { Provenance } from '@fulfillment-mesh/runtime';
import type { ShipmentDoc } from '../store/models.js';
import type { WorkflowDeps } from './common.js';
import { confirmShipment, type ConfirmOrigin, type ConfirmResult } from './confirm.js';
import { recordFreightCost, type FreightCostInput } from './freight.js';
import { cancelForOrder, createFromRelease } from './orders.js';
import { settleSplit, sweepSplits } from './split.js';
import { recordTrackingEvent, trackShipment, type RecordTrackingEventInput, type TrackingOutcome } from './tracking.js';

export type { WorkflowDeps } from './common.js';
export type { ConfirmOrigin, ConfirmResult } from './confirm.js';
export type { FreightCostInput } from './freight.js';
export type { RecordTrackingEventInput, TrackingOutcome } from './tracking.js';

/** The shipments process API: what resolvers, consumers, the sweeper and (later) adapters call. */
export interface ShipmentWorkflows {
  /** `origin` is the WMS write's provenance (adapters); without it the location's WMS confirms now. */
  confirmShipment(input: ConfirmShipmentInput, origin?: ConfirmOrigin): Promise<ConfirmResult>;
  recordTrackingEvent(input: RecordTrackingEventInput): Promise<ShipmentDoc>;
  /** recordTrackingEvent with an explicit source, telling what the event did (carrier adapters). */
  trackShipment(
    input: RecordTrackingEventInput,
    origin?: Pick<Provenance, 'source' | 'adapterRun'>,
  ): Promise<TrackingOutcome>;
  /** Sets the freight cost through the mastering rules (TMS / ERP). */
  recordFreightCost(input: FreightCostInput, origin: Provenance): Promise<ApplyMasteredResult<ShipmentDoc>>;
  /** Resolves with the ids of the shipments this call created. */
  createFromRelease(release: ReleaseInput, eventId: string): Promise<string[]>;
  /** Resolves with the ids of the shipments this call cancelled. */
  cancelForOrder(orderId: string, reason: string): Promise<string[]>;
  settleSplit(remainderId: string): Promise<'activated' | 'discarded' | 'settled'>;
  sweepSplits(olderThanMs: number): Promise<number>;
}

/** Binds every workflow to its dependencies. */
export function createShipmentWorkflows(deps: WorkflowDeps): ShipmentWorkflows {
  return {
    confirmShipment: (input, origin) => confirmShipment(deps, input, origin),
    recordTrackingEvent: (input) => recordTrackingEvent(deps, input),
    trackShipment: (input, origin) => trackShipment(deps, input, origin),
    recordFreightCost: (input, origin) => recordFreightCost(deps, input, origin),
    createFromRelease: (release, eventId) => createFromRelease(deps, release, eventId),
    cancelForOrder: (orderId, reason) => cancelForOrder(deps, orderId, reason),
    settleSplit: (id) => settleSplit(deps, id),
    sweepSplits: (olderThanMs) => sweepSplits(deps, olderThanMs),
  };
}
