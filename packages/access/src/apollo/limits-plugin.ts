import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Client, ClientKind } from '../client.js';
import type { CostConfig, OperationAnalysis } from '../cost.js';
import { checkOperation, DEFAULT_BUDGETS, type OperationBudget } from '../limits.js';
import { rateLimitHeaders, type RateLimitResult } from '../rate-limit.js';
import { withHttpStatus } from './http-errors.js';

/** What the limits plugin reads from the context: the client, and the rate-limit result of the request guard. */
export interface LimitsContext {
  client?: Client;
  rateLimit?: RateLimitResult;
  /** Set by the plugin once the operation is analysed (for logs and telemetry). */
  operationAnalysis?: OperationAnalysis;
}

/** Options of {@link operationLimitsPlugin}. */
export interface OperationLimitsOptions {
  /** The cost model, e.g. `costConfigFromSdl([supergraphSdl])`. */
  costConfig: CostConfig;
  /** Budgets per client kind; default {@link DEFAULT_BUDGETS}. */
  budgets?: Readonly<Record<ClientKind, OperationBudget>>;
  /** Deepest introspection nesting; default 20. */
  maxIntrospectionDepth?: number;
}

/**
 * Apollo Server plugin enforcing depth, alias and cost budgets per client kind before execution (400 with
 * DEPTH_LIMIT_EXCEEDED / ALIAS_LIMIT_EXCEEDED / COST_LIMIT_EXCEEDED, the computed number and the limit), and
 * adding the RateLimit headers of `context.rateLimit` to every response.
 */
export function operationLimitsPlugin<TContext extends BaseContext & LimitsContext>(
  options: OperationLimitsOptions,
): ApolloServerPlugin<TContext> {
  const budgets = options.budgets ?? DEFAULT_BUDGETS;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, contextValue }) {
          const client = contextValue.client;
          if (!client)
            throw new Error('operationLimitsPlugin needs context.client: authenticate in the context function');
          const { analysis, error } = checkOperation({
            schema,
            document,
            operationName: request.operationName ?? null,
            variables: request.variables ?? {},
            costConfig: options.costConfig,
            budget: budgets[client.kind],
            kind: client.kind,
            ...(options.maxIntrospectionDepth !== undefined
              ? { maxIntrospectionDepth: options.maxIntrospectionDepth }
              : {}),
          });
          contextValue.operationAnalysis = analysis;
          if (error) throw withHttpStatus(error);
        },
        async willSendResponse({ response, contextValue }) {
          if (!contextValue.rateLimit) return;
          for (const [name, value] of Object.entries(rateLimitHeaders(contextValue.rateLimit)))
            response.http.headers.set(name.toLowerCase(), value);
        },
      };
    },
  };
}
