import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { costConfigFromSdl } from '../src/index.js';

const catalog = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@cost", "@listSize", "@requiresScopes", "@policy"])
  type Query {
    products(first: Int = 20): ProductConnection! @listSize(slicingArguments: ["first"], sizedFields: ["nodes"])
    product(sku: ID!): Product
  }
  type ProductConnection { nodes: [Product!]! totalCount: Int! }
  type Product @key(fields: "sku") {
    sku: ID!
    name: String!
    cost: Int @requiresScopes(scopes: [["catalog:cost"]]) @cost(weight: 3)
  }
`;
const orders = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@authenticated", "@requiresScopes", "@policy"])
  type Query { order(id: ID!): Order @requiresScopes(scopes: [["orders:read"]]) me: String @authenticated }
  type Order @key(fields: "id") @policy(policies: [["own-partner"]]) { id: ID! lines: [Product!]! }
  type Product @key(fields: "sku") { sku: ID! }
`;
const services = [
  { name: 'catalog', url: 'http://127.0.0.1:1/graphql', typeDefs: parse(catalog) },
  { name: 'orders', url: 'http://127.0.0.1:2/graphql', typeDefs: parse(orders) },
];

describe('composition of subgraphs carrying access directives', () => {
  const result = composeServices(services);

  it('composes @authenticated, @requiresScopes and @policy (v2.7) with @cost and @listSize (v2.9)', () => {
    expect(result.errors).toBeUndefined();
    const sdl = result.supergraphSdl ?? '';
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/requiresScopes/v0.1", for: SECURITY)');
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@listSize"])');
    expect(sdl).toMatch(/order\(id: ID!\): Order .*@requiresScopes\(scopes: \[\["orders:read"\]\]\)/);
    expect(sdl).toMatch(/me: String .*@authenticated/);
    expect(sdl).toMatch(/type Order[^{]*@policy\(policies: \[\["own-partner"\]\]\)/);
  });

  it('keeps the cost model in the supergraph, so the gateway can read it from there', () => {
    const fromSubgraphs = costConfigFromSdl([catalog, orders]);
    expect(fromSubgraphs).toEqual({
      fieldWeights: { 'Product.cost': 3 },
      listSizes: { 'Query.products': { slicingArguments: ['first'], sizedFields: ['nodes'] } },
    });
    expect(costConfigFromSdl([result.supergraphSdl ?? ''])).toEqual(fromSubgraphs);
  });

  it('builds each subgraph schema with the directives kept on the AST nodes', () => {
    const schema = buildSubgraphSchema({ typeDefs: parse(catalog) });
    const field = schema.getQueryType()?.getFields().products;
    expect(field?.astNode?.directives?.map((d) => d.name.value)).toEqual(['listSize']);
    const cost = (
      schema.getType('Product') as {
        getFields(): Record<string, { astNode?: { directives?: readonly { name: { value: string } }[] } }>;
      }
    ).getFields().cost;
    expect(cost?.astNode?.directives?.map((d) => d.name.value)).toEqual(['requiresScopes', 'cost']);
  });
});
