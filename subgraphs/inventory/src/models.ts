import type { Doc, ProvenanceMap } from '@fulfillment-mesh/runtime';

/** The kinds of stocking location (mirrors the schema's `LocationKind`). */
export type LocationKind = 'DC' | 'STORE' | 'THREE_PL';

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

/** Stock of one SKU at one location as stored (`_id` = `<sku>@<locationId>`, see `positionId`). */
export interface PositionDoc extends Doc {
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
  /** Incremented on every write, for optimistic concurrency. */
  version: number;
  updatedAt: string;
  /** Which system set each mastered field group (`onHand`, `reserved`, `safetyStock`, `incoming`). */
  provenance: ProvenanceMap;
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
}
