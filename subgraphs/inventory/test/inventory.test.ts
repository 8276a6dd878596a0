import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { instrumentStore, subgraphTester, type InstrumentedStore } from '@fulfillment-mesh/runtime';
import { createInventorySubgraph } from '../src/server.js';
import { logger, requestTime, services, storeWithInventory } from './fixtures.js';
import { createMemoryEventBus } from '@fulfillment-mesh/events';

const entities = (typename: string, key: string, ids: string[]) => ({
  r: ids.map((id) => ({ __typename: typename, [key]: id })),
});
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ';

describe('inventory subgraph', () => {
  let tester: Awaited<ReturnType<typeof subgraphTester>>;
  let store: InstrumentedStore;

  beforeAll(async () => {
    store = instrumentStore(await storeWithInventory());
    tester = await subgraphTester(
      await createInventorySubgraph({
        store,
        logger,
        bus: createMemoryEventBus({ logger }),
        services,
        now: () => requestTime,
      }),
    );
  });
  afterAll(() => tester.stop());
  beforeEach(() => store.resetCounters());

  describe('queries', () => {
    it('returns a location with its kind, priority and full address', async () => {
      const result = await tester.run(
        '{ location(id: "STORE-NYC") { id name kind region priority address { line1 line2 city region postalCode country } } }',
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.location).toEqual({
        id: 'STORE-NYC',
        name: 'Manhattan Store',
        kind: 'STORE',
        region: 'US-EAST',
        priority: 2,
        address: {
          line1: '5 Broadway',
          line2: 'Floor 2',
          city: 'New York',
          region: 'NY',
          postalCode: '10004',
          country: 'US',
        },
      });
    });

    it('answers an unknown location id with null and a NOT_FOUND error naming it', async () => {
      const result = await tester.run('{ location(id: "NOPE") { name } }');
      expect(result.data?.location).toBeNull();
      expect(result.errors?.[0]).toMatchObject({
        message: 'Location "NOPE" was not found',
        path: ['location'],
        extensions: { code: 'NOT_FOUND' },
      });
    });

    it('lists all locations by priority, breaking ties by id', async () => {
      const result = await tester.run('{ locations { id priority } }');
      expect(result.data?.locations).toEqual([
        { id: 'DC-EAST', priority: 1 },
        { id: 'DC-WEST', priority: 2 },
        { id: 'STORE-NYC', priority: 2 },
        { id: '3PL-DAL', priority: 3 },
      ]);
    });

    it('lists only the locations of one kind', async () => {
      const result = await tester.run('{ dcs: locations(kind: DC) { id } tpl: locations(kind: THREE_PL) { id } }');
      expect(result.data).toEqual({ dcs: [{ id: 'DC-EAST' }, { id: 'DC-WEST' }], tpl: [{ id: '3PL-DAL' }] });
    });

    it('returns a position with its counts, incoming stock, available, location and product reference', async () => {
      const result = await tester.run(
        '{ inventoryPosition(sku: "SKU-1", locationId: "DC-WEST") { sku onHand reserved safetyStock available incoming { quantity expectedAt } updatedAt location { id name } product { sku } } }',
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.inventoryPosition).toEqual({
        sku: 'SKU-1',
        onHand: 2,
        reserved: 3,
        safetyStock: 0,
        available: 0,
        incoming: { quantity: 40, expectedAt: '2026-12-01T00:00:00.000Z' },
        updatedAt: '2026-11-10T00:00:00.000Z',
        location: { id: 'DC-WEST', name: 'Reno DC' },
        product: { sku: 'SKU-1' },
      });
    });

    it('counts damaged and quality-control units out of a position’s available', async () => {
      const result = await tester.run(
        '{ inventoryPosition(sku: "SKU-1", locationId: "STORE-NYC") { onHand available incoming { quantity } } }',
      );
      expect(result.data?.inventoryPosition).toEqual({ onHand: 5, available: 3, incoming: null });
    });

    it('answers an unknown position with null and a NOT_FOUND error naming sku@location', async () => {
      const result = await tester.run('{ inventoryPosition(sku: "SKU-3", locationId: "DC-EAST") { sku } }');
      expect(result.data?.inventoryPosition).toBeNull();
      expect(result.errors?.[0]).toMatchObject({
        message: 'InventoryPosition "SKU-3@DC-EAST" was not found',
        extensions: { code: 'NOT_FOUND' },
      });
    });

    it('rejects a location id containing "@" with INVALID_INPUT naming locationId', async () => {
      const result = await tester.run('{ inventoryPosition(sku: "SKU-1", locationId: "DC@EAST") { sku } }');
      expect(result.data?.inventoryPosition).toBeNull();
      expect(result.errors?.[0]).toMatchObject({
        message: 'Invalid locationId: expected a location id without "@", received "DC@EAST"',
        extensions: { code: 'INVALID_INPUT', field: 'locationId' },
      });
    });
  });

  describe('federation', () => {
    it('resolves Location references in request order, with null and NOT_FOUND for an unknown id', async () => {
      const result = await tester.run(
        `${ENTITIES}... on Location { id name } } }`,
        entities('Location', 'id', ['DC-WEST', 'NOPE', 'DC-EAST']),
      );
      expect(result.data?._entities).toEqual([
        { id: 'DC-WEST', name: 'Reno DC' },
        null,
        { id: 'DC-EAST', name: 'Newark DC' },
      ]);
      expect(result.errors).toHaveLength(1);
      expect(result.errors?.[0]).toMatchObject({
        message: 'Location "NOPE" was not found',
        path: ['_entities', 1],
        extensions: { code: 'NOT_FOUND' },
      });
    });

    it('contributes positions to a Product in location priority order', async () => {
      const result = await tester.run(
        `${ENTITIES}... on Product { sku positions { location { id } onHand available } } } }`,
        entities('Product', 'sku', ['SKU-1']),
      );
      expect(result.data?._entities).toEqual([
        {
          sku: 'SKU-1',
          positions: [
            { location: { id: 'DC-EAST' }, onHand: 10, available: 7 },
            { location: { id: 'DC-WEST' }, onHand: 2, available: 0 },
            { location: { id: 'STORE-NYC' }, onHand: 5, available: 3 },
          ],
        },
      ]);
    });

    it('contributes availability summed over locations, as of the newest position update', async () => {
      const result = await tester.run(
        `${ENTITIES}... on Product { sku availability { available asOf byLocation { location { id name } available } } } } }`,
        entities('Product', 'sku', ['SKU-1', 'SKU-2']),
      );
      expect(result.data?._entities).toEqual([
        {
          sku: 'SKU-1',
          availability: {
            available: 10,
            asOf: '2026-11-20T09:30:00.000Z',
            byLocation: [
              { location: { id: 'DC-EAST', name: 'Newark DC' }, available: 7 },
              { location: { id: 'DC-WEST', name: 'Reno DC' }, available: 0 },
              { location: { id: 'STORE-NYC', name: 'Manhattan Store' }, available: 3 },
            ],
          },
        },
        {
          sku: 'SKU-2',
          availability: {
            available: 85,
            asOf: '2026-11-01T00:00:00.000Z',
            byLocation: [{ location: { id: '3PL-DAL', name: 'Dallas 3PL' }, available: 85 }],
          },
        },
      ]);
    });

    it('gives a product stocked nowhere zero availability as of the request time, and no positions', async () => {
      const result = await tester.run(
        `${ENTITIES}... on Product { sku positions { sku } availability { available byLocation { available } asOf } } } }`,
        entities('Product', 'sku', ['SKU-3']),
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities).toEqual([
        {
          sku: 'SKU-3',
          positions: [],
          availability: { available: 0, byLocation: [], asOf: requestTime.toISOString() },
        },
      ]);
    });

    it('resolves a Product reference without touching the store', async () => {
      const result = await tester.run(
        `${ENTITIES}... on Product { sku } } }`,
        entities('Product', 'sku', ['SKU-1', 'ANY']),
      );
      expect(result.data?._entities).toEqual([{ sku: 'SKU-1' }, { sku: 'ANY' }]);
      expect(store.counters.size).toBe(0);
    });
  });

  describe('batching', () => {
    it('resolves many products with positions, availability and locations with one find per collection', async () => {
      const result = await tester.run(
        `${ENTITIES}... on Product { positions { location { name } product { sku } } availability { byLocation { location { id priority } } } } } }`,
        entities('Product', 'sku', ['SKU-1', 'SKU-2', 'SKU-3', 'SKU-1', 'SKU-4']),
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities).toHaveLength(5);
      expect(Object.fromEntries(store.counters)).toEqual({ 'positions.find': 1, 'locations.find': 1 });
    });

    it('totals availability for many products with one positions find and no locations query', async () => {
      const result = await tester.run(
        `${ENTITIES}... on Product { availability { available asOf } } } }`,
        entities('Product', 'sku', ['SKU-1', 'SKU-2', 'SKU-3']),
      );
      expect(
        (result.data?._entities as { availability: { available: number } }[]).map((p) => p.availability.available),
      ).toEqual([10, 85, 0]);
      expect(Object.fromEntries(store.counters)).toEqual({ 'positions.find': 1 });
    });

    it('resolves many location references with one find', async () => {
      const result = await tester.run(
        `${ENTITIES}... on Location { id } } }`,
        entities('Location', 'id', ['3PL-DAL', 'DC-EAST', 'STORE-NYC', 'DC-EAST']),
      );
      expect((result.data?._entities as { id: string }[]).map((l) => l.id)).toEqual([
        '3PL-DAL',
        'DC-EAST',
        'STORE-NYC',
        'DC-EAST',
      ]);
      expect(Object.fromEntries(store.counters)).toEqual({ 'locations.find': 1 });
    });

    it('looks up several positions and their locations with one find per collection', async () => {
      const result = await tester.run(
        `{ a: inventoryPosition(sku: "SKU-1", locationId: "DC-EAST") { location { name } }
           b: inventoryPosition(sku: "SKU-2", locationId: "3PL-DAL") { location { name } }
           c: inventoryPosition(sku: "SKU-1", locationId: "STORE-NYC") { location { name } } }`,
      );
      expect(result.data).toEqual({
        a: { location: { name: 'Newark DC' } },
        b: { location: { name: 'Dallas 3PL' } },
        c: { location: { name: 'Manhattan Store' } },
      });
      expect(Object.fromEntries(store.counters)).toEqual({ 'positions.find': 1, 'locations.find': 1 });
    });
  });
});
