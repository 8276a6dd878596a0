import {
  defaultFieldResolver,
  type GraphQLAbstractType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import type { Client } from './client.js';
import {
  authDirectiveNames,
  isReservedType,
  requirementsOf,
  typeDirectives,
  type Requirement,
} from './authorization-directives.js';
import { checkRequirements, forbidden, type Policy } from './authorization-checks.js';
import { isAbstractKind, isObjectKind, namedTypeOf } from './graphql-kinds.js';

export type { Policy } from './authorization-checks.js';

/** Options of {@link applyAuthorization}. */
export interface AuthorizationOptions {
  /** Implementations of the names used in `@policy`; a name without one fails at start-up, not per request. */
  policies?: Record<string, Policy>;
}

/** What the resolvers' context must carry: the verified client (absent means unauthenticated). */
export interface AuthorizationContext {
  client?: Client;
}

type Args = Record<string, unknown>;

/**
 * What guards one field: its own requirements, its return type's (scopes before resolving, policies after),
 * and whether each value's concrete type must be looked up (abstract return types).
 */
interface FieldChecks {
  own: Requirement[];
  upfront: Requirement[];
  after: Requirement[];
  dynamic: boolean;
}
const applied = new WeakSet<GraphQLSchema>();

/**
 * Enforces `@authenticated`, `@requiresScopes` and `@policy` (federation semantics: OR of AND-groups) by
 * wrapping the resolvers they affect, in place; returns the same schema. Field-level requirements and the
 * scope/authentication requirements of a field's return type are checked before the resolver runs (so a
 * denied mutation never executes); type-level policies are checked on each resolved value of that type (so a
 * policy can compare the order's partner with the client's). Entities fetched through `_entities` get their
 * type's requirements per representation. A denied field resolves to null with a FORBIDDEN error naming it;
 * the rest of the response resolves as usual.
 */
export function applyAuthorization<S extends GraphQLSchema>(schema: S, options: AuthorizationOptions = {}): S {
  if (applied.has(schema)) return schema;
  const policies = options.policies ?? {};
  const names = authDirectiveNames(schema);
  const byType = new Map<string, Requirement[]>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (isReservedType(type.name)) continue;
    const requirements = requirementsOf(typeDirectives(type), names);
    if (requirements.length > 0) byType.set(type.name, requirements);
  }
  const typeRequirements = (type: GraphQLNamedType | undefined | null) => (type ? (byType.get(type.name) ?? []) : []);

  // Plan first, wrap after: a schema naming an unknown policy is refused before anything is changed.
  const plan: (() => void)[] = [];
  const usedPolicies = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectKind(type) || isReservedType(type.name)) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve ?? defaultFieldResolver;
      if (type === schema.getQueryType() && field.name === '_entities') {
        if (byType.size > 0) plan.push(() => (field.resolve = guardEntities(resolve)));
        continue;
      }
      const own = requirementsOf(fieldDirectives(type, field), names);
      const named = namedTypeOf(field.type);
      const ofType = typeRequirements(named);
      const upfront = ofType.filter((r) => r.kind !== 'policy');
      const after = ofType.filter((r) => r.kind === 'policy');
      // An abstract return type is also checked per resolved value against the concrete type's requirements.
      const dynamic = isAbstractKind(named) && schema.getPossibleTypes(named).some((t) => byType.has(t.name));
      own.forEach(collectPolicies);
      if (own.length === 0 && upfront.length === 0 && after.length === 0 && !dynamic) continue;
      plan.push(
        () =>
          (field.resolve = guardField(`${type.name}.${field.name}`, named, { own, upfront, after, dynamic }, resolve)),
      );
    }
  }
  for (const requirements of byType.values()) requirements.forEach(collectPolicies);
  const unknown = [...usedPolicies].filter((p) => !(p in policies));
  if (unknown.length > 0)
    throw new Error(
      `The schema uses @policy ${unknown.map((p) => `"${p}"`).join(', ')} but no policy function is configured for it`,
    );
  for (const wrap of plan) wrap();
  applied.add(schema);
  return schema;

  function collectPolicies(requirement: Requirement) {
    if (requirement.kind === 'policy') for (const name of requirement.anyOf.flat()) usedPolicies.add(name);
  }

  function guardField(
    target: string,
    named: GraphQLNamedType,
    checks: FieldChecks,
    resolve: GraphQLFieldResolver<unknown, unknown>,
  ) {
    const typeTarget = `${target} (type ${named.name})`;
    return async (parent: unknown, args: Args, context: unknown, info: GraphQLResolveInfo) => {
      const client = clientOf(context);
      const denied =
        (await checkRequirements(checks.own, { client, parent, args, context, target }, policies)) ??
        (await checkRequirements(checks.upfront, { client, parent, args, context, target: typeTarget }, policies));
      if (denied) throw denied;
      const value = await resolve(parent, args, context, info);
      if (checks.after.length === 0 && !checks.dynamic) return value;
      return guardValue(value, named, context, info, (item, concrete) => {
        if (!checks.dynamic)
          return checkRequirements(
            checks.after,
            { client, parent: item, args, context, target: typeTarget, typeName: named.name },
            policies,
          );
        if (!concrete) return Promise.resolve(forbidden(target, 'the type of the value cannot be determined'));
        const requirements = [...checks.after, ...typeRequirements(concrete)];
        const input = {
          client,
          parent: item,
          args,
          context,
          target: `${target} (type ${concrete.name})`,
          typeName: concrete.name,
        };
        return checkRequirements(requirements, input, policies);
      });
    };
  }

  function guardEntities(resolve: GraphQLFieldResolver<unknown, unknown>) {
    return async (parent: unknown, args: Args, context: unknown, info: GraphQLResolveInfo) => {
      const client = clientOf(context);
      const representations = Array.isArray(args.representations) ? (args.representations as unknown[]) : [];
      const results: unknown[] = new Array<unknown>(representations.length);
      const allowed: number[] = [];
      for (const [i, representation] of representations.entries()) {
        const type = schema.getType(String((representation as { __typename?: unknown }).__typename));
        const upfront = typeRequirements(type).filter((r) => r.kind !== 'policy');
        const denied = await checkRequirements(
          upfront,
          { client, parent: representation, args, context, target: `${type?.name ?? 'unknown'} entity` },
          policies,
        );
        if (denied) results[i] = denied;
        else allowed.push(i);
      }
      const resolved = await resolve(
        parent,
        { ...args, representations: allowed.map((i) => representations[i]) },
        context,
        info,
      );
      const settled = await Promise.allSettled(Array.isArray(resolved) ? resolved : []);
      for (const [j, outcome] of settled.entries()) {
        const i = allowed[j] as number;
        if (outcome.status === 'rejected') {
          results[i] = outcome.reason;
          continue;
        }
        const value: unknown = outcome.value;
        const type = schema.getType(String((representations[i] as { __typename?: unknown }).__typename));
        const typePolicies = typeRequirements(type).filter((r) => r.kind === 'policy');
        const input = {
          client,
          parent: value,
          args,
          context,
          target: `${type?.name ?? 'unknown'} entity`,
          typeName: type?.name ?? 'unknown',
        };
        const denied =
          value == null || typePolicies.length === 0 ? null : await checkRequirements(typePolicies, input, policies);
        results[i] = denied ?? value;
      }
      return results;
    };
  }

  function fieldDirectives(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>) {
    // Requirements declared on an interface field also bind every implementation of it.
    const fromInterfaces = type.getInterfaces().flatMap((i) => i.getFields()[field.name]?.astNode?.directives ?? []);
    return [...(field.astNode?.directives ?? []), ...fromInterfaces];
  }
}

function clientOf(context: unknown): Client | undefined {
  return context && typeof context === 'object' ? (context as AuthorizationContext).client : undefined;
}

type ItemCheck = (item: unknown, concrete: GraphQLNamedType | undefined) => Promise<Error | null>;

/** Applies `check` to a resolved value, item by item for lists; a denied item becomes its error (null at its path). */
async function guardValue(
  value: unknown,
  named: GraphQLNamedType,
  context: unknown,
  info: GraphQLResolveInfo,
  check: ItemCheck,
): Promise<unknown> {
  const resolved: unknown = await value;
  if (resolved == null || resolved instanceof Error) return resolved;
  if (typeof resolved === 'object' && Symbol.iterator in resolved && typeof resolved !== 'string') {
    return Promise.all(
      Array.from(resolved as Iterable<unknown>, (item) => guardValue(item, named, context, info, check)),
    );
  }
  const concrete = isAbstractKind(named) ? await concreteType(resolved, named, context, info) : named;
  return (await check(resolved, concrete)) ?? resolved;
}

async function concreteType(
  value: unknown,
  abstract: GraphQLAbstractType,
  context: unknown,
  info: GraphQLResolveInfo,
): Promise<GraphQLNamedType | undefined> {
  const typename = (value as { __typename?: unknown }).__typename;
  const name = typeof typename === 'string' ? typename : await abstract.resolveType?.(value, context, info, abstract);
  return typeof name === 'string' ? (info.schema.getType(name) ?? undefined) : undefined;
}
