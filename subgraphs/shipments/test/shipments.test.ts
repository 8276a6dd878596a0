import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createLogger,
  encodeCursor,
  instrumentStore,
  subgraphTester,
  type InstrumentedStore,
} from '@fulfillment-mesh/runtime';
import { createShipmentsSubgraph } from '../src/server.js';
import { storeWithShipments } from './fixtures.js';

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string } }[];
}

const PAGE = `query($first: Int, $after: String, $filter: ShipmentFilter) {
  shipments(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } }
}`;

describe('shipments subgraph', () => {
  let tester: Awaited<ReturnType<typeof subgraphTester>>;
  let store: InstrumentedStore;

  beforeAll(async () => {
    store = instrumentStore(await storeWithShipments());
    tester = await subgraphTester(
      await createShipmentsSubgraph({ store, logger: createLogger({ service: 'shipments', level: 'silent' }) }),
    );
  });
  afterAll(() => tester.stop());
  beforeEach(() => store.resetCounters());

  const page = async (variables: Record<string, unknown>): Promise<Page> => {
    const result = await tester.run(PAGE, variables);
    expect(result.errors).toBeUndefined();
    return result.data?.shipments as Page;
  };
  const ids = (p: Page) => p.edges.map((e) => e.node.id);

  it('returns a shipment with its references, lines and milestones oldest first', async () => {
    const result = await tester.run(`{ shipment(id: "SH-1") {
      id order { id } location { id } carrier service trackingNumber status
      lines { lineId product { sku } quantity } milestones { status at location description } createdAt updatedAt } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.shipment).toEqual({
      id: 'SH-1',
      order: { id: 'O-1' },
      location: { id: 'DC-EAST' },
      carrier: 'UPS',
      service: 'GROUND',
      trackingNumber: '1Z-SH-1',
      status: 'DELIVERED',
      lines: [{ lineId: 'SH-1-L1', product: { sku: 'SKU-1' }, quantity: 2 }],
      milestones: [
        {
          status: 'LABEL_CREATED',
          at: '2026-11-01T12:00:00.000Z',
          location: 'Memphis, TN',
          description: 'label created',
        },
        { status: 'IN_TRANSIT', at: '2026-11-02T08:00:00.000Z', location: null, description: 'in transit' },
        { status: 'DELIVERED', at: '2026-11-03T12:00:00.000Z', location: 'Memphis, TN', description: 'delivered' },
      ],
      createdAt: '2026-11-01T09:00:00.000Z',
      updatedAt: '2026-11-05T00:00:00.000Z',
    });
  });

  it('answers a shipment without a tracking number with null and no milestones as PENDING', async () => {
    const result = await tester.run(
      '{ shipment(id: "SH-2") { trackingNumber status milestones { status } lines { lineId quantity } } }',
    );
    expect(result).toEqual({
      data: {
        shipment: {
          trackingNumber: null,
          status: 'PENDING',
          milestones: [],
          lines: [
            { lineId: 'O-1-L2', quantity: 1 },
            { lineId: 'O-1-L3', quantity: 5 },
          ],
        },
      },
    });
  });

  it('answers an unknown id with null and a NOT_FOUND error naming it', async () => {
    const result = await tester.run('{ shipment(id: "NOPE") { id } }');
    expect(result.data?.shipment).toBeNull();
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: 'Shipment "NOPE" was not found',
        path: ['shipment'],
        extensions: { code: 'NOT_FOUND', entity: 'Shipment', id: 'NOPE' },
      }),
    ]);
  });

  it('finds a shipment by its tracking number', async () => {
    const result = await tester.run(
      '{ shipmentByTrackingNumber(trackingNumber: "9400-SH-4") { id order { id } status } }',
    );
    expect(result).toEqual({
      data: { shipmentByTrackingNumber: { id: 'SH-4', order: { id: 'O-3' }, status: 'IN_TRANSIT' } },
    });
  });

  it('answers an unknown tracking number with null and a NOT_FOUND error naming the number', async () => {
    const result = await tester.run('{ shipmentByTrackingNumber(trackingNumber: "1Z-404") { id } }');
    expect(result.data?.shipmentByTrackingNumber).toBeNull();
    expect(result.errors?.[0]).toMatchObject({
      message: 'Shipment with tracking number "1Z-404" was not found',
      extensions: { code: 'NOT_FOUND', entity: 'Shipment', trackingNumber: '1Z-404' },
    });
  });

  it('rejects a malformed tracking number with INVALID_INPUT naming the argument, without a query', async () => {
    const result = await tester.run('{ shipmentByTrackingNumber(trackingNumber: "1Z 404") { id } }');
    expect(result.data?.shipmentByTrackingNumber).toBeNull();
    expect(result.errors?.[0]).toMatchObject({
      message: 'Invalid trackingNumber: expected 1 to 64 letters, digits or hyphens, received "1Z 404"',
      extensions: { code: 'INVALID_INPUT', field: 'trackingNumber' },
    });
    expect(store.counters.size).toBe(0);
  });

  it('lists shipments newest first, breaking ties by id descending, with the total', async () => {
    const all = await page({});
    expect(ids(all)).toEqual(['SH-4', 'SH-3', 'SH-2', 'SH-5', 'SH-1']);
    expect(all).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: false, endCursor: all.edges[4]?.cursor } });
  });

  it('pages through every shipment without gaps or duplicates, even where a page boundary splits a tie', async () => {
    const first = await page({ first: 2 });
    expect(ids(first)).toEqual(['SH-4', 'SH-3']);
    expect(first).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: true, endCursor: first.edges[1]?.cursor } });
    const second = await page({ first: 2, after: first.pageInfo.endCursor });
    expect(ids(second)).toEqual(['SH-2', 'SH-5']);
    expect(second).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: true } });
    const third = await page({ first: 2, after: second.pageInfo.endCursor });
    expect(ids(third)).toEqual(['SH-1']);
    expect(third.pageInfo).toEqual({ hasNextPage: false, endCursor: third.edges[0]?.cursor });
  });

  it('continues from any edge cursor, not only the end cursor', async () => {
    const all = await page({});
    const fromSecond = await page({ after: all.edges[1]?.cursor });
    expect(ids(fromSecond)).toEqual(['SH-2', 'SH-5', 'SH-1']);
  });

  it('filters by order, location, status and carrier, and keeps the filter across pages', async () => {
    expect(ids(await page({ filter: { orderId: 'O-3' } }))).toEqual(['SH-4', 'SH-5']);
    expect(ids(await page({ filter: { status: 'IN_TRANSIT' } }))).toEqual(['SH-4', 'SH-3']);
    expect(ids(await page({ filter: { carrier: 'UPS', locationId: 'DC-WEST' } }))).toEqual(['SH-5']);
    const east = await page({ first: 2, filter: { locationId: 'DC-EAST' } });
    expect([ids(east), east.totalCount]).toEqual([['SH-4', 'SH-3'], 3]);
    const rest = await page({ first: 2, filter: { locationId: 'DC-EAST' }, after: east.pageInfo.endCursor });
    expect([ids(rest), rest.totalCount, rest.pageInfo.hasNextPage]).toEqual([['SH-1'], 3, false]);
    expect(await page({ filter: { orderId: 'O-404' } })).toEqual({
      totalCount: 0,
      pageInfo: { hasNextPage: false, endCursor: null },
      edges: [],
    });
  });

  it.each([
    [-1, 'Invalid first: expected a whole number from 1 to 100, received -1'],
    [0, 'Invalid first: expected a whole number from 1 to 100, received 0'],
    [101, 'Invalid first: expected a whole number from 1 to 100, received 101'],
  ])('rejects first: %i with INVALID_INPUT naming the argument', async (first, message) => {
    const result = await tester.run(PAGE, { first });
    expect(result.data).toBeNull();
    expect(result.errors?.[0]).toMatchObject({ message, extensions: { code: 'INVALID_INPUT', field: 'first' } });
  });

  it.each([
    ['text that is no cursor', 'not-a-cursor'],
    ['well-formed cursor around a key no page made', encodeCursor('SH-1')],
    ['cursor of another sort key', encodeCursor('not-a-date|SH-1')],
  ])('rejects a forged after (%s) with INVALID_INPUT naming the argument', async (_case, after) => {
    const result = await tester.run(PAGE, { after });
    expect(result.errors?.[0]).toMatchObject({
      extensions: { code: 'INVALID_INPUT', field: 'after', expected: 'a cursor returned by an earlier page' },
    });
    expect(result.errors?.[0]?.message).toMatch(
      /^Invalid after: expected a cursor returned by an earlier page, received /,
    );
  });

  describe('federation', () => {
    const entities = async (query: string, representations: Record<string, unknown>[]) =>
      tester.run(`query($r: [_Any!]!) { _entities(representations: $r) { ${query} } }`, { r: representations });

    it('resolves Shipment references in the order given, with null and NOT_FOUND for an unknown id', async () => {
      const result = await entities(
        '... on Shipment { id status }',
        ['SH-3', 'SH-404', 'SH-1'].map((id) => ({ __typename: 'Shipment', id })),
      );
      expect(result.data?._entities).toEqual([
        { id: 'SH-3', status: 'IN_TRANSIT' },
        null,
        { id: 'SH-1', status: 'DELIVERED' },
      ]);
      expect(result.errors).toEqual([
        expect.objectContaining({
          message: 'Shipment "SH-404" was not found',
          path: ['_entities', 1],
          extensions: expect.objectContaining({ code: 'NOT_FOUND' }),
        }),
      ]);
    });

    it('adds shipments to Order references, oldest first, and an empty list for an order without any', async () => {
      const result = await entities(
        '... on Order { id shipments { id createdAt } }',
        ['O-3', 'O-404', 'O-1'].map((id) => ({ __typename: 'Order', id })),
      );
      expect(result).toEqual({
        data: {
          _entities: [
            {
              id: 'O-3',
              shipments: [
                { id: 'SH-5', createdAt: '2026-11-01T09:00:00.000Z' },
                { id: 'SH-4', createdAt: '2026-11-03T09:00:00.000Z' },
              ],
            },
            { id: 'O-404', shipments: [] },
            {
              id: 'O-1',
              shipments: [
                { id: 'SH-1', createdAt: '2026-11-01T09:00:00.000Z' },
                { id: 'SH-2', createdAt: '2026-11-02T09:00:00.000Z' },
              ],
            },
          ],
        },
      });
    });

    it('loads the shipments of 50 orders, with their lines and references, in one find', async () => {
      const orders = Array.from({ length: 50 }, (_, i) => ({ __typename: 'Order', id: `O-${i}` }));
      const result = await entities(
        '... on Order { id shipments { id order { id } location { id } lines { product { sku } } } }',
        orders,
      );
      const loaded = result.data?._entities as { id: string; shipments: { id: string }[] }[];
      expect(loaded).toHaveLength(50);
      expect(loaded.flatMap((o) => o.shipments.map((s) => s.id))).toEqual(['SH-1', 'SH-2', 'SH-3', 'SH-5', 'SH-4']);
      expect(Object.fromEntries(store.counters)).toEqual({ 'shipments.find': 1 });
    });

    it('resolves many Shipment references, repeated ones included, in one find', async () => {
      const refs = ['SH-5', 'SH-1', 'SH-4', 'SH-1', 'SH-2', 'SH-3'].map((id) => ({ __typename: 'Shipment', id }));
      const result = await entities('... on Shipment { id }', refs);
      expect(result.data?._entities).toEqual(refs.map(({ id }) => ({ id })));
      expect(Object.fromEntries(store.counters)).toEqual({ 'shipments.find': 1 });
    });

    it('batches aliased shipment lookups into one find', async () => {
      const result = await tester.run(
        '{ a: shipment(id: "SH-1") { id } b: shipment(id: "SH-2") { id } c: shipment(id: "SH-1") { id } }',
      );
      expect(result.data).toEqual({ a: { id: 'SH-1' }, b: { id: 'SH-2' }, c: { id: 'SH-1' } });
      expect(Object.fromEntries(store.counters)).toEqual({ 'shipments.find': 1 });
    });

    it('resolves the sibling shipments of every listed shipment with one more find, not one per row', async () => {
      const result = await tester.run('{ shipments(first: 5) { nodes { id order { shipments { id } } } } }');
      const nodes = (result.data?.shipments as { nodes: { id: string; order: { shipments: { id: string }[] } }[] })
        .nodes;
      expect(nodes.map((n) => [n.id, n.order.shipments.map((s) => s.id)])).toEqual([
        ['SH-4', ['SH-5', 'SH-4']],
        ['SH-3', ['SH-3']],
        ['SH-2', ['SH-1', 'SH-2']],
        ['SH-5', ['SH-5', 'SH-4']],
        ['SH-1', ['SH-1', 'SH-2']],
      ]);
      expect(Object.fromEntries(store.counters)).toEqual({ 'shipments.find': 2, 'shipments.countDocuments': 1 });
    });
  });
});
