import type { ImportJob } from '@fulfillment-mesh/connectors';
import type { OutboxFields } from '@fulfillment-mesh/events';
import type { Doc, ProvenanceMap } from '@fulfillment-mesh/runtime';
import type {
  Allocation,
  Channel,
  LedgerReason,
  LocationKind,
  QuantityDelta,
  ReleaseReason,
  RequestedLine,
  ReservationStatus,
  ResultingQuantities,
  Shortage,
  ShipmentCommit,
  ShipmentStep,
} from '../domain/index.js';

export type { Channel, LocationKind } from '../domain/index.js';

/** A postal address as stored; `line2` is null when absent. */
export interface AddressDoc {
  line1: string;
  line2: string | null;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

/** A stocking location as stored: one document per location (`_id` = id). */
export interface LocationDoc extends Doc {
  id: string;
  name: string;
  kind: LocationKind;
  region: string;
  /** Sourcing preference: 1 is tried first. */
  priority: number;
  address: AddressDoc;
  /** The business unit operating the location; absent on older locations: `default`. */
  businessUnit?: string;
  /** Incremented on every write, for optimistic concurrency. */
  version: number;
  updatedAt: string;
  /** Which system set each mastered field group (`profile`, `priority`). */
  provenance: ProvenanceMap;
}

/** Stock expected to arrive at a location; `expectedAt` is null when the ERP gave no date. */
export interface IncomingDoc {
  quantity: number;
  expectedAt: string | null;
}

/**
 * Stock of one SKU at one location as stored (`_id` = `<sku>@<locationId>`, see `positionId`). Every quantity
 * change increments `version`, keeps `free` in step and appends its ledger event to the outbox, in one write.
 */
export interface PositionDoc extends Doc, OutboxFields {
  sku: string;
  locationId: string;
  onHand: number;
  reserved: number;
  safetyStock: number;
  /** Units on hand that cannot be sold because they are damaged. */
  damaged: number;
  /** Units on hand held for quality control. */
  qualityControl: number;
  incoming: IncomingDoc | null;
  /** onHand - reserved - safetyStock - damaged - qualityControl (may be negative): the reservation guard. */
  free: number;
  /**
   * The journal of hold transitions not yet moved to the `holds` collection, by `fieldKey(reservationId)`: units
   * held, 0 when released. Bounded (the writer moves it out after every write); readers merge it over the hold
   * documents (see `InventoryStore.withHolds`), and merged, the holds sum to `reserved`.
   */
  holds: Record<string, number>;
  /** Markers of operation steps applied here and not yet cleaned up, by `fieldKey(marker)`. */
  ops?: Record<string, string>;
  /** Incremented on every quantity change (the ledger version), for compare-and-swap. */
  version: number;
  updatedAt: string;
  /** Which system set each mastered field group (`onHand`, `reserved`, `safetyStock`, `incoming`). */
  provenance: ProvenanceMap;
  /** The highest sequence each source applied to `onHand`, by `fieldKey(source)` (see `planObservedOnHand`). */
  onHandSequences?: Record<string, string>;
}

/**
 * What one reservation holds at one position (collection `holds`, `_id` = `<positionId>/<fieldKey(reservationId)>`).
 * A released hold keeps its document with 0 units, so that a late copy of an older journal entry (guarded on
 * `positionVersion`) can never bring it back.
 */
export interface HoldDoc extends Doc {
  positionId: string;
  /** `fieldKey(reservationId)`. */
  reservation: string;
  units: number;
  /** The position version whose journal this copy came from. */
  positionVersion: number;
  updatedAt: string;
}

/** A reservation as stored (`_id` = reservation id, unique `key`); its events go out through its outbox. */
export interface ReservationDoc extends Doc, OutboxFields {
  key: string;
  orderId: string | null;
  /** The customer the reservation is held for (its order's customer); null for holds without an order: no partner's. */
  customerId: string | null;
  channel: Channel;
  shipToRegion: string | null;
  /** The requested lines (what a repeated key is compared with). */
  lines: RequestedLine[];
  ttlSeconds: number | null;
  allowBackorder: boolean | null;
  status: ReservationStatus;
  allocations: Allocation[];
  backordered: RequestedLine[];
  shortages: Shortage[];
  failureReason: string | null;
  releaseReason: ReleaseReason | null;
  /** What each confirmed shipment took from the holds. */
  commits: ShipmentCommit[];
  /** Every position the workflow may have held stock at: what compensation and release visit. */
  touched: string[];
  /** A terminal status was reached but holds may remain: the sweeper finishes the release. */
  holdsOpen: boolean;
  expiresAt: string | null;
  /** When the sweeper should next look at it (expiry, stale PENDING, unfinished release); null: never. */
  sweepAt: string | null;
  /**
   * Who drives a PENDING reservation (a token per workflow run). A run that outlived its lease is taken over with a
   * new token, and the writes of the old run no longer match. Absent on reservations written by older versions.
   */
  driver?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** One ledger entry, projected from `inventory.position.adjusted` (`_id` = event id). */
export interface LedgerDoc extends Doc {
  positionId: string;
  sku: string;
  locationId: string;
  at: string;
  reason: LedgerReason;
  reference: { type: string; id: string } | null;
  source: string;
  actor: string;
  delta: QuantityDelta;
  resulting: ResultingQuantities;
  version: number;
}

/** One step of a multi-position operation (a shipment commit or a return receipt). */
export interface OperationStepDoc extends ShipmentStep {
  positionId: string;
  /** For return receipts: what the units are fit for. */
  disposition?: 'RESTOCK' | 'DAMAGED' | 'QUALITY_CONTROL';
  /** Marker recorded on the position when the step is applied. */
  marker: string;
}

/** A multi-position operation (`_id` = `commit:<shipmentId>` or `return:<returnId>`): the record of its steps. */
export interface OperationDoc extends Doc {
  kind: 'commit' | 'return';
  /** APPLYING until every step is applied; DONE after, when redeliveries are ignored. */
  state: 'APPLYING' | 'DONE';
  reservationId: string | null;
  reference: { type: string; id: string };
  steps: OperationStepDoc[];
  createdAt: string;
  updatedAt: string;
}

/** The inventory side of the catalog's `Product` entity: only its key, resolved without a store query. */
export interface ProductRef {
  sku: string;
}

/** What one location contributes to a product's availability. */
export interface LocationAvailabilityView {
  locationId: string;
  available: number;
}

/** A product's availability over all locations, computed per request from its positions. */
export interface AvailabilityView {
  available: number;
  /**
   * One line per position, in store order: the `byLocation` resolver sorts them into sourcing order, because
   * sorting needs the locations and a client asking only for the total should not cost a locations query.
   */
  byLocation: LocationAvailabilityView[];
  /** The newest `updatedAt` among the positions, or the request time when there are none. */
  asOf: string;
  /** The channel it was computed for; null for the plain availability. */
  channel: Channel | null;
}

/** One field of one position on which the ERP and the mesh disagree beyond the tolerance. */
export interface DiscrepancyDoc {
  sku: string;
  locationId: string;
  /** `onHand` or `incoming` (in-transit quantity). */
  field: 'onHand' | 'incoming';
  erpValue: number;
  meshValue: number;
  /** erpValue - meshValue. */
  difference: number;
  /** CORRECTED: the ERP masters this field here and its value was applied; REPORTED: left for review. */
  action: 'CORRECTED' | 'REPORTED';
  /** Why (the mastering decision, or what applying it did). */
  reason: string;
}

/** The report of one ERP on-hand reconciliation (collection `reconciliationRuns`, `_id` = run id). */
export interface ReconciliationRunDoc extends Doc {
  at: string;
  source: string;
  tolerance: { units: number; percent: number };
  /** Data rows read (the header excluded). */
  rows: number;
  /** (sku, location) pairs compared. */
  compared: number;
  corrected: number;
  reported: number;
  discrepancies: DiscrepancyDoc[];
  /** Rows that could not be compared, by 1-based line number (the header is line 1). */
  errors: { row: number; message: string }[];
}

/** An import job as the graph reads it (`id` = the job document's `_id`). */
export type ImportJobView = ImportJob & { id: string };
