import { createLogger, directoryOf, openEmbeddedStore } from '@fulfillment-mesh/runtime';
import { freeOf } from '../src/domain/index.js';
import type { LocationDoc, PositionDoc } from '../src/store/models.js';

const at = '2026-11-01T00:00:00.000Z';
const provenance = { source: 'test', sourceVersion: '1', observedAt: at };

/** The fixed request time tests give the subgraph, so an empty availability's `asOf` is exact. */
export const requestTime = new Date('2026-11-26T12:00:00.000Z');

/** A silent logger for subgraphs under test. */
export const logger = createLogger({ service: 'inventory', level: 'silent' });

/** Inventory calls no other service; tests give it an empty directory. */
export const services = directoryOf({});

/** A location document with sensible defaults. */
export function location(id: string, overrides: Partial<LocationDoc> = {}): LocationDoc {
  return {
    _id: id,
    id,
    name: `Location ${id}`,
    kind: 'DC',
    region: 'US-EAST',
    priority: 1,
    address: { line1: '1 Dock Rd', line2: null, city: 'Newark', region: 'NJ', postalCode: '07101', country: 'US' },
    version: 1,
    updatedAt: at,
    provenance: { profile: provenance },
    ...overrides,
  };
}

/** A position document with sensible defaults (`_id` = `<sku>@<locationId>`, `free` derived as every write keeps it). */
export function position(sku: string, locationId: string, overrides: Partial<PositionDoc> = {}): PositionDoc {
  const doc: PositionDoc = {
    _id: `${sku}@${locationId}`,
    sku,
    locationId,
    onHand: 10,
    reserved: 0,
    safetyStock: 0,
    damaged: 0,
    qualityControl: 0,
    incoming: null,
    free: 0,
    holds: {},
    version: 1,
    updatedAt: at,
    provenance: { onHand: provenance },
    ...overrides,
  };
  return { ...doc, free: freeOf(doc) };
}

/** Four locations; DC-WEST and STORE-NYC share priority 2, so the id breaks the tie. Stored out of order. */
export const locations = [
  location('STORE-NYC', {
    name: 'Manhattan Store',
    kind: 'STORE',
    priority: 2,
    address: {
      line1: '5 Broadway',
      line2: 'Floor 2',
      city: 'New York',
      region: 'NY',
      postalCode: '10004',
      country: 'US',
    },
  }),
  location('3PL-DAL', { name: 'Dallas 3PL', kind: 'THREE_PL', region: 'US-SOUTH', priority: 3 }),
  location('DC-WEST', { name: 'Reno DC', region: 'US-WEST', priority: 2 }),
  location('DC-EAST', { name: 'Newark DC', priority: 1 }),
];

/**
 * SKU-1 is stocked in three locations (available 0 after clamping, 3 after damage and QC, 7), SKU-2 in one,
 * SKU-3 nowhere. Stored out of sourcing order so that sorting is observable.
 */
export const positions = [
  position('SKU-1', 'STORE-NYC', { onHand: 5, damaged: 1, qualityControl: 1, updatedAt: '2026-11-20T09:30:00.000Z' }),
  position('SKU-1', 'DC-WEST', {
    onHand: 2,
    reserved: 3,
    incoming: { quantity: 40, expectedAt: '2026-12-01T00:00:00.000Z' },
    updatedAt: '2026-11-10T00:00:00.000Z',
  }),
  position('SKU-1', 'DC-EAST', { onHand: 10, reserved: 2, safetyStock: 1, updatedAt: '2026-11-15T00:00:00.000Z' }),
  position('SKU-2', '3PL-DAL', { onHand: 100, reserved: 10, safetyStock: 5 }),
];

/** An in-memory store holding the fixture locations and positions. */
export async function storeWithInventory() {
  const store = openEmbeddedStore();
  await store.collection<LocationDoc>('locations').insertMany(locations);
  await store.collection<PositionDoc>('positions').insertMany(positions);
  return store;
}
