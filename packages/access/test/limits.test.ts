import { buildSchema, getIntrospectionQuery, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkBatch, checkOperation, costConfigFromSdl, DEFAULT_BUDGETS, type OperationBudget } from '../src/index.js';

const catalogSdl = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@cost", "@listSize"])
  type Query {
    product(sku: ID!): Product
    products(first: Int = 20, after: String): ProductConnection! @listSize(slicingArguments: ["first"], sizedFields: ["nodes"])
    categories: [String!]!
  }
  type Mutation { discontinue(sku: ID!): Product }
  type ProductConnection { nodes: [Product!]! totalCount: Int! }
  type Product @key(fields: "sku") {
    sku: ID!
    name: String!
    related: [Product!]! @listSize(assumedSize: 5)
    availability: Availability @cost(weight: 5)
  }
  type Availability { available: Int! byLocation: [LocationAvailability!]! }
  type LocationAvailability { available: Int! location: Location! }
  type Location { id: ID! name: String! }
`;
// The API schema the gateway serves (federation directives stripped), and the cost model read from the SDL.
const schema = buildSchema(catalogSdl.replace(/extend schema.*\n/, '').replace(/@(key|cost|listSize)\([^)]*\)/g, ''));
const costConfig = costConfigFromSdl([catalogSdl]);
const storefront: OperationBudget = { maxCost: 300, maxDepth: 4, maxAliases: 3 };

function check(
  query: string,
  variables: Record<string, unknown> = {},
  budget: OperationBudget = DEFAULT_BUDGETS.operator,
) {
  return checkOperation({ schema, document: parse(query), variables, costConfig, budget, kind: 'storefront' });
}

describe('the cost model derived from @cost and @listSize', () => {
  it('reads weights and list sizes by coordinate', () => {
    expect(costConfig).toEqual({
      fieldWeights: { 'Product.availability': 5 },
      listSizes: {
        'Query.products': { slicingArguments: ['first'], sizedFields: ['nodes'] },
        'Product.related': { assumedSize: 5 },
      },
    });
  });
});

describe('the static cost of an operation', () => {
  it('multiplies a connection’s nodes by the `first` variable', () => {
    // products 1 + 50 nodes × (Product 1 + availability 5) = 301
    const { analysis } = check(
      'query($n: Int!) { products(first: $n) { nodes { sku name availability { available } } totalCount } }',
      { n: 50 },
    );
    expect(analysis).toEqual({ cost: 301, depth: 4, introspectionDepth: 0, aliases: 0 });
  });

  it('falls back to the argument default, then to the variable default', () => {
    expect(check('{ products { nodes { sku } } }').analysis.cost).toBe(21);
    expect(check('query($n: Int = 7) { products(first: $n) { nodes { sku } } }').analysis.cost).toBe(8);
  });

  it('uses the assumed size of a list without slicing arguments, through fragments', () => {
    // product 1 + 5 related × (1 + 5 related × 1) = 31
    expect(
      check('{ product(sku: "A") { ...Rel } } fragment Rel on Product { related { related { sku } } }').analysis,
    ).toMatchObject({ cost: 31, depth: 4 });
  });

  it('assumes 10 items for an unconfigured list and 10 for a mutation', () => {
    // product 1 + availability 5 + 10 byLocation × (1 + location 1) = 26
    expect(check('{ product(sku: "A") { availability { byLocation { location { name } } } } }').analysis.cost).toBe(26);
    expect(check('mutation { discontinue(sku: "A") { sku } }').analysis.cost).toBe(10);
  });
});

describe('an operation over budget', () => {
  it('is rejected for cost with the computed cost and the limit', () => {
    const { error } = check(
      'query($n: Int!) { products(first: $n) { nodes { sku availability { available } } } }',
      { n: 50 },
      storefront,
    );
    expect(error?.message).toBe('Operation cost 301 exceeds the limit of 300 for storefront clients');
    expect(error?.extensions).toEqual({ code: 'COST_LIMIT_EXCEEDED', cost: 301, limit: 300 });
  });

  it('is rejected for depth with the computed depth and the limit', () => {
    const { error } = check('{ product(sku: "A") { related { related { related { sku } } } } }', {}, storefront);
    expect(error?.message).toBe('Operation depth 5 exceeds the limit of 4 for storefront clients');
    expect(error?.extensions).toEqual({ code: 'DEPTH_LIMIT_EXCEEDED', depth: 5, limit: 4 });
  });

  it('is rejected for too many aliases', () => {
    const { error } = check(
      '{ a: product(sku: "1") { sku } b: product(sku: "2") { sku } c: product(sku: "3") { sku } d: product(sku: "4") { sku } }',
      {},
      storefront,
    );
    expect(error?.extensions).toEqual({ code: 'ALIAS_LIMIT_EXCEEDED', aliases: 4, limit: 3 });
  });

  it('is accepted within budget', () => {
    expect(check('{ product(sku: "A") { name } }', {}, storefront).error).toBeNull();
  });
});

describe('introspection', () => {
  it('does not count towards depth, up to its own allowance', () => {
    const { analysis, error } = check(getIntrospectionQuery(), {}, storefront);
    expect(error).toBeNull();
    expect(analysis).toMatchObject({ cost: 0, depth: 0 });
    expect(analysis.introspectionDepth).toBe(15);
  });

  it('is rejected when nested beyond the allowance', () => {
    const deep = `{ __type(name: "Product") { ${'ofType { '.repeat(20)}name${' }'.repeat(20)} } }`;
    expect(check(deep, {}, storefront).error?.extensions).toEqual({
      code: 'DEPTH_LIMIT_EXCEEDED',
      depth: 22,
      limit: 20,
    });
  });
});

describe('batched requests', () => {
  it('are bounded in size', () => {
    expect(checkBatch(new Array(11).fill({ query: '{ categories }' }), 10)?.extensions).toEqual({
      code: 'BATCH_LIMIT_EXCEEDED',
      operations: 11,
      limit: 10,
    });
    expect(checkBatch(new Array(10).fill({ query: '{ categories }' }), 10)).toBeNull();
    expect(checkBatch({ query: '{ categories }' }, 1)).toBeNull();
  });
});
