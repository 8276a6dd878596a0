import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, encodeCursor, instrumentStore, subgraphTester } from '@fulfillment-mesh/runtime';
import { createOrdersSubgraph } from '../src/server.js';
import { storeWithOrders } from './fixtures.js';

type Page = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: { id: string }[];
};

const NEWEST_FIRST = ['O-3', 'O-2', 'O-1', 'O-4', 'O-5'];

describe('orders subgraph', () => {
  let tester: Awaited<ReturnType<typeof subgraphTester>>;
  let store: ReturnType<typeof instrumentStore>;

  beforeAll(async () => {
    store = instrumentStore(await storeWithOrders());
    tester = await subgraphTester(
      await createOrdersSubgraph({ store, logger: createLogger({ service: 'orders', level: 'silent' }) }),
    );
  });
  afterAll(() => tester.stop());

  const ids = async (query: string, variables: Record<string, unknown> = {}) => {
    const result = await tester.run(query, variables);
    expect(result.errors).toBeUndefined();
    return (result.data?.orders as Page).nodes.map((n) => n.id);
  };

  it('returns an order with its lines, timeline and an exact total', async () => {
    const result = await tester.run(`{ order(id: "O-1") {
      id channel externalId status createdAt updatedAt
      customer { id name email }
      shipTo { name address { line1 line2 city region postalCode country } }
      lines { lineId quantity unitPrice { amount currencyCode } product { sku } }
      total { amount currencyCode }
      timeline { at status note actor }
    } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.order).toEqual({
      id: 'O-1',
      channel: 'WEB',
      externalId: 'W-100',
      status: 'ACCEPTED',
      createdAt: '2026-11-01T10:00:00.000Z',
      updatedAt: '2026-11-05T00:00:00.000Z',
      customer: { id: 'C-1', name: 'Ada Buyer', email: 'ada@example.com' },
      shipTo: {
        name: 'Ada Buyer',
        address: {
          line1: '1 Main St',
          line2: null,
          city: 'Springfield',
          region: 'IL',
          postalCode: '62701',
          country: 'US',
        },
      },
      lines: [
        { lineId: 'L1', quantity: 3, unitPrice: { amount: '1.25', currencyCode: 'USD' }, product: { sku: 'SKU-1' } },
        { lineId: 'L2', quantity: 1, unitPrice: { amount: '42.10', currencyCode: 'USD' }, product: { sku: 'SKU-2' } },
      ],
      total: { amount: '45.85', currencyCode: 'USD' },
      timeline: [
        {
          at: '2026-11-01T10:00:00.000Z',
          status: 'PENDING_VALIDATION',
          note: 'received from web',
          actor: 'channel:web',
        },
        { at: '2026-11-01T10:05:00.000Z', status: 'ACCEPTED', note: 'credit check passed', actor: 'erp' },
      ],
    });
  });

  it('answers an unknown id with null and a NOT_FOUND error naming it', async () => {
    const result = await tester.run('{ order(id: "NOPE") { id } }');
    expect(result.data?.order).toBeNull();
    expect(result.errors).toMatchObject([
      { message: 'Order "NOPE" was not found', path: ['order'], extensions: { code: 'NOT_FOUND' } },
    ]);
  });

  it('finds an order by external id within its channel only', async () => {
    const result = await tester.run(
      '{ edi: orderByExternalId(channel: EDI, externalId: "W-100") { id } web: orderByExternalId(channel: WEB, externalId: "W-100") { id } }',
    );
    expect(result).toEqual({ data: { edi: { id: 'O-3' }, web: { id: 'O-1' } } });
  });

  it('answers an unknown external id with null and a NOT_FOUND error naming channel and id', async () => {
    const result = await tester.run('{ orderByExternalId(channel: STORE, externalId: "W-100") { id } }');
    expect(result.data?.orderByExternalId).toBeNull();
    expect(result.errors).toMatchObject([
      { message: 'Order "STORE:W-100" was not found', extensions: { code: 'NOT_FOUND' } },
    ]);
  });

  it('reports a mixed-currency total as a CONFLICT naming the order', async () => {
    const result = await tester.run('{ order(id: "O-5") { id total { amount } } }');
    expect(result.data?.order).toBeNull();
    expect(result.errors).toMatchObject([
      {
        message: 'Order "O-5" mixes currencies EUR, USD; a total needs one currency',
        path: ['order', 'total'],
        extensions: { code: 'CONFLICT', id: 'O-5' },
      },
    ]);
  });

  it('lists orders newest first, the id breaking ties, with the total count', async () => {
    const result = await tester.run(
      '{ orders { totalCount pageInfo { hasNextPage } nodes { id } edges { node { createdAt } } } }',
    );
    const page = result.data?.orders as Page & { edges: { node: { createdAt: string } }[] };
    expect(page.nodes.map((n) => n.id)).toEqual(NEWEST_FIRST);
    expect(page.edges.map((e) => e.node.createdAt)).toEqual([
      '2026-11-02T09:00:00.000Z',
      '2026-11-02T09:00:00.000Z',
      '2026-11-01T10:00:00.000Z',
      '2026-10-30T08:00:00.000Z',
      '2026-10-01T12:00:00.000Z',
    ]);
    expect(page).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: false } });
  });

  it('walks every page without gaps or duplicates, also across orders created in the same instant', async () => {
    for (const first of [1, 2]) {
      const seen: string[] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 10; guard++) {
        const result = await tester.run(
          'query($first: Int, $after: String) { orders(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }',
          { first, after },
        );
        const page = result.data?.orders as Page;
        expect(page.totalCount).toBe(5);
        seen.push(...page.nodes.map((n) => n.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(NEWEST_FIRST);
    }
  });

  it('keeps the filter and counts it when paging', async () => {
    const first = await tester.run(
      '{ orders(first: 1, filter: { customerId: "C-1" }) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }',
    );
    const page = first.data?.orders as Page;
    expect(page).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true }, nodes: [{ id: 'O-3' }] });
    expect(
      await ids('query($after: String) { orders(filter: { customerId: "C-1" }, after: $after) { nodes { id } } }', {
        after: page.pageInfo.endCursor,
      }),
    ).toEqual(['O-1', 'O-5']);
  });

  it('filters by channel, status and customer', async () => {
    const result = await tester.run(`{
      web: orders(filter: { channel: WEB }) { totalCount nodes { id } }
      accepted: orders(filter: { status: ACCEPTED }) { totalCount nodes { id } }
      c2: orders(filter: { customerId: "C-2", channel: MARKETPLACE }) { totalCount nodes { id } }
      none: orders(filter: { customerId: "C-404" }) { totalCount nodes { id } }
    }`);
    expect(result.data).toEqual({
      web: { totalCount: 2, nodes: [{ id: 'O-1' }, { id: 'O-4' }] },
      accepted: { totalCount: 3, nodes: [{ id: 'O-3' }, { id: 'O-1' }, { id: 'O-5' }] },
      c2: { totalCount: 1, nodes: [{ id: 'O-2' }] },
      none: { totalCount: 0, nodes: [] },
    });
  });

  it('filters a creation window including createdAfter and excluding createdBefore', async () => {
    const window =
      'orders(filter: { createdAfter: "2026-11-01T10:00:00Z", createdBefore: "2026-11-02T09:00:00Z" }) { totalCount nodes { id } }';
    const result = await tester.run(`{ ${window} }`);
    expect(result.data?.orders).toEqual({ totalCount: 1, nodes: [{ id: 'O-1' }] });
  });

  it('rejects a creation window that ends before it starts, naming createdAfter', async () => {
    const result = await tester.run(
      '{ orders(filter: { createdAfter: "2026-11-02T00:00:00Z", createdBefore: "2026-11-01T00:00:00Z" }) { totalCount } }',
    );
    expect(result.errors).toMatchObject([{ extensions: { code: 'INVALID_INPUT', field: 'filter.createdAfter' } }]);
  });

  it.each([
    ['first: -1', 'Invalid first: expected a whole number from 1 to 100, received -1', 'first'],
    ['first: 101', 'Invalid first: expected a whole number from 1 to 100, received 101', 'first'],
    [
      'after: "not-a-cursor"',
      'Invalid after: expected a cursor returned by an earlier page, received "not-a-cursor"',
      'after',
    ],
    [
      `after: "${encodeCursor('O-1')}"`,
      `Invalid after: expected a cursor returned by an earlier page, received "${encodeCursor('O-1')}"`,
      'after',
    ],
  ])('rejects %s with INVALID_INPUT naming the argument', async (args, message, field) => {
    const result = await tester.run(`{ orders(${args}) { totalCount } }`);
    expect(result.data).toBeNull();
    expect(result.errors).toMatchObject([{ message, extensions: { code: 'INVALID_INPUT', field } }]);
  });

  it('resolves order references in representation order, null with NOT_FOUND for unknown ids, in one query', async () => {
    store.resetCounters();
    const result = await tester.run(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id externalId } } }',
      {
        r: ['O-3', 'O-1', 'NOPE', 'O-1'].map((id) => ({ __typename: 'Order', id })),
      },
    );
    expect(result.data?._entities).toEqual([
      { id: 'O-3', externalId: 'W-100' },
      { id: 'O-1', externalId: 'W-100' },
      null,
      { id: 'O-1', externalId: 'W-100' },
    ]);
    expect(result.errors).toMatchObject([
      { message: 'Order "NOPE" was not found', path: ['_entities', 2], extensions: { code: 'NOT_FOUND' } },
    ]);
    expect(Object.fromEntries(store.counters)).toEqual({ 'orders.find': 1 });
  });

  it('costs one find for many aliased lookups of each kind', async () => {
    store.resetCounters();
    const result = await tester.run(
      '{ a: order(id: "O-1") { id } b: order(id: "O-2") { id } c: order(id: "O-4") { id } }',
    );
    expect(result.data).toEqual({ a: { id: 'O-1' }, b: { id: 'O-2' }, c: { id: 'O-4' } });
    expect(Object.fromEntries(store.counters)).toEqual({ 'orders.find': 1 });

    store.resetCounters();
    const external = await tester.run(
      '{ a: orderByExternalId(channel: WEB, externalId: "W-100") { id } b: orderByExternalId(channel: MARKETPLACE, externalId: "M-200") { id } }',
    );
    expect(external.data).toEqual({ a: { id: 'O-1' }, b: { id: 'O-2' } });
    expect(Object.fromEntries(store.counters)).toEqual({ 'orders.find': 1 });
  });

  it('lists orders with their lines, products and totals in one find and one count', async () => {
    store.resetCounters();
    const result = await tester.run(
      '{ orders(filter: { createdAfter: "2026-10-15T00:00:00Z" }) { totalCount nodes { id total { amount } lines { product { sku } } } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(
      (result.data?.orders as { nodes: { id: string; total: { amount: string }; lines: unknown[] }[] }).nodes.map(
        (n) => [n.id, n.total.amount, n.lines.length],
      ),
    ).toEqual([
      ['O-3', '1.25', 1],
      ['O-2', '1.25', 1],
      ['O-1', '45.85', 2],
      ['O-4', '1.25', 1],
    ]);
    expect(Object.fromEntries(store.counters)).toEqual({ 'orders.find': 1, 'orders.countDocuments': 1 });
  });

  it('counts the matching orders only when totalCount is asked for', async () => {
    store.resetCounters();
    const result = await tester.run('{ orders(filter: { createdAfter: "2026-10-15T00:00:00Z" }) { nodes { id } } }');
    expect(result.errors).toBeUndefined();
    expect(Object.fromEntries(store.counters)).toEqual({ 'orders.find': 1 });
  });
});
