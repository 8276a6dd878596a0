import { printSchema, Supergraph } from '@apollo/federation-internals';
import {
  Kind,
  buildSchema,
  parse,
  print,
  type ConstDirectiveNode,
  type DefinitionNode,
  type GraphQLSchema,
  type TypeNode,
} from 'graphql';
import type { SubscriptionManifest } from './manifest.js';

/**
 * The client-facing API schema of a supergraph (what the gateway validates operations against). Rebuilt from its
 * SDL rather than taken from federation-internals, which is CommonJS and brings its own copy of graphql: its schema
 * objects fail graphql-js's instanceof checks in ESM code.
 */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return buildSchema(printSchema(Supergraph.build(supergraphSdl).apiSchema()));
}

/**
 * The supergraph the hydration executor runs on: the public one with `@inaccessible` removed from the manifest's
 * hydration fields and the input types they take. Clients never see those fields (the public API schema hides
 * them); the gateway can still plan queries on them through the ordinary query planner.
 */
export function hydrationSupergraph(supergraphSdl: string, manifest: SubscriptionManifest): string {
  const document = parse(supergraphSdl);
  const inaccessible = inaccessibleDirectiveName(document.definitions);
  if (!inaccessible) return supergraphSdl;
  const hydrationFields = new Set(Object.values(manifest.fields).map((f) => f.hydration.field));
  const queryType = queryTypeName(document.definitions);
  const inputs = hydrationInputTypes(document.definitions, queryType, hydrationFields);
  const keep = (directives: readonly ConstDirectiveNode[] | undefined) =>
    directives?.filter((d) => d.name.value !== inaccessible);

  const definitions = document.definitions.map((definition): DefinitionNode => {
    if (
      (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) &&
      definition.name.value === queryType
    ) {
      return {
        ...definition,
        fields: definition.fields?.map((field) =>
          hydrationFields.has(field.name.value) ? { ...field, directives: keep(field.directives) } : field,
        ),
      };
    }
    if (
      (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION || definition.kind === Kind.INPUT_OBJECT_TYPE_EXTENSION) &&
      inputs.has(definition.name.value)
    ) {
      return {
        ...definition,
        directives: keep(definition.directives),
        fields: definition.fields?.map((f) => ({ ...f, directives: keep(f.directives) })),
      };
    }
    return definition;
  });
  return print({ ...document, definitions });
}

function queryTypeName(definitions: readonly DefinitionNode[]): string {
  for (const d of definitions) {
    if (d.kind !== Kind.SCHEMA_DEFINITION) continue;
    const query = d.operationTypes.find((t) => t.operation === 'query');
    if (query) return query.type.name.value;
  }
  return 'Query';
}

// Input types reachable from the hydration fields' arguments (an input may nest entity reference inputs).
function hydrationInputTypes(
  definitions: readonly DefinitionNode[],
  queryType: string,
  fields: ReadonlySet<string>,
): Set<string> {
  const inputs = new Map<string, DefinitionNode>();
  for (const d of definitions) if (d.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) inputs.set(d.name.value, d);
  const found = new Set<string>();
  const visit = (type: TypeNode) => {
    const name = namedType(type);
    const input = inputs.get(name);
    if (!input || input.kind !== Kind.INPUT_OBJECT_TYPE_DEFINITION || found.has(name)) return;
    found.add(name);
    for (const field of input.fields ?? []) visit(field.type);
  };
  for (const d of definitions) {
    if ((d.kind !== Kind.OBJECT_TYPE_DEFINITION && d.kind !== Kind.OBJECT_TYPE_EXTENSION) || d.name.value !== queryType)
      continue;
    for (const field of d.fields ?? [])
      if (fields.has(field.name.value)) for (const arg of field.arguments ?? []) visit(arg.type);
  }
  return found;
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

// The supergraph links the inaccessible spec, possibly under another name (`as:`).
function inaccessibleDirectiveName(definitions: readonly DefinitionNode[]): string | null {
  for (const definition of definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'link') continue;
      const url = directive.arguments?.find((a) => a.name.value === 'url')?.value;
      if (url?.kind !== Kind.STRING || !url.value.includes('/inaccessible/')) continue;
      const as = directive.arguments?.find((a) => a.name.value === 'as')?.value;
      return as?.kind === Kind.STRING ? as.value : 'inaccessible';
    }
  }
  return null;
}
