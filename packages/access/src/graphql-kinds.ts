import type {
  GraphQLAbstractType,
  GraphQLInterfaceType,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLOutputType,
  GraphQLType,
} from 'graphql';

/*
 * Type predicates that work across copies of graphql-js. graphql's own `isObjectType` & co. use `instanceof`,
 * and a schema built by @apollo/subgraph or @apollo/gateway (which load graphql as CommonJS) can meet this
 * package loaded through another copy (vitest resolves graphql's ESM build): the predicates would then throw
 * "Cannot use GraphQLObjectType from another module or realm". Every graphql-js 16 type names itself through
 * Symbol.toStringTag, which holds in any copy.
 */

function tag(type: unknown): string | undefined {
  return type && typeof type === 'object' ? (type as { [Symbol.toStringTag]?: string })[Symbol.toStringTag] : undefined;
}

/** Realm-independent `isObjectType`. */
export function isObjectKind(type: unknown): type is GraphQLObjectType {
  return tag(type) === 'GraphQLObjectType';
}

/** Realm-independent `isInterfaceType`. */
export function isInterfaceKind(type: unknown): type is GraphQLInterfaceType {
  return tag(type) === 'GraphQLInterfaceType';
}

/** Realm-independent `isAbstractType` (interface or union). */
export function isAbstractKind(type: unknown): type is GraphQLAbstractType {
  const t = tag(type);
  return t === 'GraphQLInterfaceType' || t === 'GraphQLUnionType';
}

/** Realm-independent `isListType`. */
export function isListKind(type: unknown): boolean {
  return tag(type) === 'GraphQLList';
}

/** Realm-independent `isNonNullType`. */
export function isNonNullKind(type: unknown): boolean {
  return tag(type) === 'GraphQLNonNull';
}

/** True for object, interface and union types: values with a selection set. */
export function isCompositeKind(type: unknown): boolean {
  return isObjectKind(type) || isAbstractKind(type);
}

/** Realm-independent `getNamedType`. */
export function namedTypeOf(type: GraphQLType): GraphQLNamedType {
  let current: GraphQLType = type;
  while ('ofType' in current && current.ofType) current = current.ofType as GraphQLType;
  return current as GraphQLNamedType;
}

/** Whether a field's type is a list once a non-null wrapper is taken off. */
export function isListField(type: GraphQLOutputType): boolean {
  return isListKind(isNonNullKind(type) ? (type as { ofType: unknown }).ofType : type);
}
