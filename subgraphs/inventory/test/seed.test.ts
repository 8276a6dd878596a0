import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbeddedStore, subgraphTester } from '@fulfillment-mesh/runtime';
import type { InventorySeed } from '../src/seed.js';
import {
  createInventorySubgraph,
  locationDocs,
  positionDocs,
  seedInventory,
  type InventorySubgraph,
} from '../src/server.js';
import { logger, services } from './fixtures.js';
import { createMemoryEventBus } from '@fulfillment-mesh/events';

const observedAt = '2026-11-25T00:00:00.000Z';
const seed = { source: 'seed', sourceVersion: '1', observedAt };

/** A hand-made slice of the seed dataset: two locations, two positions of one SKU. */
const dataset: InventorySeed = {
  locations: [
    {
      id: 'STORE-SEA',
      name: 'Seattle Store',
      kind: 'STORE',
      region: 'US-WEST',
      priority: 4,
      address: { line1: '9 Pike St', city: 'Seattle', region: 'WA', postalCode: '98101', country: 'US' },
    },
    {
      id: 'DC-CHI',
      name: 'Chicago DC',
      kind: 'DC',
      region: 'US-CENTRAL',
      priority: 1,
      address: { line1: '100 Lake Dr', city: 'Chicago', region: 'IL', postalCode: '60601', country: 'US' },
    },
  ],
  positions: [
    { sku: 'SKU-9', locationId: 'STORE-SEA', onHand: 6, reserved: 2, safetyStock: 1, incoming: null },
    {
      sku: 'SKU-9',
      locationId: 'DC-CHI',
      onHand: 50,
      reserved: 5,
      safetyStock: 10,
      incoming: { quantity: 24, expectedAt: '2026-12-03T00:00:00.000Z' },
    },
  ],
};

describe('inventory seed', () => {
  it('maps a seed location into a document with a null second address line and seed provenance', () => {
    expect(locationDocs(dataset, observedAt)[1]).toEqual({
      _id: 'DC-CHI',
      id: 'DC-CHI',
      name: 'Chicago DC',
      kind: 'DC',
      region: 'US-CENTRAL',
      priority: 1,
      businessUnit: 'default',
      address: { line1: '100 Lake Dr', line2: null, city: 'Chicago', region: 'IL', postalCode: '60601', country: 'US' },
      version: 1,
      updatedAt: observedAt,
      provenance: { profile: seed, priority: seed },
    });
  });

  it('maps a seed position keyed sku@location, keeping reserved and nothing damaged or in QC', () => {
    expect(positionDocs(dataset, observedAt)[1]).toEqual({
      _id: 'SKU-9@DC-CHI',
      sku: 'SKU-9',
      locationId: 'DC-CHI',
      onHand: 50,
      reserved: 5,
      safetyStock: 10,
      damaged: 0,
      qualityControl: 0,
      incoming: { quantity: 24, expectedAt: '2026-12-03T00:00:00.000Z' },
      free: 35,
      holds: {},
      version: 1,
      updatedAt: observedAt,
      provenance: { onHand: seed, reserved: seed, safetyStock: seed, incoming: seed },
    });
  });

  describe('into an empty store', () => {
    let subgraph: InventorySubgraph;
    let tester: Awaited<ReturnType<typeof subgraphTester>>;
    let written: number;

    beforeAll(async () => {
      subgraph = await createInventorySubgraph({
        store: openEmbeddedStore(),
        logger,
        bus: createMemoryEventBus({ logger }),
        services,
      });
      written = await seedInventory(subgraph.inventory, dataset, observedAt);
      tester = await subgraphTester(subgraph);
    });
    afterAll(() => tester.stop());

    it('writes every location and position once and reports the count', async () => {
      expect(written).toBe(4);
      expect(await seedInventory(subgraph.inventory, dataset, observedAt)).toBe(0);
    });

    it('serves the seeded data', async () => {
      const result = await tester.run(
        'query($r: [_Any!]!) { locations { id } _entities(representations: $r) { ... on Product { availability { available asOf byLocation { location { id } available } } } } }',
        { r: [{ __typename: 'Product', sku: 'SKU-9' }] },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        locations: [{ id: 'DC-CHI' }, { id: 'STORE-SEA' }],
        _entities: [
          {
            availability: {
              available: 38,
              asOf: observedAt,
              byLocation: [
                { location: { id: 'DC-CHI' }, available: 35 },
                { location: { id: 'STORE-SEA' }, available: 3 },
              ],
            },
          },
        ],
      });
    });
  });
});
