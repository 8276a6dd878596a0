import {
  buildSchema,
  DangerousChangeType,
  findBreakingChanges,
  findDangerousChanges,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLSchema,
} from 'graphql';
import { z } from 'zod';

/** How much a change can hurt existing clients. */
export type ChangeSeverity = 'breaking' | 'dangerous' | 'safe';

/** One difference between two API schemas; `description` is graphql-js's sentence (what deliberate lists name). */
export interface SchemaChange {
  severity: ChangeSeverity;
  type: string;
  description: string;
}

/** Every change, by severity. */
export interface SchemaDiff {
  breaking: SchemaChange[];
  dangerous: SchemaChange[];
  safe: SchemaChange[];
}

// graphql-js calls an added optional argument dangerous; for our clients it is an addition like any other.
const SAFE_DANGEROUS: ReadonlySet<string> = new Set([DangerousChangeType.OPTIONAL_ARG_ADDED]);

/**
 * Compares two client-facing schemas. Breaking and dangerous changes come from graphql-js (removed or retyped
 * fields, removed enum values, new required arguments…; added enum values, changed defaults…); safe changes
 * are the additions: types, object and interface fields, optional arguments, and new deprecations.
 */
export function diffSchemas(before: string | GraphQLSchema, after: string | GraphQLSchema): SchemaDiff {
  const old = typeof before === 'string' ? buildSchema(before) : before;
  const now = typeof after === 'string' ? buildSchema(after) : after;
  const breaking = findBreakingChanges(old, now).map((c) => ({
    severity: 'breaking' as const,
    type: c.type,
    description: c.description,
  }));
  const dangerous: SchemaChange[] = [];
  const safe: SchemaChange[] = [];
  for (const c of findDangerousChanges(old, now)) {
    (SAFE_DANGEROUS.has(c.type) ? safe : dangerous).push({
      severity: SAFE_DANGEROUS.has(c.type) ? 'safe' : 'dangerous',
      type: c.type,
      description: c.description,
    });
  }
  safe.push(...additions(old, now));
  return { breaking, dangerous, safe };
}

function additions(old: GraphQLSchema, now: GraphQLSchema): SchemaChange[] {
  const found: SchemaChange[] = [];
  const add = (type: string, description: string) => found.push({ severity: 'safe', type, description });
  for (const type of Object.values(now.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    const previous = old.getType(type.name);
    if (!previous) {
      add('TYPE_ADDED', `${type.name} was added.`);
      continue;
    }
    if ((isObjectType(type) || isInterfaceType(type)) && (isObjectType(previous) || isInterfaceType(previous))) {
      const oldFields = previous.getFields();
      for (const field of Object.values(type.getFields())) {
        const was = oldFields[field.name];
        if (!was) add('FIELD_ADDED', `${type.name}.${field.name} was added.`);
        else if (field.deprecationReason && !was.deprecationReason)
          add('FIELD_DEPRECATED', `${type.name}.${field.name} was deprecated: ${field.deprecationReason}`);
      }
    }
    if (isEnumType(type) && isEnumType(previous)) {
      for (const value of type.getValues()) {
        const was = previous.getValue(value.name);
        if (was && value.deprecationReason && !was.deprecationReason)
          add('ENUM_VALUE_DEPRECATED', `${type.name}.${value.name} was deprecated: ${value.deprecationReason}`);
      }
    }
  }
  return found;
}

/**
 * A deprecation reason must say when the element goes away: a version ("Use `sku`. Removal in v2.0") or a date
 * ("Use `sku`. Remove after 2027-06-01", which schema:check enforces against usage).
 */
export const REMOVAL_VERSION = /Removal in v\d+\.\d+|Remove after \d{4}-\d{2}-\d{2}/i;

/** A deprecated element whose reason lacks {@link REMOVAL_VERSION}. */
export interface DeprecationProblem {
  coordinate: string;
  reason: string;
}

/** Every deprecated field, argument, input field and enum value whose reason does not name a removal version. */
export function deprecationsWithoutRemoval(schema: string | GraphQLSchema): DeprecationProblem[] {
  const built = typeof schema === 'string' ? buildSchema(schema) : schema;
  const problems: DeprecationProblem[] = [];
  const check = (coordinate: string, reason: string | null | undefined) => {
    if (reason !== null && reason !== undefined && !REMOVAL_VERSION.test(reason)) problems.push({ coordinate, reason });
  };
  for (const type of Object.values(built.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.deprecationReason);
        for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name}:)`, arg.deprecationReason);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) check(`${type.name}.${field.name}`, field.deprecationReason);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.deprecationReason);
    }
  }
  return problems;
}

/** `gateway/schema-changes.json`: breaking changes the team made on purpose, each with a reason. */
export const schemaChangesFileSchema = z.object({
  deliberate: z.array(z.object({ change: z.string().min(1), reason: z.string().min(1) })),
});

/** Contents of `gateway/schema-changes.json`. */
export type SchemaChangesFile = z.infer<typeof schemaChangesFileSchema>;

/** The breaking changes split by whether they were declared deliberate, plus declarations matching nothing. */
export interface ChangeReview {
  unapproved: SchemaChange[];
  approved: (SchemaChange & { reason: string })[];
  /** Declared but not happening (already released, or mistyped): worth cleaning up. */
  stale: SchemaChangesFile['deliberate'];
}

/** Matches breaking changes against the deliberate list by their exact description. */
export function reviewBreakingChanges(diff: SchemaDiff, deliberate: SchemaChangesFile['deliberate']): ChangeReview {
  const reasons = new Map(deliberate.map((d) => [d.change, d.reason]));
  const review: ChangeReview = { unapproved: [], approved: [], stale: [] };
  for (const change of diff.breaking) {
    const reason = reasons.get(change.description);
    if (reason === undefined) review.unapproved.push(change);
    else review.approved.push({ ...change, reason });
  }
  const seen = new Set(diff.breaking.map((c) => c.description));
  review.stale = deliberate.filter((d) => !seen.has(d.change));
  return review;
}
