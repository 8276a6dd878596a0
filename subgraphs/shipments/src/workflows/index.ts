import type { ConfirmShipmentInput } from '../domain/confirmation.js';
import type { ReleaseInput } from '../domain/release.js';
import type { ShipmentDoc } from '../models.js';
import type { WorkflowDeps } from './common.js';
import { confirmShipment, type ConfirmResult } from './confirm.js';
import { cancelForOrder, createFromRelease } from './orders.js';
import { settleSplit, sweepSplits } from './split.js';
import { recordTrackingEvent, type RecordTrackingEventInput } from './tracking.js';

export type { WorkflowDeps } from './common.js';
export type { ConfirmResult } from './confirm.js';
export type { RecordTrackingEventInput } from './tracking.js';

/** The shipments process API: what resolvers, consumers, the sweeper and (later) adapters call. */
export interface ShipmentWorkflows {
  confirmShipment(input: ConfirmShipmentInput): Promise<ConfirmResult>;
  recordTrackingEvent(input: RecordTrackingEventInput): Promise<ShipmentDoc>;
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
    confirmShipment: (input) => confirmShipment(deps, input),
    recordTrackingEvent: (input) => recordTrackingEvent(deps, input),
    createFromRelease: (release, eventId) => createFromRelease(deps, release, eventId),
    cancelForOrder: (orderId, reason) => cancelForOrder(deps, orderId, reason),
    settleSplit: (id) => settleSplit(deps, id),
    sweepSplits: (olderThanMs) => sweepSplits(deps, olderThanMs),
  };
}
