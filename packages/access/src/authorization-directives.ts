import {
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';

/** One requirement read from the schema: all of a field's (and its type's) requirements must hold. */
export type Requirement =
  | { kind: 'authenticated' }
  /** OR of AND-groups: any one group, with every scope in it, is enough. */
  | { kind: 'scopes'; anyOf: string[][] }
  /** OR of AND-groups of policy names. */
  | { kind: 'policy'; anyOf: string[][] };

/** The local names the schema gives the three federation directives (imports may rename them). */
export interface AuthDirectiveNames {
  authenticated: Set<string>;
  requiresScopes: Set<string>;
  policy: Set<string>;
}

const FEDERATION_LINK = /^https:\/\/specs\.apollo\.dev\/federation\/v\d+\.\d+$/;

/**
 * Finds the names under which the schema's federation `@link` imports `@authenticated`, `@requiresScopes` and
 * `@policy` (plain, renamed with `as`, or namespaced `federation__x` when not imported). buildSubgraphSchema
 * keeps the `extend schema @link(...)` node in `schema.extensionASTNodes`.
 */
export function authDirectiveNames(schema: GraphQLSchema): AuthDirectiveNames {
  const names: AuthDirectiveNames = { authenticated: new Set(), requiresScopes: new Set(), policy: new Set() };
  const links = [schema.astNode, ...schema.extensionASTNodes]
    .flatMap((node) => node?.directives ?? [])
    .filter((d) => d.name.value === 'link');
  const federation = links.find((d) => FEDERATION_LINK.test(String(argument(d, 'url') ?? '')));
  const namespace = String((federation && argument(federation, 'as')) ?? 'federation');
  for (const key of Object.keys(names) as (keyof AuthDirectiveNames)[]) {
    names[key].add(`${namespace}__${key}`);
    names[key].add(`federation__${key}`);
  }
  if (!federation) {
    // No federation link (a plain schema in a test): the conventional names.
    for (const key of Object.keys(names) as (keyof AuthDirectiveNames)[]) names[key].add(key);
    return names;
  }
  const imports = argument(federation, 'import');
  for (const entry of Array.isArray(imports) ? imports : []) {
    const [name, as] =
      typeof entry === 'string'
        ? [entry, entry]
        : [readString(entry, 'name'), readString(entry, 'as') ?? readString(entry, 'name')];
    const key = name?.replace(/^@/, '');
    if (key && as && key in names) names[key as keyof AuthDirectiveNames].add(as.replace(/^@/, ''));
  }
  return names;
}

/** The requirements carried by directive applications (a field's, or a type's with its extensions). */
export function requirementsOf(directives: readonly ConstDirectiveNode[], names: AuthDirectiveNames): Requirement[] {
  const found: Requirement[] = [];
  for (const directive of directives) {
    const name = directive.name.value;
    if (names.authenticated.has(name)) found.push({ kind: 'authenticated' });
    else if (names.requiresScopes.has(name))
      found.push({ kind: 'scopes', anyOf: groups(argument(directive, 'scopes'), name) });
    else if (names.policy.has(name))
      found.push({ kind: 'policy', anyOf: groups(argument(directive, 'policies'), name) });
  }
  return found;
}

/** The directives applied to a named type, including those on its `extend type` nodes. */
export function typeDirectives(type: GraphQLNamedType): readonly ConstDirectiveNode[] {
  return [type.astNode, ...type.extensionASTNodes].flatMap((node) => node?.directives ?? []);
}

function argument(directive: ConstDirectiveNode, name: string): unknown {
  const node: ValueNode | undefined = directive.arguments?.find((a) => a.name.value === name)?.value;
  return node === undefined ? undefined : valueFromASTUntyped(node);
}

function readString(value: unknown, key: string): string | undefined {
  const field = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return typeof field === 'string' ? field : undefined;
}

function groups(value: unknown, directive: string): string[][] {
  const valid = Array.isArray(value) && value.every((g) => Array.isArray(g) && g.every((s) => typeof s === 'string'));
  if (!valid) throw new Error(`@${directive} expects a list of lists of strings`);
  return value as string[][];
}

/** True for names graphql-js or federation reserve (introspection and `_Service`), which carry no requirements. */
export function isReservedType(name: string): boolean {
  return name.startsWith('__') || name === '_Service';
}
