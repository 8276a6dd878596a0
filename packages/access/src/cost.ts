import {
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { isCompositeKind, isInterfaceKind, isListField, isObjectKind, namedTypeOf } from './graphql-kinds.js';

/** How big a list field is assumed to be (federation `@listSize`). */
export interface ListSizeConfig {
  /** Size when no slicing argument is given. */
  assumedSize?: number;
  /** Arguments whose value bounds the size (e.g. `first`); the largest given wins. */
  slicingArguments?: string[];
  /** For connections: the child fields the size applies to (e.g. `nodes`), instead of the field itself. */
  sizedFields?: string[];
}

/** The cost model (federation `@cost` / `@listSize` style), keyed by schema coordinate. */
export interface CostConfig {
  /** `Type.field` → weight of one value of the field; `Type` → weight of one object/scalar/enum of that type. */
  fieldWeights: Record<string, number>;
  /** `Type.field` → list size rules. */
  listSizes: Record<string, ListSizeConfig>;
  /** Size of a list with no rule and no `first`/`last` argument; default 10. */
  defaultListSize?: number;
}

/** What the static analysis found. */
export interface OperationAnalysis {
  /** Estimated cost (see {@link analyzeOperation}). */
  cost: number;
  /** Deepest field nesting outside introspection; root fields are depth 1. */
  depth: number;
  /** Deepest nesting inside `__schema` / `__type`. */
  introspectionDepth: number;
  /** Aliased fields in the executed operation (fragments counted where used). */
  aliases: number;
}

const OBJECT_WEIGHT = 1;
const MUTATION_WEIGHT = 10; // a write is worth ten reads unless @cost says otherwise
const DEFAULT_SLICING = ['first', 'last'];

/**
 * Statically analyses the operation that will run, before execution: depth, aliases and cost. Cost: an object
 * field costs its weight (default 1; mutation root fields 10) plus its selection; scalar and enum fields cost
 * their weight (default 0); a list multiplies its per-item cost by its size (slicing argument value, variables
 * resolved, else assumed size, else `defaultListSize`). Fragments are followed; every selection is counted as
 * written, so the estimate is an upper bound. Unknown fields are skipped (validation reports them).
 */
export function analyzeOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Readonly<Record<string, unknown>>,
  config: CostConfig,
): OperationAnalysis {
  const defaultListSize = config.defaultListSize ?? 10;
  const defaults = new Map<string, unknown>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) defaults.set(definition.variable.name.value, literal(definition.defaultValue, {}));
  }
  const variableValue = (name: string) => (name in variables ? variables[name] : defaults.get(name));
  const result: OperationAnalysis = { cost: 0, depth: 0, introspectionDepth: 0, aliases: 0 };
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  if (!root) return result;
  result.cost = selectionCost(root, operation.selectionSet, 1, false, new Map(), new Set());
  return result;

  function selectionCost(
    parent: GraphQLNamedType,
    set: SelectionSetNode,
    depth: number,
    introspection: boolean,
    sized: Map<string, number>,
    seen: Set<string>,
  ): number {
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type) cost += selectionCost(type, selection.selectionSet, depth, introspection, sized, seen);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (!fragment || !type || seen.has(fragment.name.value)) continue; // cycles are a validation error anyway
        cost += selectionCost(
          type,
          fragment.selectionSet,
          depth,
          introspection,
          sized,
          new Set([...seen, fragment.name.value]),
        );
      } else {
        cost += fieldCost(parent, selection, depth, introspection, sized, seen);
      }
    }
    return cost;
  }

  function fieldCost(
    parent: GraphQLNamedType,
    node: FieldNode,
    depth: number,
    introspection: boolean,
    sized: Map<string, number>,
    seen: Set<string>,
  ): number {
    const name = node.name.value;
    if (node.alias) result.aliases++;
    if (name === '__typename') return 0;
    const inIntrospection = introspection || name === '__schema' || name === '__type';
    if (inIntrospection) {
      result.introspectionDepth = Math.max(result.introspectionDepth, depth);
      const introspected = fieldOf(parent, name);
      const type =
        name === '__schema'
          ? schema.getType('__Schema')
          : name === '__type'
            ? schema.getType('__Type')
            : introspected && namedTypeOf(introspected.type);
      if (node.selectionSet && type) selectionCost(type, node.selectionSet, depth + 1, true, new Map(), seen);
      return 0; // introspection is answered from the schema, not the subgraphs
    }
    result.depth = Math.max(result.depth, depth);
    const field = fieldOf(parent, name);
    if (!field) return 0;
    const type = namedTypeOf(field.type);
    const coordinate = `${parent.name}.${name}`;
    const composite = isCompositeKind(type);
    const fallback = parent === schema.getMutationType() ? MUTATION_WEIGHT : composite ? OBJECT_WEIGHT : 0;
    const weight = config.fieldWeights[coordinate] ?? config.fieldWeights[type.name] ?? fallback;
    const rule = config.listSizes[coordinate];
    const size = sizeOf(field, node, rule);
    // With sizedFields the size belongs to the named children (connection `nodes`), not to this field.
    const childSizes = new Map<string, number>();
    if (rule?.sizedFields) for (const child of rule.sizedFields) childSizes.set(child, size);
    const children = node.selectionSet ? selectionCost(type, node.selectionSet, depth + 1, false, childSizes, seen) : 0;
    const perItem = weight + children;
    if (sized.has(name)) return (sized.get(name) ?? defaultListSize) * perItem;
    return isListField(field.type) && !rule?.sizedFields ? size * perItem : perItem;
  }

  function sizeOf(field: GraphQLField<unknown, unknown>, node: FieldNode, rule: ListSizeConfig | undefined): number {
    const slicing = rule?.slicingArguments ?? DEFAULT_SLICING;
    const given: number[] = [];
    for (const name of slicing) {
      const argNode = node.arguments?.find((a) => a.name.value === name);
      const value = argNode
        ? literal(argNode.value, { variable: variableValue })
        : field.args.find((a) => a.name === name)?.defaultValue;
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0) given.push(value);
    }
    return given.length > 0 ? Math.max(...given) : (rule?.assumedSize ?? defaultListSize);
  }
}

function fieldOf(parent: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectKind(parent) || isInterfaceKind(parent) ? parent.getFields()[name] : undefined;
}

/** The JavaScript value of an argument literal: numbers, strings, booleans, null, lists, objects, variables. */
function literal(node: ValueNode, scope: { variable?: (name: string) => unknown }): unknown {
  switch (node.kind) {
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.BOOLEAN:
      return node.value;
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map((v) => literal(v, scope));
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, literal(f.value, scope)]));
    case Kind.VARIABLE:
      return scope.variable?.(node.name.value);
  }
}
