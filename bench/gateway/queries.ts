/** The three client queries of the benchmark, and the subgraph requests their query plans make (direct mode). */
export const STOREFRONT =
  'query Storefront($sku: ID!) { product(sku: $sku) { sku name price { amount currencyCode } availability { available } } }';
export const CONSOLE = `query Console { orders(first: 50) { nodes { id status lines { quantity product { sku name availability { available } } } shipments { id status } } } }`;
export const PARTNER =
  'query PartnerOrders { orders(first: 20) { nodes { id status lines { quantity product { sku name } } } } }';

export type Scenario = 'storefront' | 'storefront-hot' | 'console' | 'partner';

const ENTITIES =
  'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on %T { %S } } }';
const entities = (type: string, selection: string) => ENTITIES.replace('%T', type).replace('%S', selection);

/** One step of a plan: subgraph, document, and variables built from the earlier steps' data. */
export interface DirectStep {
  subgraph: string;
  query: string;
  variables: (input: Record<string, unknown>, previous: Record<string, any>) => Record<string, unknown> | undefined;
}

type Order = { id: string; lines: { product: { sku: string } }[] };
const skusOf = (orders: Order[]) =>
  [...new Set(orders.flatMap((o) => o.lines.map((l) => l.product.sku)))].map((sku) => ({ __typename: 'Product', sku }));

/** Sequences of parallel groups, as @apollo/gateway plans these queries (checked against its plans). */
export const DIRECT_PLANS: Record<'storefront' | 'console' | 'partner', DirectStep[][]> = {
  storefront: [
    [
      {
        subgraph: 'catalog',
        query: 'query($sku: ID!) { product(sku: $sku) { __typename sku name price { amount currencyCode } } }',
        variables: (i) => ({ sku: i.sku }),
      },
    ],
    [
      {
        subgraph: 'inventory',
        query: entities('Product', 'availability { available }'),
        variables: (_i, p) => ({ representations: [{ __typename: 'Product', sku: p.catalog.product.sku }] }),
      },
    ],
  ],
  console: [
    [
      {
        subgraph: 'orders',
        query: '{ orders(first: 50) { nodes { __typename id status lines { quantity product { __typename sku } } } } }',
        variables: () => ({}),
      },
    ],
    [
      {
        subgraph: 'shipments',
        query: entities('Order', 'shipments { id status }'),
        variables: (_i, p) => ({
          representations: (p.orders.orders.nodes as Order[]).map((o) => ({ __typename: 'Order', id: o.id })),
        }),
      },
      {
        subgraph: 'catalog',
        query: entities('Product', 'name'),
        variables: (_i, p) => ({ representations: skusOf(p.orders.orders.nodes) }),
      },
      {
        subgraph: 'inventory',
        query: entities('Product', 'availability { available }'),
        variables: (_i, p) => ({ representations: skusOf(p.orders.orders.nodes) }),
      },
    ],
  ],
  partner: [
    [
      {
        subgraph: 'orders',
        query: '{ orders(first: 20) { nodes { __typename id status lines { quantity product { __typename sku } } } } }',
        variables: () => ({}),
      },
    ],
    [
      {
        subgraph: 'catalog',
        query: entities('Product', 'name'),
        variables: (_i, p) => ({ representations: skusOf(p.orders.orders.nodes) }),
      },
    ],
  ],
};
