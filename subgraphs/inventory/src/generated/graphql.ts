import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { LocationDoc as LocationDocModel, PositionDoc as PositionDocModel, ProductRef as ProductRefModel, AvailabilityView as AvailabilityViewModel, LocationAvailabilityView as LocationAvailabilityViewModel, ImportJobView as ImportJobViewModel } from '../store/models.js';
import type { Context } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 instant in UTC. */
  DateTime: { input: string; output: string; }
  _FieldSet: { input: any; output: any; }
};

export type Address = {
  __typename?: 'Address';
  city: Scalars['String']['output'];
  country: Scalars['String']['output'];
  line1: Scalars['String']['output'];
  line2: Maybe<Scalars['String']['output']>;
  postalCode: Scalars['String']['output'];
  region: Scalars['String']['output'];
};

export type AdjustInventoryInput = {
  /** Who makes the change; default anonymous. */
  actor?: InputMaybe<Scalars['String']['input']>;
  delta: QuantityDeltaInput;
  /** Compare-and-swap: refuse with CONFLICT unless the position is at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  locationId: Scalars['ID']['input'];
  reason: AdjustmentReason;
  reference?: InputMaybe<DocumentReferenceInput>;
  sku: Scalars['ID']['input'];
  /** The system the change comes from; default api. */
  source?: InputMaybe<Scalars['String']['input']>;
};

/** The reasons an operator or adapter may give for an adjustment. */
export type AdjustmentReason =
  | 'ADJUSTED'
  | 'COUNTED'
  | 'DAMAGED'
  | 'QUALITY_CONTROL'
  | 'RECEIVED';

export type AllocatedLine = {
  __typename?: 'AllocatedLine';
  /** Units of this line already shipped (committed) from this location. */
  committed: Scalars['Int']['output'];
  lineId: Scalars['ID']['output'];
  quantity: Scalars['Int']['output'];
  sku: Scalars['ID']['output'];
};

export type Availability = {
  __typename?: 'Availability';
  asOf: Scalars['DateTime']['output'];
  /** Sum of available over the locations (for a channel: over its eligible locations, less its buffer). */
  available: Scalars['Int']['output'];
  byLocation: Array<LocationAvailability>;
  /** The channel this availability was computed for; null for the plain availability. */
  channel: Maybe<Channel>;
};

/** The sales channels (the same enum as the orders subgraph's). */
export type Channel =
  | 'EDI'
  | 'INSIDE_SALES'
  | 'MARKETPLACE'
  | 'STORE'
  | 'WEB';

/** What a reconciliation did with a difference: applied it (the ERP masters the field there) or left it for review. */
export type DiscrepancyAction =
  | 'CORRECTED'
  | 'REPORTED';

/** A document a change refers to (an order, a shipment, a return, a receipt...). */
export type DocumentReference = {
  __typename?: 'DocumentReference';
  id: Scalars['ID']['output'];
  type: Scalars['String']['output'];
};

export type DocumentReferenceInput = {
  id: Scalars['ID']['input'];
  type: Scalars['String']['input'];
};

/** Where a mastered value came from. */
export type FieldProvenance = {
  __typename?: 'FieldProvenance';
  adapterRun: Maybe<Scalars['String']['output']>;
  field: Scalars['String']['output'];
  observedAt: Scalars['DateTime']['output'];
  source: Scalars['String']['output'];
  sourceVersion: Scalars['String']['output'];
};

/** A large file imported in the background, batch by batch; resumed after a restart. */
export type ImportJob = {
  __typename?: 'ImportJob';
  /** The adapter that received the file, e.g. `erp-items` or `wms-snapshots`. */
  connector: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** The file's identity: for a CSV `sha256:` and the hex SHA-256 of its content; for a WMS snapshot `<source>#<sequence>`. */
  documentId: Scalars['String']['output'];
  /** How many row errors the job collected (all of them, also beyond `errors(first:)`). */
  errorCount: Scalars['Int']['output'];
  /** Rows or fields that were not imported, in row order (`first` 1..1000); the rest of the file is applied. */
  errors: Array<ImportRowError>;
  /** Why a FAILED job stopped (not a row error: e.g. the stored file could not be read). */
  failure: Maybe<Scalars['String']['output']>;
  finishedAt: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** Data rows done so far (applied, duplicates, refused or invalid). */
  processed: Scalars['Int']['output'];
  status: ImportJobStatus;
  /** Data rows in the file; null until counted. */
  total: Maybe<Scalars['Int']['output']>;
  updatedAt: Scalars['DateTime']['output'];
};


/** A large file imported in the background, batch by batch; resumed after a restart. */
export type ImportJobErrorsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type ImportJobStatus =
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING'
  | 'SUCCEEDED';

/** Why one row (or one field of it) was not imported. */
export type ImportRowError = {
  __typename?: 'ImportRowError';
  /** The column or field group (`price`, `version`, ...); null when the whole row could not be read. */
  field: Maybe<Scalars['String']['output']>;
  reason: Scalars['String']['output'];
  /** A CSV's line number (the header is line 1), or a JSON document's 1-based position in its list of lines. */
  row: Scalars['Int']['output'];
};

export type IncomingStock = {
  __typename?: 'IncomingStock';
  expectedAt: Maybe<Scalars['DateTime']['output']>;
  quantity: Scalars['Int']['output'];
};

/** One quantity change of a position. */
export type InventoryChange = {
  __typename?: 'InventoryChange';
  available: Scalars['Int']['output'];
  /** The event's stream entry id: pass it as `after` to resume from here. */
  cursor: Scalars['String']['output'];
  eventId: Scalars['ID']['output'];
  location: Location;
  locationId: Scalars['ID']['output'];
  onHand: Scalars['Int']['output'];
  /** Null (with an UNAVAILABLE error naming catalog) while the catalog cannot be reached. */
  product: Maybe<Product>;
  reason: LedgerReason;
  reserved: Scalars['Int']['output'];
  sku: Scalars['ID']['output'];
};

export type InventoryChangeInput = {
  available: Scalars['Int']['input'];
  cursor: Scalars['String']['input'];
  eventId: Scalars['ID']['input'];
  locationId: Scalars['ID']['input'];
  onHand: Scalars['Int']['input'];
  product: InventoryChangeProductInput;
  reason: LedgerReason;
  reserved: Scalars['Int']['input'];
  sku: Scalars['ID']['input'];
};

export type InventoryChangeProductInput = {
  sku: Scalars['ID']['input'];
};

/** One field of one position on which the ERP and the mesh disagree beyond the tolerance. */
export type InventoryDiscrepancy = {
  __typename?: 'InventoryDiscrepancy';
  action: DiscrepancyAction;
  /** erpValue - meshValue. */
  difference: Scalars['Int']['output'];
  erpValue: Scalars['Int']['output'];
  /** `onHand` or `incoming`. */
  field: Scalars['String']['output'];
  location: Location;
  meshValue: Scalars['Int']['output'];
  /** The mastering decision (why it was only reported) or what applying it did. */
  reason: Scalars['String']['output'];
  sku: Scalars['ID']['output'];
};

/** Stock of one SKU at one location. The WMS/POS masters on-hand; the ERP masters in-transit and ownership. */
export type InventoryPosition = {
  __typename?: 'InventoryPosition';
  /** onHand - reserved - safetyStock - damaged - qualityControl, never negative. */
  available: Scalars['Int']['output'];
  /** Units that are damaged (counted in onHand, never available). */
  damaged: Scalars['Int']['output'];
  incoming: Maybe<IncomingStock>;
  /** The newest ledger entries of this position, newest first (`first` 1..100). */
  ledger: Array<LedgerEntry>;
  location: Location;
  onHand: Scalars['Int']['output'];
  /** Null (with an UNAVAILABLE error naming catalog) while the catalog cannot be reached. */
  product: Maybe<Product>;
  /** Where each mastered field group (onHand, incoming, ...) came from: source, its sequence, when it was observed. */
  provenance: Array<FieldProvenance>;
  /** Units held for quality control (counted in onHand, never available). */
  qualityControl: Scalars['Int']['output'];
  reserved: Scalars['Int']['output'];
  safetyStock: Scalars['Int']['output'];
  sku: Scalars['ID']['output'];
  updatedAt: Scalars['DateTime']['output'];
  /** Incremented by every quantity change; pass it as `expectedVersion` for a compare-and-swap adjustment. */
  version: Scalars['Int']['output'];
};


/** Stock of one SKU at one location. The WMS/POS masters on-hand; the ERP masters in-transit and ownership. */
export type InventoryPositionLedgerArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** One append-only ledger entry: the event id, what changed, why and the quantities after the change. */
export type LedgerEntry = {
  __typename?: 'LedgerEntry';
  /** Who made the change. */
  actor: Scalars['String']['output'];
  at: Scalars['DateTime']['output'];
  delta: QuantityDelta;
  id: Scalars['ID']['output'];
  reason: LedgerReason;
  reference: Maybe<DocumentReference>;
  resulting: ResultingQuantities;
  /** The system the change came from (api, orders, shipments, sweeper...). */
  source: Scalars['String']['output'];
  /** The position version after the change. */
  version: Scalars['Int']['output'];
};

/** Why a position changed: the reason of a ledger entry. */
export type LedgerReason =
  | 'ADJUSTED'
  | 'COMMITTED'
  | 'COUNTED'
  | 'DAMAGED'
  | 'EXPIRED'
  | 'QUALITY_CONTROL'
  | 'RECEIVED'
  | 'RELEASED'
  | 'RESERVED'
  | 'RESTOCKED';

/**
 * A place that holds stock: a distribution center, a store or a third-party logistics warehouse. Readable with
 * `inventory:read`, and by services (`mesh:service`) through the reservations they make.
 */
export type Location = {
  __typename?: 'Location';
  address: Address;
  /** The business unit operating the location (whose ERP books its stock); `default` unless configured. */
  businessUnit: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  kind: LocationKind;
  name: Scalars['String']['output'];
  /** Sourcing preference: 1 is tried first. */
  priority: Scalars['Int']['output'];
  /** Where each mastered field group (profile, priority) came from. */
  provenance: Array<FieldProvenance>;
  region: Scalars['String']['output'];
};

export type LocationAvailability = {
  __typename?: 'LocationAvailability';
  available: Scalars['Int']['output'];
  location: Location;
};

export type LocationKind =
  | 'DC'
  | 'STORE'
  | 'THREE_PL';

/** An inbound update that was not applied (non-authoritative, stale, or waiting for review). */
export type MasteringConflict = {
  __typename?: 'MasteringConflict';
  at: Scalars['DateTime']['output'];
  currentSource: Maybe<Scalars['String']['output']>;
  currentSourceVersion: Maybe<Scalars['String']['output']>;
  entityId: Scalars['ID']['output'];
  fieldGroup: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  observedAt: Scalars['DateTime']['output'];
  reason: Scalars['String']['output'];
  source: Scalars['String']['output'];
  sourceVersion: Scalars['String']['output'];
};

export type MasteringConflictConnection = {
  __typename?: 'MasteringConflictConnection';
  nodes: Array<MasteringConflict>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

/**
 * Writes. `adjustInventory` is for operators and adapters (WMS counts, receipts, damage); the reservation fields
 * are a service API that the orders subgraph calls directly on this subgraph, so they are kept out of the
 * client-facing graph.
 */
export type Mutation = {
  __typename?: 'Mutation';
  /** Changes the quantities of one position (creating it at a known location) and records a ledger entry. */
  adjustInventory: InventoryPosition;
  /** Moves the expiry of an ACTIVE reservation to `ttlSeconds` from now. */
  extendReservation: Reservation;
  /** Releases what an ACTIVE or PARTIALLY_COMMITTED reservation still holds; repeating it is harmless. */
  releaseReservation: Reservation;
  /** Sources and reserves every line, all or nothing; idempotent on `input.key`. */
  reserveStock: ReservationResult;
};


/**
 * Writes. `adjustInventory` is for operators and adapters (WMS counts, receipts, damage); the reservation fields
 * are a service API that the orders subgraph calls directly on this subgraph, so they are kept out of the
 * client-facing graph.
 */
export type MutationAdjustInventoryArgs = {
  input: AdjustInventoryInput;
};


/**
 * Writes. `adjustInventory` is for operators and adapters (WMS counts, receipts, damage); the reservation fields
 * are a service API that the orders subgraph calls directly on this subgraph, so they are kept out of the
 * client-facing graph.
 */
export type MutationExtendReservationArgs = {
  id: Scalars['ID']['input'];
  ttlSeconds: Scalars['Int']['input'];
};


/**
 * Writes. `adjustInventory` is for operators and adapters (WMS counts, receipts, damage); the reservation fields
 * are a service API that the orders subgraph calls directly on this subgraph, so they are kept out of the
 * client-facing graph.
 */
export type MutationReleaseReservationArgs = {
  id: Scalars['ID']['input'];
  reason: ReservationReleaseReason;
};


/**
 * Writes. `adjustInventory` is for operators and adapters (WMS counts, receipts, damage); the reservation fields
 * are a service API that the orders subgraph calls directly on this subgraph, so they are kept out of the
 * client-facing graph.
 */
export type MutationReserveStockArgs = {
  input: ReserveStockInput;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Product = {
  __typename?: 'Product';
  /**
   * Available to promise: over all locations, or with `channel` that channel's eligible locations less its buffer.
   * Null (with an UNAVAILABLE error naming inventory) while inventory cannot be reached; the product's other fields
   * still answer.
   */
  availability: Maybe<Availability>;
  /** Stock per location; null (with an UNAVAILABLE error naming inventory) while inventory cannot be reached. */
  positions: Maybe<Array<InventoryPosition>>;
  sku: Scalars['ID']['output'];
};


export type ProductAvailabilityArgs = {
  channel?: InputMaybe<Channel>;
};

/** A change of each quantity, in units (positive or negative). */
export type QuantityDelta = {
  __typename?: 'QuantityDelta';
  damaged: Scalars['Int']['output'];
  onHand: Scalars['Int']['output'];
  qualityControl: Scalars['Int']['output'];
  reserved: Scalars['Int']['output'];
  safetyStock: Scalars['Int']['output'];
};

/** Quantity changes of an adjustment, in units; omitted fields do not change. Reserved only changes through reservations. */
export type QuantityDeltaInput = {
  damaged?: InputMaybe<Scalars['Int']['input']>;
  onHand?: InputMaybe<Scalars['Int']['input']>;
  qualityControl?: InputMaybe<Scalars['Int']['input']>;
  safetyStock?: InputMaybe<Scalars['Int']['input']>;
};

/**
 * Reads need `inventory:read`; the operations fields (conflicts, reconciliation reports) need `operations:read`
 * (docs/access.md).
 */
export type Query = {
  __typename?: 'Query';
  /** Hydration of Subscription.inventoryChanged: echoes the payload root the gateway built from an event (gateway only). */
  inventoryChangePayload: Maybe<InventoryChange>;
  /** Inbound inventory writes that were not applied (non-authoritative, stale, or waiting for review), newest first. */
  inventoryConflicts: MasteringConflictConnection;
  /** A background import of a large WMS snapshot (the id its 202 answer carried); unknown ids are null. */
  inventoryImportJob: Maybe<ImportJob>;
  /** The position of one SKU at one location. */
  inventoryPosition: Maybe<InventoryPosition>;
  /** One stocking location by id; unknown ids are null with a NOT_FOUND error. */
  location: Maybe<Location>;
  /** All locations, optionally of one kind, by priority. */
  locations: Array<Location>;
  /** The newest ERP on-hand reconciliation reports, newest first (`first` 1..100). */
  reconciliationRuns: Array<ReconciliationRun>;
  /** One reservation by id; unknown ids are null with a NOT_FOUND error. */
  reservation: Maybe<Reservation>;
};


/**
 * Reads need `inventory:read`; the operations fields (conflicts, reconciliation reports) need `operations:read`
 * (docs/access.md).
 */
export type QueryInventoryChangePayloadArgs = {
  event: InventoryChangeInput;
};


/**
 * Reads need `inventory:read`; the operations fields (conflicts, reconciliation reports) need `operations:read`
 * (docs/access.md).
 */
export type QueryInventoryConflictsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * Reads need `inventory:read`; the operations fields (conflicts, reconciliation reports) need `operations:read`
 * (docs/access.md).
 */
export type QueryInventoryImportJobArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Reads need `inventory:read`; the operations fields (conflicts, reconciliation reports) need `operations:read`
 * (docs/access.md).
 */
export type QueryInventoryPositionArgs = {
  locationId: Scalars['ID']['input'];
  sku: Scalars['ID']['input'];
};


/**
 * Reads need `inventory:read`; the operations fields (conflicts, reconciliation reports) need `operations:read`
 * (docs/access.md).
 */
export type QueryLocationArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Reads need `inventory:read`; the operations fields (conflicts, reconciliation reports) need `operations:read`
 * (docs/access.md).
 */
export type QueryLocationsArgs = {
  kind?: InputMaybe<LocationKind>;
};


/**
 * Reads need `inventory:read`; the operations fields (conflicts, reconciliation reports) need `operations:read`
 * (docs/access.md).
 */
export type QueryReconciliationRunsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * Reads need `inventory:read`; the operations fields (conflicts, reconciliation reports) need `operations:read`
 * (docs/access.md).
 */
export type QueryReservationArgs = {
  id: Scalars['ID']['input'];
};

/** A CSV row that could not be compared (1-based line number; the header is line 1). */
export type ReconciliationRowError = {
  __typename?: 'ReconciliationRowError';
  message: Scalars['String']['output'];
  row: Scalars['Int']['output'];
};

/** The report of one ERP on-hand snapshot reconciled with the mesh's positions. */
export type ReconciliationRun = {
  __typename?: 'ReconciliationRun';
  at: Scalars['DateTime']['output'];
  /** (sku, location) pairs compared. */
  compared: Scalars['Int']['output'];
  corrected: Scalars['Int']['output'];
  discrepancies: Array<InventoryDiscrepancy>;
  errors: Array<ReconciliationRowError>;
  id: Scalars['ID']['output'];
  reported: Scalars['Int']['output'];
  /** Data rows read. */
  rows: Scalars['Int']['output'];
  source: Scalars['String']['output'];
  tolerance: ReconciliationTolerance;
};

/** A reconciliation tolerance: differences within either limit are not discrepancies. */
export type ReconciliationTolerance = {
  __typename?: 'ReconciliationTolerance';
  percent: Scalars['Float']['output'];
  units: Scalars['Int']['output'];
};

/** Stock held for an order (or a checkout): one allocation per sourced location. */
export type Reservation = {
  __typename?: 'Reservation';
  allocations: Array<ReservationAllocation>;
  /** Lines (or parts of lines) accepted without stock, where the channel allows backorders. */
  backordered: Array<ReservationLine>;
  channel: Channel;
  createdAt: Scalars['DateTime']['output'];
  /** When a checkout hold expires; null for reservations without a TTL and once committing started. */
  expiresAt: Maybe<Scalars['DateTime']['output']>;
  failureReason: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  key: Scalars['String']['output'];
  orderId: Maybe<Scalars['ID']['output']>;
  releaseReason: Maybe<ReservationReleaseReason>;
  shipToRegion: Maybe<Scalars['String']['output']>;
  /** Why the reservation failed, per line; empty unless FAILED. */
  shortages: Array<Shortage>;
  status: ReservationStatus;
  updatedAt: Scalars['DateTime']['output'];
};

/** What one location ships for a reservation. */
export type ReservationAllocation = {
  __typename?: 'ReservationAllocation';
  lines: Array<AllocatedLine>;
  location: Location;
};

export type ReservationLine = {
  __typename?: 'ReservationLine';
  lineId: Scalars['ID']['output'];
  quantity: Scalars['Int']['output'];
  sku: Scalars['ID']['output'];
};

/** Why a reservation's stock went back: a cancelled order, an expired hold, or a compensated workflow step. */
export type ReservationReleaseReason =
  | 'CANCELLED'
  | 'COMPENSATED'
  | 'EXPIRED';

/**
 * What reserveStock did. The reservation is ACTIVE (every line held or backordered), FAILED (with shortages and a
 * reason, nothing held) or, when a duplicate call for the same key is still running elsewhere, PENDING: retry
 * with the same key.
 */
export type ReservationResult = {
  __typename?: 'ReservationResult';
  /** True when the key had been used before and the existing reservation was returned. */
  replayed: Scalars['Boolean']['output'];
  reservation: Reservation;
};

export type ReservationStatus =
  | 'ACTIVE'
  | 'COMMITTED'
  | 'EXPIRED'
  | 'FAILED'
  | 'PARTIALLY_COMMITTED'
  | 'PENDING'
  | 'RELEASED';

export type ReserveStockInput = {
  /** False refuses backorders even where the channel allows them; default: the channel's rule. */
  allowBackorder?: InputMaybe<Scalars['Boolean']['input']>;
  channel: Channel;
  /** The customer the stock is held for (the order's customer): its owner, for tenant isolation (docs/access.md). */
  customerId?: InputMaybe<Scalars['ID']['input']>;
  /** Idempotency key: the same key returns the same reservation and never reserves twice. */
  key: Scalars['String']['input'];
  lines: Array<ReserveStockLineInput>;
  orderId?: InputMaybe<Scalars['ID']['input']>;
  /** Region of the ship-to address (a location region such as east); sourcing prefers locations there. */
  shipToRegion?: InputMaybe<Scalars['String']['input']>;
  /** A checkout hold: the reservation expires and releases its stock after this many seconds unless extended or committed. */
  ttlSeconds?: InputMaybe<Scalars['Int']['input']>;
};

export type ReserveStockLineInput = {
  lineId: Scalars['ID']['input'];
  /** Whole units, at least 1. */
  quantity: Scalars['Int']['input'];
  sku: Scalars['ID']['input'];
};

/** The quantities of a position after a change. */
export type ResultingQuantities = {
  __typename?: 'ResultingQuantities';
  available: Scalars['Int']['output'];
  damaged: Scalars['Int']['output'];
  onHand: Scalars['Int']['output'];
  qualityControl: Scalars['Int']['output'];
  reserved: Scalars['Int']['output'];
  safetyStock: Scalars['Int']['output'];
};

export type Shortage = {
  __typename?: 'Shortage';
  /** What the channel could promise for this SKU when the reservation was tried. */
  available: Scalars['Int']['output'];
  lineId: Scalars['ID']['output'];
  requested: Scalars['Int']['output'];
  sku: Scalars['ID']['output'];
};

/** Live changes; `after` resumes after the `cursor` of a payload you received (within stream retention). */
export type Subscription = {
  __typename?: 'Subscription';
  inventoryChanged: InventoryChange;
};


/** Live changes; `after` resumes after the `cursor` of a payload you received (within stream retention). */
export type SubscriptionInventoryChangedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  channel?: InputMaybe<Channel>;
  locationIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  skus?: InputMaybe<Array<Scalars['ID']['input']>>;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Location: Location;
  Product: Product;
  Reservation: Reservation;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Location:
    ( { __typename: 'Location' }
    & GraphQLRecursivePick<FederationTypes['Location'], {"id":true}> );
  Product:
    ( { __typename: 'Product' }
    & GraphQLRecursivePick<FederationTypes['Product'], {"sku":true}> );
  Reservation:
    ( { __typename: 'Reservation' }
    & GraphQLRecursivePick<FederationTypes['Reservation'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Address: ResolverTypeWrapper<Address>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  AdjustInventoryInput: AdjustInventoryInput;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AdjustmentReason: AdjustmentReason;
  AllocatedLine: ResolverTypeWrapper<AllocatedLine>;
  Availability: ResolverTypeWrapper<AvailabilityViewModel>;
  Channel: Channel;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DiscrepancyAction: DiscrepancyAction;
  DocumentReference: ResolverTypeWrapper<DocumentReference>;
  DocumentReferenceInput: DocumentReferenceInput;
  FieldProvenance: ResolverTypeWrapper<FieldProvenance>;
  ImportJob: ResolverTypeWrapper<ImportJobViewModel>;
  ImportJobStatus: ImportJobStatus;
  ImportRowError: ResolverTypeWrapper<ImportRowError>;
  IncomingStock: ResolverTypeWrapper<IncomingStock>;
  InventoryChange: ResolverTypeWrapper<InventoryChangeInput>;
  InventoryChangeInput: InventoryChangeInput;
  InventoryChangeProductInput: InventoryChangeProductInput;
  InventoryDiscrepancy: ResolverTypeWrapper<Omit<InventoryDiscrepancy, 'location'> & { location: ResolversTypes['Location'] }>;
  InventoryPosition: ResolverTypeWrapper<PositionDocModel>;
  LedgerEntry: ResolverTypeWrapper<LedgerEntry>;
  LedgerReason: LedgerReason;
  Location: ResolverTypeWrapper<LocationDocModel>;
  LocationAvailability: ResolverTypeWrapper<LocationAvailabilityViewModel>;
  LocationKind: LocationKind;
  MasteringConflict: ResolverTypeWrapper<MasteringConflict>;
  MasteringConflictConnection: ResolverTypeWrapper<MasteringConflictConnection>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Product: ResolverTypeWrapper<ProductRefModel>;
  QuantityDelta: ResolverTypeWrapper<QuantityDelta>;
  QuantityDeltaInput: QuantityDeltaInput;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ReconciliationRowError: ResolverTypeWrapper<ReconciliationRowError>;
  ReconciliationRun: ResolverTypeWrapper<Omit<ReconciliationRun, 'discrepancies'> & { discrepancies: Array<ResolversTypes['InventoryDiscrepancy']> }>;
  ReconciliationTolerance: ResolverTypeWrapper<ReconciliationTolerance>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Reservation: ResolverTypeWrapper<Omit<Reservation, 'allocations'> & { allocations: Array<ResolversTypes['ReservationAllocation']> }>;
  ReservationAllocation: ResolverTypeWrapper<Omit<ReservationAllocation, 'location'> & { location: ResolversTypes['Location'] }>;
  ReservationLine: ResolverTypeWrapper<ReservationLine>;
  ReservationReleaseReason: ReservationReleaseReason;
  ReservationResult: ResolverTypeWrapper<Omit<ReservationResult, 'reservation'> & { reservation: ResolversTypes['Reservation'] }>;
  ReservationStatus: ReservationStatus;
  ReserveStockInput: ReserveStockInput;
  ReserveStockLineInput: ReserveStockLineInput;
  ResultingQuantities: ResolverTypeWrapper<ResultingQuantities>;
  Shortage: ResolverTypeWrapper<Shortage>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Address: Address;
  String: Scalars['String']['output'];
  AdjustInventoryInput: AdjustInventoryInput;
  Int: Scalars['Int']['output'];
  ID: Scalars['ID']['output'];
  AllocatedLine: AllocatedLine;
  Availability: AvailabilityViewModel;
  DateTime: Scalars['DateTime']['output'];
  DocumentReference: DocumentReference;
  DocumentReferenceInput: DocumentReferenceInput;
  FieldProvenance: FieldProvenance;
  ImportJob: ImportJobViewModel;
  ImportRowError: ImportRowError;
  IncomingStock: IncomingStock;
  InventoryChange: InventoryChangeInput;
  InventoryChangeInput: InventoryChangeInput;
  InventoryChangeProductInput: InventoryChangeProductInput;
  InventoryDiscrepancy: Omit<InventoryDiscrepancy, 'location'> & { location: ResolversParentTypes['Location'] };
  InventoryPosition: PositionDocModel;
  LedgerEntry: LedgerEntry;
  Location: LocationDocModel;
  LocationAvailability: LocationAvailabilityViewModel;
  MasteringConflict: MasteringConflict;
  MasteringConflictConnection: MasteringConflictConnection;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Product: ProductRefModel;
  QuantityDelta: QuantityDelta;
  QuantityDeltaInput: QuantityDeltaInput;
  Query: Record<PropertyKey, never>;
  ReconciliationRowError: ReconciliationRowError;
  ReconciliationRun: Omit<ReconciliationRun, 'discrepancies'> & { discrepancies: Array<ResolversParentTypes['InventoryDiscrepancy']> };
  ReconciliationTolerance: ReconciliationTolerance;
  Float: Scalars['Float']['output'];
  Reservation: Omit<Reservation, 'allocations'> & { allocations: Array<ResolversParentTypes['ReservationAllocation']> } | FederationReferenceTypes['Reservation'];
  ReservationAllocation: Omit<ReservationAllocation, 'location'> & { location: ResolversParentTypes['Location'] };
  ReservationLine: ReservationLine;
  ReservationResult: Omit<ReservationResult, 'reservation'> & { reservation: ResolversParentTypes['Reservation'] };
  ReserveStockInput: ReserveStockInput;
  ReserveStockLineInput: ReserveStockLineInput;
  ResultingQuantities: ResultingQuantities;
  Shortage: Shortage;
  Subscription: Record<PropertyKey, never>;
};

export type AddressResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Address'] = ResolversParentTypes['Address']> = {
  city?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  country?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  line1?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  line2?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  postalCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  region?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AllocatedLineResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AllocatedLine'] = ResolversParentTypes['AllocatedLine']> = {
  committed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lineId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type AvailabilityResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Availability'] = ResolversParentTypes['Availability']> = {
  asOf?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  available?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  byLocation?: Resolver<Array<ResolversTypes['LocationAvailability']>, ParentType, ContextType>;
  channel?: Resolver<Maybe<ResolversTypes['Channel']>, ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DocumentReferenceResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DocumentReference'] = ResolversParentTypes['DocumentReference']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type FieldProvenanceResolvers<ContextType = Context, ParentType extends ResolversParentTypes['FieldProvenance'] = ResolversParentTypes['FieldProvenance']> = {
  adapterRun?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  observedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sourceVersion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ImportJobResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ImportJob'] = ResolversParentTypes['ImportJob']> = {
  connector?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  documentId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  errorCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['ImportRowError']>, ParentType, ContextType, RequireFields<ImportJobErrorsArgs, 'first'>>;
  failure?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  processed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ImportJobStatus'], ParentType, ContextType>;
  total?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type ImportRowErrorResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ImportRowError'] = ResolversParentTypes['ImportRowError']> = {
  field?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  row?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type IncomingStockResolvers<ContextType = Context, ParentType extends ResolversParentTypes['IncomingStock'] = ResolversParentTypes['IncomingStock']> = {
  expectedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type InventoryChangeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['InventoryChange'] = ResolversParentTypes['InventoryChange']> = {
  available?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  location?: Resolver<ResolversTypes['Location'], ParentType, ContextType>;
  locationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  onHand?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['LedgerReason'], ParentType, ContextType>;
  reserved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type InventoryDiscrepancyResolvers<ContextType = Context, ParentType extends ResolversParentTypes['InventoryDiscrepancy'] = ResolversParentTypes['InventoryDiscrepancy']> = {
  action?: Resolver<ResolversTypes['DiscrepancyAction'], ParentType, ContextType>;
  difference?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  erpValue?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  location?: Resolver<ResolversTypes['Location'], ParentType, ContextType>;
  meshValue?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type InventoryPositionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['InventoryPosition'] = ResolversParentTypes['InventoryPosition']> = {
  available?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  damaged?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  incoming?: Resolver<Maybe<ResolversTypes['IncomingStock']>, ParentType, ContextType>;
  ledger?: Resolver<Array<ResolversTypes['LedgerEntry']>, ParentType, ContextType, RequireFields<InventoryPositionLedgerArgs, 'first'>>;
  location?: Resolver<ResolversTypes['Location'], ParentType, ContextType>;
  onHand?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType>;
  provenance?: Resolver<Array<ResolversTypes['FieldProvenance']>, ParentType, ContextType>;
  qualityControl?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reserved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  safetyStock?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type LedgerEntryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LedgerEntry'] = ResolversParentTypes['LedgerEntry']> = {
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  delta?: Resolver<ResolversTypes['QuantityDelta'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['LedgerReason'], ParentType, ContextType>;
  reference?: Resolver<Maybe<ResolversTypes['DocumentReference']>, ParentType, ContextType>;
  resulting?: Resolver<ResolversTypes['ResultingQuantities'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type LocationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Location'] = ResolversParentTypes['Location'], FederationReferenceType extends FederationReferenceTypes['Location'] = FederationReferenceTypes['Location']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Location']> | FederationReferenceType, FederationReferenceType, ContextType>;
  address?: Resolver<ResolversTypes['Address'], ParentType, ContextType>;
  businessUnit?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['LocationKind'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  priority?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  provenance?: Resolver<Array<ResolversTypes['FieldProvenance']>, ParentType, ContextType>;
  region?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type LocationAvailabilityResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LocationAvailability'] = ResolversParentTypes['LocationAvailability']> = {
  available?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  location?: Resolver<ResolversTypes['Location'], ParentType, ContextType>;
};

export type MasteringConflictResolvers<ContextType = Context, ParentType extends ResolversParentTypes['MasteringConflict'] = ResolversParentTypes['MasteringConflict']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  currentSource?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  currentSourceVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  entityId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  fieldGroup?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  observedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sourceVersion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MasteringConflictConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['MasteringConflictConnection'] = ResolversParentTypes['MasteringConflictConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['MasteringConflict']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  adjustInventory?: Resolver<ResolversTypes['InventoryPosition'], ParentType, ContextType, RequireFields<MutationAdjustInventoryArgs, 'input'>>;
  extendReservation?: Resolver<ResolversTypes['Reservation'], ParentType, ContextType, RequireFields<MutationExtendReservationArgs, 'id' | 'ttlSeconds'>>;
  releaseReservation?: Resolver<ResolversTypes['Reservation'], ParentType, ContextType, RequireFields<MutationReleaseReservationArgs, 'id' | 'reason'>>;
  reserveStock?: Resolver<ResolversTypes['ReservationResult'], ParentType, ContextType, RequireFields<MutationReserveStockArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ProductResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product'], FederationReferenceType extends FederationReferenceTypes['Product'] = FederationReferenceTypes['Product']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Product']> | FederationReferenceType, FederationReferenceType, ContextType>;
  availability?: Resolver<Maybe<ResolversTypes['Availability']>, ParentType, ContextType, Partial<ProductAvailabilityArgs>>;
  positions?: Resolver<Maybe<Array<ResolversTypes['InventoryPosition']>>, ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type QuantityDeltaResolvers<ContextType = Context, ParentType extends ResolversParentTypes['QuantityDelta'] = ResolversParentTypes['QuantityDelta']> = {
  damaged?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  onHand?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  qualityControl?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reserved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  safetyStock?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  inventoryChangePayload?: Resolver<Maybe<ResolversTypes['InventoryChange']>, ParentType, ContextType, RequireFields<QueryInventoryChangePayloadArgs, 'event'>>;
  inventoryConflicts?: Resolver<ResolversTypes['MasteringConflictConnection'], ParentType, ContextType, RequireFields<QueryInventoryConflictsArgs, 'first'>>;
  inventoryImportJob?: Resolver<Maybe<ResolversTypes['ImportJob']>, ParentType, ContextType, RequireFields<QueryInventoryImportJobArgs, 'id'>>;
  inventoryPosition?: Resolver<Maybe<ResolversTypes['InventoryPosition']>, ParentType, ContextType, RequireFields<QueryInventoryPositionArgs, 'locationId' | 'sku'>>;
  location?: Resolver<Maybe<ResolversTypes['Location']>, ParentType, ContextType, RequireFields<QueryLocationArgs, 'id'>>;
  locations?: Resolver<Array<ResolversTypes['Location']>, ParentType, ContextType, Partial<QueryLocationsArgs>>;
  reconciliationRuns?: Resolver<Array<ResolversTypes['ReconciliationRun']>, ParentType, ContextType, RequireFields<QueryReconciliationRunsArgs, 'first'>>;
  reservation?: Resolver<Maybe<ResolversTypes['Reservation']>, ParentType, ContextType, RequireFields<QueryReservationArgs, 'id'>>;
};

export type ReconciliationRowErrorResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ReconciliationRowError'] = ResolversParentTypes['ReconciliationRowError']> = {
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  row?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ReconciliationRunResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ReconciliationRun'] = ResolversParentTypes['ReconciliationRun']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  compared?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  corrected?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  discrepancies?: Resolver<Array<ResolversTypes['InventoryDiscrepancy']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['ReconciliationRowError']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reported?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rows?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tolerance?: Resolver<ResolversTypes['ReconciliationTolerance'], ParentType, ContextType>;
};

export type ReconciliationToleranceResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ReconciliationTolerance'] = ResolversParentTypes['ReconciliationTolerance']> = {
  percent?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  units?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ReservationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Reservation'] = ResolversParentTypes['Reservation'], FederationReferenceType extends FederationReferenceTypes['Reservation'] = FederationReferenceTypes['Reservation']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Reservation']> | FederationReferenceType, FederationReferenceType, ContextType>;
  allocations?: Resolver<Array<ResolversTypes['ReservationAllocation']>, ParentType, ContextType>;
  backordered?: Resolver<Array<ResolversTypes['ReservationLine']>, ParentType, ContextType>;
  channel?: Resolver<ResolversTypes['Channel'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  failureReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  orderId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  releaseReason?: Resolver<Maybe<ResolversTypes['ReservationReleaseReason']>, ParentType, ContextType>;
  shipToRegion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  shortages?: Resolver<Array<ResolversTypes['Shortage']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ReservationStatus'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type ReservationAllocationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ReservationAllocation'] = ResolversParentTypes['ReservationAllocation']> = {
  lines?: Resolver<Array<ResolversTypes['AllocatedLine']>, ParentType, ContextType>;
  location?: Resolver<ResolversTypes['Location'], ParentType, ContextType>;
};

export type ReservationLineResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ReservationLine'] = ResolversParentTypes['ReservationLine']> = {
  lineId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type ReservationResultResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ReservationResult'] = ResolversParentTypes['ReservationResult']> = {
  replayed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  reservation?: Resolver<ResolversTypes['Reservation'], ParentType, ContextType>;
};

export type ResultingQuantitiesResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ResultingQuantities'] = ResolversParentTypes['ResultingQuantities']> = {
  available?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  damaged?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  onHand?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  qualityControl?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reserved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  safetyStock?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ShortageResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Shortage'] = ResolversParentTypes['Shortage']> = {
  available?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lineId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  requested?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  inventoryChanged?: SubscriptionResolver<ResolversTypes['InventoryChange'], "inventoryChanged", ParentType, ContextType, Partial<SubscriptionInventoryChangedArgs>>;
};

export type Resolvers<ContextType = Context> = {
  Address?: AddressResolvers<ContextType>;
  AllocatedLine?: AllocatedLineResolvers<ContextType>;
  Availability?: AvailabilityResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DocumentReference?: DocumentReferenceResolvers<ContextType>;
  FieldProvenance?: FieldProvenanceResolvers<ContextType>;
  ImportJob?: ImportJobResolvers<ContextType>;
  ImportRowError?: ImportRowErrorResolvers<ContextType>;
  IncomingStock?: IncomingStockResolvers<ContextType>;
  InventoryChange?: InventoryChangeResolvers<ContextType>;
  InventoryDiscrepancy?: InventoryDiscrepancyResolvers<ContextType>;
  InventoryPosition?: InventoryPositionResolvers<ContextType>;
  LedgerEntry?: LedgerEntryResolvers<ContextType>;
  Location?: LocationResolvers<ContextType>;
  LocationAvailability?: LocationAvailabilityResolvers<ContextType>;
  MasteringConflict?: MasteringConflictResolvers<ContextType>;
  MasteringConflictConnection?: MasteringConflictConnectionResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  QuantityDelta?: QuantityDeltaResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ReconciliationRowError?: ReconciliationRowErrorResolvers<ContextType>;
  ReconciliationRun?: ReconciliationRunResolvers<ContextType>;
  ReconciliationTolerance?: ReconciliationToleranceResolvers<ContextType>;
  Reservation?: ReservationResolvers<ContextType>;
  ReservationAllocation?: ReservationAllocationResolvers<ContextType>;
  ReservationLine?: ReservationLineResolvers<ContextType>;
  ReservationResult?: ReservationResultResolvers<ContextType>;
  ResultingQuantities?: ResultingQuantitiesResolvers<ContextType>;
  Shortage?: ShortageResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
};

