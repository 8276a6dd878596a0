import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { ClientKind } from './client.js';
import { analyzeOperation, type CostConfig, type OperationAnalysis } from './cost.js';
import { accessError } from './errors.js';

export { analyzeOperation, type CostConfig, type ListSizeConfig, type OperationAnalysis } from './cost.js';

/** What one operation of one kind of client may spend. */
export interface OperationBudget {
  /** Highest static cost (see analyzeOperation). */
  maxCost: number;
  /** Deepest field nesting; introspection fields do not count. */
  maxDepth: number;
  /** Most aliased fields: aliases multiply work without multiplying the query's size. */
  maxAliases: number;
}

/**
 * Default budgets per client kind. Storefront pages and partner integrations are small and predictable;
 * consoles and operators run bigger screens and reports; services (adapters, batch jobs) get the most.
 */
export const DEFAULT_BUDGETS: Readonly<Record<ClientKind, OperationBudget>> = {
  storefront: { maxCost: 1_000, maxDepth: 8, maxAliases: 20 },
  partner: { maxCost: 2_000, maxDepth: 10, maxAliases: 20 },
  console: { maxCost: 5_000, maxDepth: 12, maxAliases: 50 },
  operator: { maxCost: 10_000, maxDepth: 15, maxAliases: 100 },
  service: { maxCost: 20_000, maxDepth: 15, maxAliases: 100 },
};

/** Deepest introspection nesting accepted; graphql-js's `getIntrospectionQuery()` is 15 deep, tools add a little. */
export const DEFAULT_INTROSPECTION_DEPTH = 20;

/** Input of {@link checkOperation}. */
export interface CheckOperationInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Readonly<Record<string, unknown>> | null;
  costConfig: CostConfig;
  budget: OperationBudget;
  /** Named in error messages ("… for partner clients"). */
  kind: ClientKind;
  /** Deepest accepted introspection nesting; default {@link DEFAULT_INTROSPECTION_DEPTH}. */
  maxIntrospectionDepth?: number;
}

/**
 * Analyses the operation that will run and checks it against the budget, before execution. Returns the
 * analysis and the first limit exceeded, as an error with DEPTH_LIMIT_EXCEEDED (`extensions.depth`, `limit`),
 * ALIAS_LIMIT_EXCEEDED (`aliases`, `limit`) or COST_LIMIT_EXCEEDED (`cost`, `limit`); null when within budget.
 */
export function checkOperation(input: CheckOperationInput): {
  analysis: OperationAnalysis;
  error: GraphQLError | null;
} {
  const operation = selectOperation(input.document, input.operationName);
  if (!operation) return { analysis: { cost: 0, depth: 0, introspectionDepth: 0, aliases: 0 }, error: null }; // validation reports it
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of input.document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  const analysis = analyzeOperation(input.schema, operation, fragments, input.variables ?? {}, input.costConfig);
  const { budget, kind } = input;
  const maxIntrospection = input.maxIntrospectionDepth ?? DEFAULT_INTROSPECTION_DEPTH;
  let error: GraphQLError | null = null;
  if (analysis.depth > budget.maxDepth) {
    error = accessError(
      'DEPTH_LIMIT_EXCEEDED',
      `Operation depth ${analysis.depth} exceeds the limit of ${budget.maxDepth} for ${kind} clients`,
      { depth: analysis.depth, limit: budget.maxDepth },
    );
  } else if (analysis.introspectionDepth > maxIntrospection) {
    error = accessError(
      'DEPTH_LIMIT_EXCEEDED',
      `Introspection depth ${analysis.introspectionDepth} exceeds the limit of ${maxIntrospection}`,
      { depth: analysis.introspectionDepth, limit: maxIntrospection },
    );
  } else if (analysis.aliases > budget.maxAliases) {
    error = accessError(
      'ALIAS_LIMIT_EXCEEDED',
      `Operation uses ${analysis.aliases} aliases, more than the limit of ${budget.maxAliases} for ${kind} clients`,
      { aliases: analysis.aliases, limit: budget.maxAliases },
    );
  } else if (analysis.cost > budget.maxCost) {
    error = accessError(
      'COST_LIMIT_EXCEEDED',
      `Operation cost ${analysis.cost} exceeds the limit of ${budget.maxCost} for ${kind} clients`,
      { cost: analysis.cost, limit: budget.maxCost },
    );
  }
  return { analysis, error };
}

/** BATCH_LIMIT_EXCEEDED when an HTTP body is a batch (JSON array) of more than `maxOperations`; else null. */
export function checkBatch(body: unknown, maxOperations: number): GraphQLError | null {
  if (!Array.isArray(body) || body.length <= maxOperations) return null;
  return accessError(
    'BATCH_LIMIT_EXCEEDED',
    `A batch of ${body.length} operations exceeds the limit of ${maxOperations}`,
    { operations: body.length, limit: maxOperations },
  );
}

/** The operation GraphQL will execute: the named one, or the only one. */
export function selectOperation(
  document: DocumentNode,
  operationName?: string | null,
): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (operationName) return operations.find((o) => o.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}
