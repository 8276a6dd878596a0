import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAuthorization, type Client } from '../src/index.js';

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@authenticated", "@requiresScopes", "@policy"])

  type Query {
    product(sku: ID!): Product
    order(id: ID!): Order @requiresScopes(scopes: [["orders:read"]])
    orders: [Order]! @requiresScopes(scopes: [["orders:read"]])
    adjustments: String @requiresScopes(scopes: [["inventory:admin"], ["ops:all", "inventory:read"]])
    me: String @authenticated
    search(text: String!): [SearchResult]!
  }
  union SearchResult = Product | Shipment
  type Product @key(fields: "sku") {
    sku: ID!
    name: String!
    cost: Money @requiresScopes(scopes: [["catalog:cost"]])
  }
  type Order @key(fields: "id") @policy(policies: [["own-partner"]]) {
    id: ID!
    partnerId: String!
    total: Money @requiresScopes(scopes: [["orders:financials"]])
  }
  type Shipment @key(fields: "id") @requiresScopes(scopes: [["shipments:read"]]) {
    id: ID!
    carrier: String!
  }
  type Money @authenticated {
    amount: Int!
  }
`);

const orders: Record<string, { id: string; partnerId: string; total: { amount: number } }> = {
  o1: { id: 'o1', partnerId: 'ACME', total: { amount: 100 } },
  o2: { id: 'o2', partnerId: 'GLOBEX', total: { amount: 200 } },
};
let shipmentLoads = 0;
const resolvers = {
  Query: {
    product: (_: unknown, { sku }: { sku: string }) => ({ sku, name: `Product ${sku}`, cost: { amount: 7 } }),
    order: (_: unknown, { id }: { id: string }) => orders[id] ?? null,
    orders: () => Object.values(orders),
    adjustments: () => 'three adjustments',
    me: (_: unknown, __: unknown, ctx: unknown) => (ctx as { client?: Client }).client?.id,
    search: () => [
      { __typename: 'Product', sku: 'A', name: 'Product A' },
      { __typename: 'Shipment', id: 's1', carrier: 'UPS' },
    ],
  },
  Order: { __resolveReference: ({ id }: { id: string }) => orders[id] ?? null },
  Shipment: {
    __resolveReference: ({ id }: { id: string }) => {
      shipmentLoads++;
      return { id, carrier: 'UPS' };
    },
  },
};

const ownPartner = (client: Client, order: unknown) =>
  client.kind !== 'partner' || (order as { partnerId: string }).partnerId === client.partnerId;

const anonymous: Client = {
  id: 'anonymous',
  kind: 'storefront',
  scopes: ['catalog:read', 'catalog:cost'],
  anonymous: true,
};
const consoleReader: Client = { id: 'cs-1', kind: 'console', scopes: ['orders:read'] };
const finance: Client = {
  id: 'fin-1',
  kind: 'operator',
  scopes: ['orders:read', 'orders:financials', 'shipments:read'],
};
const acme: Client = {
  id: 'acme-portal',
  kind: 'partner',
  scopes: ['orders:read', 'orders:financials'],
  partnerId: 'ACME',
};

let server: ApolloServer<{ client?: Client }>;
beforeAll(async () => {
  const schema = applyAuthorization(buildSubgraphSchema({ typeDefs, resolvers }), {
    policies: { 'own-partner': ownPartner },
  });
  server = new ApolloServer({ schema });
  await server.start();
});
afterAll(() => server.stop());

async function run(client: Client | undefined, query: string, variables: Record<string, unknown> = {}) {
  const response = await server.executeOperation({ query, variables }, { contextValue: client ? { client } : {} });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  const { data, errors } = response.body.singleResult;
  // Errors in path order: sibling fields resolve concurrently, so arrival order is not meaningful.
  const list = (errors ?? []).map((e) => ({ message: e.message, path: e.path, code: e.extensions?.code }));
  return { data, errors: list.sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path))) };
}

describe('an anonymous storefront', () => {
  it('reads products but not a field whose type requires authentication, and the rest still resolves', async () => {
    const result = await run(anonymous, '{ product(sku: "A") { sku name cost { amount } } }');
    expect(result.data).toEqual({ product: { sku: 'A', name: 'Product A', cost: null } });
    expect(result.errors).toEqual([
      {
        message: 'Not authorized to access Product.cost (type Money): requires an authenticated client',
        path: ['product', 'cost'],
        code: 'FORBIDDEN',
      },
    ]);
  });

  it('is refused orders, with the missing scope named', async () => {
    const result = await run(anonymous, '{ order(id: "o1") { id } me }');
    expect(result.data).toEqual({ order: null, me: null });
    expect(result.errors).toEqual([
      {
        message: 'Not authorized to access Query.me: requires an authenticated client',
        path: ['me'],
        code: 'FORBIDDEN',
      },
      {
        message: 'Not authorized to access Query.order: missing scope orders:read',
        path: ['order'],
        code: 'FORBIDDEN',
      },
    ]);
  });

  it('is refused an entity whose type requires a scope, without loading it', async () => {
    const before = shipmentLoads;
    const result = await run(
      anonymous,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Shipment { carrier } } }',
      { r: [{ __typename: 'Shipment', id: 's1' }] },
    );
    expect(result.data).toEqual({ _entities: [null] });
    expect(result.errors).toEqual([
      {
        message: 'Not authorized to access Shipment entity: missing scope shipments:read',
        path: ['_entities', 0],
        code: 'FORBIDDEN',
      },
    ]);
    expect(shipmentLoads).toBe(before);
  });
});

describe('results of an abstract type', () => {
  it('are checked against the concrete type of each value', async () => {
    const query = '{ search(text: "a") { ... on Product { sku } ... on Shipment { carrier } } }';
    const denied = await run(anonymous, query);
    expect(denied.data).toEqual({ search: [{ sku: 'A' }, null] });
    expect(denied.errors).toEqual([
      {
        message: 'Not authorized to access Query.search (type Shipment): missing scope shipments:read',
        path: ['search', 1],
        code: 'FORBIDDEN',
      },
    ]);
    expect(await run(finance, query)).toEqual({ data: { search: [{ sku: 'A' }, { carrier: 'UPS' }] }, errors: [] });
  });
});

describe('a console agent with orders:read', () => {
  it('reads orders but not their totals, and not fields needing another scope set', async () => {
    const result = await run(consoleReader, '{ order(id: "o2") { id total { amount } } adjustments }');
    expect(result.data).toEqual({ order: { id: 'o2', total: null }, adjustments: null });
    expect(result.errors).toEqual([
      {
        message:
          'Not authorized to access Query.adjustments: missing scope inventory:admin (any one of these sets is enough: [inventory:admin] | [ops:all, inventory:read])',
        path: ['adjustments'],
        code: 'FORBIDDEN',
      },
      {
        message: 'Not authorized to access Order.total: missing scope orders:financials',
        path: ['order', 'total'],
        code: 'FORBIDDEN',
      },
    ]);
  });

  it('is refused an order total reached through an entity reference', async () => {
    const result = await run(
      consoleReader,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id total { amount } } } }',
      { r: [{ __typename: 'Order', id: 'o1' }] },
    );
    expect(result.data).toEqual({ _entities: [{ id: 'o1', total: null }] });
    expect(result.errors).toEqual([
      {
        message: 'Not authorized to access Order.total: missing scope orders:financials',
        path: ['_entities', 0, 'total'],
        code: 'FORBIDDEN',
      },
    ]);
  });
});

describe('an operator with the financial scopes', () => {
  it('reads everything it holds scopes for, including entities', async () => {
    const result = await run(
      finance,
      'query($r: [_Any!]!) { orders { id total { amount } } _entities(representations: $r) { ... on Shipment { carrier } } }',
      { r: [{ __typename: 'Shipment', id: 's1' }] },
    );
    expect(result.errors).toEqual([]);
    expect(result.data).toEqual({
      orders: [
        { id: 'o1', total: { amount: 100 } },
        { id: 'o2', total: { amount: 200 } },
      ],
      _entities: [{ carrier: 'UPS' }],
    });
  });
});

describe('a partner', () => {
  it('sees its own orders and is refused another partner’s, by policy', async () => {
    const own = await run(acme, '{ order(id: "o1") { id total { amount } } }');
    expect(own).toEqual({ data: { order: { id: 'o1', total: { amount: 100 } } }, errors: [] });
    const other = await run(acme, '{ order(id: "o2") { id } }');
    expect(other).toEqual({
      data: { order: null },
      errors: [
        {
          message: 'Not authorized to access Query.order (type Order): denied by policy own-partner',
          path: ['order'],
          code: 'FORBIDDEN',
        },
      ],
    });
  });

  it('gets the other partner’s order nulled inside a list', async () => {
    const result = await run(acme, '{ orders { id } }');
    expect(result.data).toEqual({ orders: [{ id: 'o1' }, null] });
    expect(result.errors).toEqual([
      {
        message: 'Not authorized to access Query.orders (type Order): denied by policy own-partner',
        path: ['orders', 1],
        code: 'FORBIDDEN',
      },
    ]);
  });

  it('is refused another partner’s order reached through an entity reference', async () => {
    const result = await run(acme, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id } } }', {
      r: [
        { __typename: 'Order', id: 'o1' },
        { __typename: 'Order', id: 'o2' },
      ],
    });
    expect(result.data).toEqual({ _entities: [{ id: 'o1' }, null] });
    expect(result.errors).toEqual([
      {
        message: 'Not authorized to access Order entity: denied by policy own-partner',
        path: ['_entities', 1],
        code: 'FORBIDDEN',
      },
    ]);
  });
});

describe('a request without a client in its context', () => {
  it('is treated as unauthenticated', async () => {
    const result = await run(undefined, '{ me product(sku: "B") { name } }');
    expect(result.data).toEqual({ me: null, product: { name: 'Product B' } });
    expect(result.errors.map((e) => e.code)).toEqual(['FORBIDDEN']);
  });
});

describe('applying authorization', () => {
  it('refuses a schema naming a policy nobody implemented, before changing anything', () => {
    const schema = buildSubgraphSchema({ typeDefs, resolvers });
    const before = schema.getQueryType()?.getFields().order?.resolve;
    expect(() => applyAuthorization(schema, { policies: {} })).toThrow(
      'The schema uses @policy "own-partner" but no policy function is configured for it',
    );
    expect(schema.getQueryType()?.getFields().order?.resolve).toBe(before);
  });

  it('follows renamed imports', async () => {
    const renamed = parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", { name: "@requiresScopes", as: "@scopes" }])
      type Query { secret: String @scopes(scopes: [["s"]]) open: String }`);
    const schema = applyAuthorization(
      buildSubgraphSchema({ typeDefs: renamed, resolvers: { Query: { secret: () => 'x', open: () => 'y' } } }),
    );
    const local = new ApolloServer<{ client?: Client }>({ schema });
    await local.start();
    const response = await local.executeOperation(
      { query: '{ secret open }' },
      { contextValue: { client: consoleReader } },
    );
    await local.stop();
    expect(response.body.kind === 'single' && response.body.singleResult).toMatchObject({
      data: { secret: null, open: 'y' },
      errors: [{ message: 'Not authorized to access Query.secret: missing scope s' }],
    });
  });
});
