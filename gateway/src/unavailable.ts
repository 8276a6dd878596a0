import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { Kind, parse, type DocumentNode, type GraphQLFormattedError, type SelectionSetNode } from 'graphql';

/**
 * The answer the gateway gives itself for a subgraph fetch that could not be made (the subgraph is down, timed out
 * or answered 502-504): no data, and one error per response field the fetch was to fill, each with its `path`,
 * `extensions.code: UNAVAILABLE` and `extensions.serviceName`. Returned instead of thrown, @apollo/gateway treats it
 * like a subgraph's own errors: it maps `_entities` paths onto the client's response (e.g.
 * `["products", "nodes", 3, "availability"]`), keeps every field other subgraphs answered, and nulls only what is
 * missing (up to the nearest nullable field), as Apollo Router does with partial results.
 */
export function unavailableResponse(
  serviceName: string,
  message: string,
  query: string | DocumentNode,
  variables: Record<string, unknown> | undefined,
): GatewayGraphQLResponse {
  const document = typeof query === 'string' ? parse(query) : query;
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  const extensions = { code: 'UNAVAILABLE', serviceName };
  const errors: GraphQLFormattedError[] = [];
  for (const selection of operation?.selectionSet.selections ?? []) {
    if (selection.kind !== Kind.FIELD || selection.name.value === '__typename') continue;
    const key = selection.alias?.value ?? selection.name.value;
    if (selection.name.value !== '_entities' || !selection.selectionSet) {
      errors.push({ message, path: [key], extensions });
      continue;
    }
    const representations = Array.isArray(variables?.representations)
      ? (variables.representations as { __typename?: unknown }[])
      : [];
    representations.forEach((representation, index) => {
      for (const field of fieldsOf(selection.selectionSet!, String(representation?.__typename ?? ''))) {
        errors.push({ message, path: [key, index, field], extensions });
      }
    });
  }
  // A fetch with no field to name (only __typename) still says which subgraph failed.
  if (errors.length === 0) errors.push({ message, extensions });
  return { data: null, errors };
}

/** Response keys an entity fetch selects for `typename` (its own fields and those of matching inline fragments). */
function fieldsOf(selectionSet: SelectionSetNode, typename: string): string[] {
  const keys: string[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') keys.push(selection.alias?.value ?? selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition?.name.value;
      if (on === undefined || on === typename) keys.push(...fieldsOf(selection.selectionSet, typename));
    }
  }
  return [...new Set(keys)];
}
