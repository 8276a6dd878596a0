import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { cleanInput, hygieneLimits, type HygieneLimits } from './input.js';

// Federation's own fields: representations come from the gateway's query plan, not from a caller.
const FEDERATION_FIELDS = new Set(['_entities', '_service']);

/**
 * Applies {@link cleanInput} to the arguments of every root field (queries, mutations, subscriptions) before its
 * resolver runs: strings arrive trimmed, and a control or bidi override character, an over-long text or an
 * out-of-range quantity is INVALID_INPUT naming the argument path (`input.lines[0].quantity`). Wraps in place.
 */
export function guardInputs(schema: GraphQLSchema, limits: HygieneLimits = hygieneLimits()): GraphQLSchema {
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      if (FEDERATION_FIELDS.has(field.name) || field.args.length === 0) continue;
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => resolve(source, cleanInput(args, '', limits), context, info);
      if (field.subscribe) {
        const subscribe = field.subscribe;
        field.subscribe = (source, args, context, info) =>
          subscribe(source, cleanInput(args, '', limits), context, info);
      }
    }
  }
  return schema;
}
