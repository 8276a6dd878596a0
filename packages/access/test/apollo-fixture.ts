import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { Client } from '../src/index.js';
import type { GuardedRequest } from '../src/apollo/request-guard.js';
import type { KeyValueCache } from '../src/persisted/apq-cache.js';

/** A tiny graph standing in for the gateway's: products with related products, and categories. */
export const typeDefs = `
  type Query { product(sku: ID!): Product categories: [String!]! }
  type Product { sku: ID! name: String! related(first: Int = 5): [Product!]! }
`;
const resolvers = {
  Query: {
    product: (_: unknown, { sku }: { sku: string }) => ({ sku, name: `Product ${sku}` }),
    categories: () => ['tools', 'paint'],
  },
  Product: {
    related: ({ sku }: { sku: string }, { first }: { first: number }) =>
      Array.from({ length: Math.min(first, 3) }, (_, i) => ({ sku: `${sku}-${i}`, name: `Related ${i}` })),
  },
};

/** Starts an Apollo Server over the tiny graph with the given plugins and APQ cache. */
export async function startServer(plugins: ApolloServerPlugin<GuardedRequest>[], apqCache?: KeyValueCache<string>) {
  const server = new ApolloServer<GuardedRequest>({
    typeDefs,
    resolvers,
    plugins,
    ...(apqCache ? { persistedQueries: { cache: apqCache } } : {}),
  });
  await server.start();
  return server;
}

/** One HTTP exchange with `server` (no socket), with the context built by `context`. */
export async function request(
  server: ApolloServer<GuardedRequest>,
  context: () => Promise<GuardedRequest>,
  http: { method?: 'GET' | 'POST'; body?: unknown; search?: string; headers?: Record<string, string> },
) {
  const headers = new HeaderMap([['content-type', 'application/json'], ...Object.entries(http.headers ?? {})]);
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: http.method ?? 'POST', headers, search: http.search ?? '', body: http.body },
    context,
  });
  const text = response.body.kind === 'complete' ? response.body.string : '';
  return {
    status: response.status ?? 200,
    headers: response.headers,
    body: JSON.parse(text) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] },
  };
}

/** A context function that always yields `client`. */
export const as = (client: Client) => async (): Promise<GuardedRequest> => ({ client });
