import type { GraphQLDataSource } from '@apollo/gateway';

/** What a data source's `process` resolves to: a subgraph's GraphQL response (plus, from HTTP, its `http` response). */
export type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;
