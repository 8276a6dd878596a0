import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, instrumentStore, subgraphTester } from '@fulfillment-mesh/runtime';
import { createCatalogSubgraph } from '../src/server.js';
import { storeWithProducts } from './fixtures.js';

describe('catalog subgraph', () => {
  let tester: Awaited<ReturnType<typeof subgraphTester>>;
  let store: ReturnType<typeof instrumentStore>;

  beforeAll(async () => {
    store = instrumentStore(await storeWithProducts());
    tester = await subgraphTester(
      await createCatalogSubgraph({ store, logger: createLogger({ service: 'catalog', level: 'silent' }) }),
    );
  });
  afterAll(() => tester.stop());

  it('returns a product with its price as an exact decimal string', async () => {
    const result = await tester.run(
      '{ product(sku: "SKU-2") { sku name unitOfMeasure price { amount currencyCode } status attributes { name value } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.product).toEqual({
      sku: 'SKU-2',
      name: 'Trash Liner 33gal',
      unitOfMeasure: 'CS',
      price: { amount: '42.10', currencyCode: 'USD' },
      status: 'ACTIVE',
      attributes: [{ name: 'material', value: 'steel' }],
    });
  });

  it('answers an unknown sku with null and a NOT_FOUND error naming it', async () => {
    const result = await tester.run('{ product(sku: "NOPE") { name } }');
    expect(result.data?.product).toBeNull();
    expect(result.errors?.[0]).toMatchObject({
      message: 'Product "NOPE" was not found',
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('pages products in sku order with opaque cursors', async () => {
    const first = await tester.run(
      '{ products(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { sku } } }',
    );
    const page = first.data?.products as {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string };
      nodes: { sku: string }[];
    };
    expect(page.nodes.map((n) => n.sku)).toEqual(['SKU-1', 'SKU-2']);
    expect(page).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const second = await tester.run(
      'query($after: String) { products(first: 2, after: $after) { pageInfo { hasNextPage } nodes { sku } } }',
      { after: page.pageInfo.endCursor },
    );
    expect(second.data?.products).toEqual({ pageInfo: { hasNextPage: false }, nodes: [{ sku: 'SKU-3' }] });
  });

  it('filters by category, status and a case-insensitive name search', async () => {
    const result = await tester.run(
      '{ products(filter: { search: "HEX", status: ACTIVE }) { nodes { sku } } janitorial: products(filter: { category: "janitorial" }) { totalCount } }',
    );
    expect(result.data).toEqual({ products: { nodes: [{ sku: 'SKU-1' }] }, janitorial: { totalCount: 1 } });
  });

  it('treats regular-expression characters in a search literally', async () => {
    const result = await tester.run('{ products(filter: { search: ".*" }) { totalCount } }');
    expect(result.data?.products).toEqual({ totalCount: 0 });
  });

  it('rejects first: -1 with INVALID_INPUT naming the argument and what was expected', async () => {
    const result = await tester.run('{ products(first: -1) { totalCount } }');
    expect(result.errors?.[0]).toMatchObject({
      message: 'Invalid first: expected a whole number from 1 to 100, received -1',
      extensions: { code: 'INVALID_INPUT', field: 'first' },
    });
  });

  it('rejects a forged cursor', async () => {
    const result = await tester.run('{ products(after: "not-a-cursor") { totalCount } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
  });

  it('resolves many entity references with one store query', async () => {
    store.resetCounters();
    const result = await tester.run(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { sku name } } }',
      { r: ['SKU-3', 'SKU-1', 'SKU-2', 'SKU-1'].map((sku) => ({ __typename: 'Product', sku })) },
    );
    expect((result.data?._entities as { sku: string }[]).map((p) => p.sku)).toEqual([
      'SKU-3',
      'SKU-1',
      'SKU-2',
      'SKU-1',
    ]);
    expect(store.counters.get('products.find')).toBe(1);
  });
});
