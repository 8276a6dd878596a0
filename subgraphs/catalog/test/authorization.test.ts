import { randomUUID } from 'node:crypto';
import { createSubgraphGuard, IDENTITY_HEADER, signIdentity, type Client } from '@fulfillment-mesh/access';
import { serveSubgraph, type HttpService } from '@fulfillment-mesh/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policies } from '../src/schema/policies.js';
import { catalogHarness } from './support.js';

const secret = 'catalog-test-identity-secret-0123456789abcdef';

const storefront: Client = {
  id: 'anonymous',
  kind: 'storefront',
  scopes: ['catalog:read', 'inventory:read'],
  anonymous: true,
};
const operator: Client = {
  id: 'ops-1',
  kind: 'operator',
  scopes: ['catalog:read', 'operations:read', 'operations:write'],
};
const ordersService: Client = { id: 'service:orders', kind: 'service', scopes: ['mesh:service'] };
const shipmentsReader: Client = { id: 'ship-portal', kind: 'partner', partnerId: 'P-1', scopes: ['shipments:read'] };

interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

describe('catalog authorization (through the signed gateway identity)', () => {
  let h: Awaited<ReturnType<typeof catalogHarness>>;
  let service: HttpService;

  beforeAll(async () => {
    h = await catalogHarness();
    service = await serveSubgraph(
      h.subgraph,
      { port: 0, host: '127.0.0.1' },
      createSubgraphGuard({ secret, policies }),
    );
  });
  afterAll(async () => {
    await service.close();
    await h.tester.stop();
    await h.bus.close();
  });

  async function run(
    client: Client | null,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLAnswer> {
    const requestId = randomUUID();
    const identity: Record<string, string> = client
      ? { [IDENTITY_HEADER]: signIdentity(client, { secret, requestId }) }
      : {};
    const response = await fetch(service.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...identity },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLAnswer;
  }
  const denied = (answer: GraphQLAnswer) => answer.errors?.map((e) => [e.path?.join('.'), e.extensions?.code]);

  // Denied non-null fields (provenance, catalogConflicts, categories) null their parent, as GraphQL requires.
  it('lets a storefront read products but not their provenance or the conflict log', async () => {
    const allowed = await run(storefront, '{ product(sku: "SKU-1") { name price { amount } } }');
    expect(allowed).toEqual({ data: { product: { name: 'Hex Bolt M8', price: { amount: '1.25' } } } });

    const provenance = await run(storefront, '{ product(sku: "SKU-1") { name provenance { field } } }');
    expect(provenance.data).toEqual({ product: null });
    expect(denied(provenance)).toEqual([['product.provenance', 'FORBIDDEN']]);
    expect(provenance.errors?.[0]?.message).toContain('operations:read');
    expect(denied(await run(storefront, '{ catalogConflicts { totalCount } }'))).toEqual([
      ['catalogConflicts', 'FORBIDDEN'],
    ]);
  });

  it('lets an operator read provenance and conflicts', async () => {
    const answer = await run(
      operator,
      '{ product(sku: "SKU-1") { provenance { field source } } catalogConflicts { totalCount } }',
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({
      product: { provenance: [{ field: 'price', source: 'test' }] },
      catalogConflicts: { totalCount: 0 },
    });
  });

  it('lets the orders service validate SKUs through products but not list categories', async () => {
    const answer = await run(
      ordersService,
      '{ products(filter: { skus: ["SKU-2"] }) { nodes { sku status price { amount } } } }',
    );
    expect(answer).toEqual({
      data: { products: { nodes: [{ sku: 'SKU-2', status: 'ACTIVE', price: { amount: '42.10' } }] } },
    });
    expect(denied(await run(ordersService, '{ categories }'))).toEqual([['categories', 'FORBIDDEN']]);
  });

  it('guards products reached through _entities: allowed for a storefront, null and FORBIDDEN without catalog:read', async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { sku name } } }';
    const representations = [{ __typename: 'Product', sku: 'SKU-1' }];

    expect((await run(storefront, query, { r: representations })).data).toEqual({
      _entities: [{ sku: 'SKU-1', name: 'Hex Bolt M8' }],
    });
    const refused = await run(shipmentsReader, query, { r: representations });
    expect(refused.data).toEqual({ _entities: [null] });
    expect(denied(refused)).toEqual([['_entities.0', 'FORBIDDEN']]);
    expect(refused.errors?.[0]?.message).toContain('catalog:read');
  });

  it('refuses a request without the gateway identity', async () => {
    const answer = await run(null, '{ categories }');
    expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
