import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';

/**
 * The schema coordinates a document touches: `Type.field` for every selected field (on the type it is selected
 * on), `Type.field(arg:)` for every argument given, `Input.field` for input object fields written as literals and
 * `Enum.VALUE` for enum values written as literals. Values passed in variables are not seen (the document is
 * analysed once per hash, not per request). Sorted, without duplicates; `__typename` and introspection are left out.
 */
export function documentCoordinates(schema: GraphQLSchema, document: DocumentNode | string): string[] {
  const ast = typeof document === 'string' ? parse(document, { noLocation: true }) : document;
  const typeInfo = new TypeInfo(schema);
  const found = new Set<string>();
  visit(
    ast,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (!parent || parent.name.startsWith('__') || node.name.value.startsWith('__')) return;
        if (!typeInfo.getFieldDef()) return; // unknown field: validation reports it
        found.add(`${parent.name}.${node.name.value}`);
      },
      Argument(node) {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field || parent.name.startsWith('__') || !typeInfo.getArgument()) return;
        found.add(`${parent.name}.${field.name}(${node.name.value}:)`);
      },
      ObjectField(node) {
        const input = typeInfo.getParentInputType();
        const named = input ? getNamedType(input) : undefined;
        if (named && isInputObjectType(named) && named.getFields()[node.name.value])
          found.add(`${named.name}.${node.name.value}`);
      },
      EnumValue(node) {
        const input = typeInfo.getInputType();
        const named = input ? getNamedType(input) : undefined;
        if (named && isEnumType(named) && named.getValue(node.value)) found.add(`${named.name}.${node.value}`);
      },
    }),
  );
  return [...found].sort();
}

/** A deprecated schema element and, when its reason says "Remove after YYYY-MM-DD", that date. */
export interface DeprecatedElement {
  coordinate: string;
  reason: string;
  /** `YYYY-MM-DD` from "Remove after YYYY-MM-DD" in the reason; null when the reason names no date. */
  removeAfter: string | null;
}

/** "Remove after 2027-06-01" (case-insensitive) anywhere in a deprecation reason. */
export const REMOVE_AFTER = /Remove after (\d{4}-\d{2}-\d{2})\b/i;

/** The retirement date of a deprecation reason, or null when it names none (or an impossible date). */
export function removeAfterOf(reason: string): string | null {
  const match = REMOVE_AFTER.exec(reason);
  if (!match?.[1]) return null;
  const date = new Date(`${match[1]}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== match[1] ? null : match[1];
}

/** Every deprecated field, argument, input field and enum value of a schema, by coordinate. */
export function deprecatedElements(schema: GraphQLSchema): Map<string, DeprecatedElement> {
  const found = new Map<string, DeprecatedElement>();
  const add = (coordinate: string, reason: string | null | undefined) => {
    if (reason !== null && reason !== undefined)
      found.set(coordinate, { coordinate, reason, removeAfter: removeAfterOf(reason) });
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        add(`${type.name}.${field.name}`, field.deprecationReason);
        for (const arg of field.args) add(`${type.name}.${field.name}(${arg.name}:)`, arg.deprecationReason);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) add(`${type.name}.${field.name}`, field.deprecationReason);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) add(`${type.name}.${value.name}`, value.deprecationReason);
    }
  }
  return found;
}
