import {
  GraphQLError,
  Kind,
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  print,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from 'graphql';
import type { SubscriptionFieldSpec } from './manifest.js';

/** A client's subscription, analysed once when it subscribes. */
export interface PreparedSubscription {
  fieldName: string;
  spec: SubscriptionFieldSpec;
  /** The key the client expects the payload under (its alias or the field name). */
  responseKey: string;
  /** The field's arguments, coerced (filters and the resume cursor). */
  args: Record<string, unknown>;
  /** The hydration query: the client's selection set on the owning subgraph's echo field. */
  query: string;
  /** The client's variables the selection set still uses (the field's own arguments are consumed here). */
  variables: Record<string, unknown>;
  /** The query variable that carries the payload root. */
  eventVariable: string;
}

/** What {@link prepareSubscription} needs. */
export interface PrepareInput {
  /** The public API schema (arguments are coerced against it). */
  schema: GraphQLSchema;
  fields: Readonly<Record<string, SubscriptionFieldSpec>>;
  /** Type of each hydration field's input argument, by subscription field (e.g. `InventoryChangeInput!`). */
  inputTypes: ReadonlyMap<string, string>;
  document: DocumentNode;
  operationName?: string | null | undefined;
  variableValues?: Readonly<Record<string, unknown>> | null | undefined;
}

/**
 * Rewrites `subscription S($v…) { alias: field(args) { selection } }` into
 * `query S($event: Input!, $v…) { alias: hydrationField(argument: $event) { selection } }` plus the fragments the
 * selection uses. The selection set is carried over untouched, so fragments, enums, unions and interfaces reach the
 * query planner exactly as the client wrote them. Returns GraphQL errors for anything the gateway cannot serve.
 */
export function prepareSubscription(input: PrepareInput): PreparedSubscription | GraphQLError[] {
  const operation = getOperationAST(input.document, input.operationName);
  if (operation?.operation !== 'subscription')
    return [badInput('Expected one subscription operation (pass operationName when the document has several)')];
  const [root, ...rest] = operation.selectionSet.selections;
  if (!root || rest.length > 0 || root.kind !== Kind.FIELD) {
    return [badInput('Select exactly one subscription field, directly (no fragments at the subscription root)')];
  }
  const fieldName = root.name.value;
  const spec = input.fields[fieldName];
  const fieldDef = input.schema.getSubscriptionType()?.getFields()[fieldName];
  const inputType = input.inputTypes.get(fieldName);
  if (!spec || !fieldDef || !inputType)
    return [
      badInput(
        `Subscription field "${fieldName}" is not served by this gateway (it is not in subscriptions.manifest.json)`,
      ),
    ];

  const coerced = getVariableValues(input.schema, operation.variableDefinitions ?? [], input.variableValues ?? {});
  if (coerced.errors) return [...coerced.errors];
  let args: Record<string, unknown>;
  try {
    args = getArgumentValues(fieldDef, root, coerced.coerced);
  } catch (error) {
    return [error instanceof GraphQLError ? error : badInput((error as Error).message)];
  }

  const fragments = usedFragments(input.document, root.selectionSet);
  const used = usedVariables([
    ...(root.selectionSet ? [root.selectionSet] : []),
    ...(root.directives ?? []).map(wrapDirective),
    ...fragments.map((f) => f.selectionSet),
  ]);
  const definitions = (operation.variableDefinitions ?? []).filter((d) => used.has(d.variable.name.value));
  const eventVariable = uniqueName(
    'event',
    new Set((operation.variableDefinitions ?? []).map((d) => d.variable.name.value)),
  );
  const query = print({
    kind: Kind.DOCUMENT,
    definitions: [hydrationOperation(operation, root, spec, eventVariable, inputType, definitions), ...fragments],
  });
  const variables: Record<string, unknown> = {};
  for (const name of used)
    if (input.variableValues && name in input.variableValues) variables[name] = input.variableValues[name];
  return { fieldName, spec, responseKey: root.alias?.value ?? fieldName, args, query, variables, eventVariable };
}

function hydrationOperation(
  operation: OperationDefinitionNode,
  root: FieldNode,
  spec: SubscriptionFieldSpec,
  eventVariable: string,
  inputType: string,
  variableDefinitions: VariableDefinitionNode[],
): OperationDefinitionNode {
  const variable = { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: eventVariable } } as const;
  const field: FieldNode = {
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: root.alias?.value ?? root.name.value },
    name: { kind: Kind.NAME, value: spec.hydration.field },
    arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: spec.hydration.argument }, value: variable }],
    directives: root.directives ?? [],
    ...(root.selectionSet ? { selectionSet: root.selectionSet } : {}),
  };
  const eventDefinition = { kind: Kind.VARIABLE_DEFINITION, variable, type: typeNode(inputType) } as const;
  return {
    kind: Kind.OPERATION_DEFINITION,
    operation: 'query' as OperationDefinitionNode['operation'],
    ...(operation.name ? { name: operation.name } : {}),
    variableDefinitions: [eventDefinition, ...variableDefinitions],
    directives: [],
    selectionSet: { kind: Kind.SELECTION_SET, selections: [field] },
  };
}

// `InventoryChangeInput!` → a NonNull(Named) type node; hydration arguments are always a named input type.
function typeNode(type: string): VariableDefinitionNode['type'] {
  const named = { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: type.replace(/!$/, '') } } as const;
  return type.endsWith('!') ? { kind: Kind.NON_NULL_TYPE, type: named } : named;
}

// Fragments used by the selection, transitively, in document order.
function usedFragments(document: DocumentNode, selectionSet: SelectionSetNode | undefined): FragmentDefinitionNode[] {
  const byName = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) byName.set(d.name.value, d);
  const found = new Set<string>();
  const pending: SelectionSetNode[] = selectionSet ? [selectionSet] : [];
  while (pending.length > 0) {
    visit(pending.pop()!, {
      FragmentSpread(node) {
        const fragment = byName.get(node.name.value);
        if (fragment && !found.has(fragment.name.value)) {
          found.add(fragment.name.value);
          pending.push(fragment.selectionSet);
        }
      },
    });
  }
  return [...byName.values()].filter((f) => found.has(f.name.value));
}

function usedVariables(nodes: SelectionSetNode[]): Set<string> {
  const names = new Set<string>();
  for (const node of nodes) visit(node, { Variable: (v) => void names.add(v.name.value) });
  return names;
}

function wrapDirective(directive: NonNullable<FieldNode['directives']>[number]): SelectionSetNode {
  const field: FieldNode = {
    kind: Kind.FIELD,
    name: { kind: Kind.NAME, value: '__typename' },
    directives: [directive],
  };
  return { kind: Kind.SELECTION_SET, selections: [field] };
}

function uniqueName(base: string, taken: ReadonlySet<string>): string {
  let name = base;
  for (let n = 1; taken.has(name); n++) name = `${base}${n}`;
  return name;
}

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'INVALID_INPUT' } });
}
