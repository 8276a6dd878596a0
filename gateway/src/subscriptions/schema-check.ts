import { getNamedType, isInputObjectType, isNonNullType, type GraphQLSchema } from 'graphql';
import { RESERVED_PAYLOAD_FIELDS, type SubscriptionManifest } from './manifest.js';

/**
 * Checks the manifest against the composed schemas at start-up and returns each field's hydration input type
 * (e.g. `InventoryChangeInput!`). Throws one error listing every mismatch, so a wrong manifest never starts.
 */
export function checkManifest(
  manifest: SubscriptionManifest,
  publicSchema: GraphQLSchema,
  hydrationSchema: GraphQLSchema,
): Map<string, string> {
  const problems: string[] = [];
  const inputTypes = new Map<string, string>();
  const subscriptionFields = publicSchema.getSubscriptionType()?.getFields() ?? {};
  const queryFields = hydrationSchema.getQueryType()?.getFields() ?? {};
  const publicQueryFields = publicSchema.getQueryType()?.getFields() ?? {};

  for (const [name, spec] of Object.entries(manifest.fields)) {
    const field = subscriptionFields[name];
    if (!field) {
      problems.push(`Subscription.${name} is not in the supergraph's API schema (add it to the owning subgraph)`);
      continue;
    }
    const args = new Set(field.args.map((a) => a.name));
    for (const arg of Object.keys(spec.filters))
      if (!args.has(arg)) problems.push(`Subscription.${name} has no argument "${arg}" named in its filters`);
    if (!args.has(manifest.resumeArgument))
      problems.push(`Subscription.${name} must take "${manifest.resumeArgument}: String" to resume`);
    const payloadType = getNamedType(field.type);
    const payloadFields = 'getFields' in payloadType ? payloadType.getFields() : {};
    for (const reserved of RESERVED_PAYLOAD_FIELDS)
      if (!(reserved in payloadFields))
        problems.push(`${payloadType.name} (payload of ${name}) must have a "${reserved}" field`);

    const hydration = queryFields[spec.hydration.field];
    if (!hydration) {
      problems.push(`Query.${spec.hydration.field} (hydration of ${name}) is not in the supergraph`);
      continue;
    }
    if (spec.hydration.field in publicQueryFields)
      problems.push(`Query.${spec.hydration.field} must be @inaccessible: clients should not call hydration fields`);
    if (getNamedType(hydration.type).name !== payloadType.name) {
      problems.push(
        `Query.${spec.hydration.field} returns ${getNamedType(hydration.type).name}, but Subscription.${name} returns ${payloadType.name}`,
      );
    }
    const input = hydration.args.find((a) => a.name === spec.hydration.argument);
    if (!input) problems.push(`Query.${spec.hydration.field} has no argument "${spec.hydration.argument}"`);
    else if (!isInputObjectType(isNonNullType(input.type) ? input.type.ofType : input.type))
      problems.push(`Query.${spec.hydration.field}(${input.name}:) must take an input object type`);
    else inputTypes.set(name, `${getNamedType(input.type).name}${isNonNullType(input.type) ? '!' : ''}`);
  }
  for (const name of Object.keys(subscriptionFields)) {
    if (!(name in manifest.fields))
      problems.push(`Subscription.${name} is not declared in the manifest (which stream and events feed it?)`);
  }
  if (problems.length > 0)
    throw new Error(`subscriptions.manifest.json does not match the supergraph:\n- ${problems.join('\n- ')}`);
  return inputTypes;
}
