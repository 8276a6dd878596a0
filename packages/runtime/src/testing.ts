import type { ApolloServer } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import { createLogger } from './logger.js';
import { buildSubgraphServer, type BaseRequestContext, type SubgraphDefinition } from './subgraph.js';

/** A GraphQL result as tests see it. */
export interface TestResult {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

/**
 * Runs operations against a subgraph in process (no HTTP), with a fresh per-request context each call,
 * exactly as the HTTP host would build it. For unit tests of resolvers and federation entry points.
 */
export async function subgraphTester<TContext extends BaseRequestContext>(def: SubgraphDefinition<TContext>) {
  const server: ApolloServer<TContext> = buildSubgraphServer(def);
  await server.start();
  let n = 0;
  return {
    async run(query: string | DocumentNode, variables: Record<string, unknown> = {}): Promise<TestResult> {
      const requestId = `test-${++n}`;
      const contextValue = await def.createContext({
        req: undefined as never,
        requestId,
        logger: createLogger({ service: def.name, level: 'silent' }),
      });
      const response = await server.executeOperation({ query, variables }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
      return response.body.singleResult as TestResult;
    },
    stop: () => server.stop(),
  };
}
