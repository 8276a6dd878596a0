import type { ConflictRecord } from '@fulfillment-mesh/connectors';
import type { Collection, Filter, Store } from '@fulfillment-mesh/runtime';
import { freeOf } from '../domain/index.js';
import type {
  HoldDoc,
  LedgerDoc,
  LocationDoc,
  LocationKind,
  OperationDoc,
  PositionDoc,
  ReconciliationRunDoc,
  ReservationDoc,
} from './models.js';

/** Data access for the inventory; the only module that knows collection names and indexes. */
export interface InventoryStore {
  /** The collections, for the services that write with guarded single-document updates. */
  readonly positions: Collection<PositionDoc>;
  /** What each reservation holds at each position (the positions keep only a short journal of changes). */
  readonly holds: Collection<HoldDoc>;
  readonly locationsCollection: Collection<LocationDoc>;
  readonly reservations: Collection<ReservationDoc>;
  readonly ledger: Collection<LedgerDoc>;
  readonly operations: Collection<OperationDoc>;
  /** Refused mastered writes (the connectors' conflict log, domain `inventory`). */
  readonly conflicts: Collection<ConflictRecord>;
  /** Reports of ERP on-hand reconciliations, newest first by `at`. */
  readonly reconciliationRuns: Collection<ReconciliationRunDoc>;
  /** The newest `first` reconciliation reports. */
  latestReconciliations(first: number): Promise<ReconciliationRunDoc[]>;
  locationsByIds(ids: readonly string[]): Promise<LocationDoc[]>;
  /** Locations, optionally of one kind, in sourcing order (priority, then id; see `compareLocations`). */
  locations(kind: LocationKind | null): Promise<LocationDoc[]>;
  positionsByIds(ids: readonly string[]): Promise<PositionDoc[]>;
  /** The positions with their complete `holds` (hold documents, the journal merged over them, none of 0 units). */
  withHolds(positions: readonly PositionDoc[]): Promise<PositionDoc[]>;
  /** Every position of the given SKUs, in no particular order. */
  positionsBySkus(skus: readonly string[]): Promise<PositionDoc[]>;
  reservationsByIds(ids: readonly string[]): Promise<ReservationDoc[]>;
  /** The newest `first` ledger entries of a position, newest first. */
  ledgerOf(positionId: string, first: number): Promise<LedgerDoc[]>;
  insertLocations(docs: LocationDoc[]): Promise<void>;
  insertPositions(docs: PositionDoc[]): Promise<void>;
  /** True when neither collection holds a document. */
  isEmpty(): Promise<boolean>;
}

/** Creates the inventory store and its indexes (idempotent; run at start-up). */
export async function createInventoryStore(store: Store): Promise<InventoryStore> {
  const locations = store.collection<LocationDoc>('locations');
  const positions = store.collection<PositionDoc>('positions');
  const holds = store.collection<HoldDoc>('holds');
  const reservations = store.collection<ReservationDoc>('reservations');
  const ledger = store.collection<LedgerDoc>('ledger');
  const operations = store.collection<OperationDoc>('operations');
  const conflicts = store.collection<ConflictRecord>('conflicts');
  const reconciliationRuns = store.collection<ReconciliationRunDoc>('reconciliationRuns');
  await Promise.all([
    locations.createIndex({ fields: { kind: 1 } }),
    // Product.positions / availability look positions up by SKU; location-side views by location.
    positions.createIndex({ fields: { sku: 1 } }),
    positions.createIndex({ fields: { locationId: 1 } }),
    // The idempotency of reserveStock: the first writer of a key wins, duplicates read its reservation back.
    reservations.createIndex({ fields: { key: 1 }, unique: true }),
    reservations.createIndex({ fields: { orderId: 1 } }),
    reservations.createIndex({ fields: { sweepAt: 1 } }),
    ledger.createIndex({ fields: { positionId: 1 } }),
    holds.createIndex({ fields: { positionId: 1 } }),
    reconciliationRuns.createIndex({ fields: { at: 1 } }),
  ]);
  await backfillPositions(positions);
  return {
    positions,
    holds,
    locationsCollection: locations,
    reservations,
    ledger,
    operations,
    conflicts,
    reconciliationRuns,
    latestReconciliations: (first) => reconciliationRuns.find({}, { sort: { at: -1 }, limit: first }),
    locationsByIds: (ids) => locations.find({ _id: { $in: [...ids] } }),
    locations(kind) {
      const filter: Filter = kind ? { kind } : {};
      // Same order as compareLocations: _id equals id, and both backends compare strings by code unit.
      return locations.find(filter, { sort: { priority: 1, _id: 1 } });
    },
    positionsByIds: (ids) => positions.find({ _id: { $in: [...ids] } }),
    async withHolds(docs) {
      if (docs.length === 0) return [];
      const stored = await holds.find({ positionId: { $in: docs.map((d) => d._id) }, units: { $gt: 0 } });
      return docs.map((doc) => {
        const merged: Record<string, number> = {};
        for (const hold of stored) if (hold.positionId === doc._id) merged[hold.reservation] = hold.units;
        for (const [key, units] of Object.entries(doc.holds ?? {})) {
          if (units > 0) merged[key] = units;
          else delete merged[key];
        }
        return { ...doc, holds: merged };
      });
    },
    positionsBySkus: (skus) => positions.find({ sku: { $in: [...skus] } }),
    reservationsByIds: (ids) => reservations.find({ _id: { $in: [...ids] } }),
    ledgerOf: (positionId, first) => ledger.find({ positionId }, { sort: { version: -1 }, limit: first }),
    insertLocations: (docs) => locations.insertMany(docs),
    insertPositions: (docs) => positions.insertMany(docs),
    isEmpty: async () => (await locations.findOne({})) === null && (await positions.findOne({})) === null,
  };
}

/**
 * Positions stored before the reservation guard existed get `free` and an empty `holds` map, derived from
 * their quantities (guarded on `free` still missing, so a concurrent write is never overwritten).
 */
async function backfillPositions(positions: Collection<PositionDoc>): Promise<void> {
  for (const doc of await positions.find({ free: { $exists: false } })) {
    const stock = {
      onHand: doc.onHand,
      reserved: doc.reserved,
      safetyStock: doc.safetyStock,
      damaged: doc.damaged ?? 0,
      qualityControl: doc.qualityControl ?? 0,
    };
    await positions.updateOne(
      { _id: doc._id, free: { $exists: false } },
      { $set: { ...stock, free: freeOf(stock), holds: doc.holds ?? {} } },
    );
  }
}
