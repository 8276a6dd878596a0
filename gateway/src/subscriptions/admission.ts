import { clientErrorOf, type Logger } from '@fulfillment-mesh/runtime';
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import { ENTRY_ID_PATTERN } from './entry-id.js';
import type { SubscriptionManifest } from './manifest.js';
import { prepareSubscription, type PreparedSubscription } from './operation.js';

/**
 * Decides at subscribe time whether `identity` may subscribe to `field` with `args` (e.g. the field's read scope);
 * throw a DomainError FORBIDDEN (or an error with `extensions.code`) to refuse with its message. Each event is still
 * authorized when it is hydrated: this only turns "you will never see anything" into an immediate answer.
 */
export type AuthorizeSubscription<TIdentity> = (input: {
  identity: TIdentity | null;
  field: string;
  args: Readonly<Record<string, unknown>>;
}) => void | Promise<void>;

/** What {@link admitSubscription} needs. */
export interface AdmissionDeps<TIdentity> {
  schema: GraphQLSchema;
  manifest: SubscriptionManifest;
  inputTypes: ReadonlyMap<string, string>;
  authorize?: AuthorizeSubscription<TIdentity> | undefined;
  logger: Logger;
}

/** An admitted subscription: the prepared operation and its resume cursor (null: live only). */
export interface Admitted {
  prepared: PreparedSubscription;
  after: string | null;
}

/** Prepares a subscription, checks its cursor and asks `authorize`; GraphQL errors say why it was refused. */
export async function admitSubscription<TIdentity>(
  deps: AdmissionDeps<TIdentity>,
  request: {
    document: DocumentNode;
    operationName?: string | null | undefined;
    variableValues?: Readonly<Record<string, unknown>> | null | undefined;
    identity: TIdentity | null;
  },
): Promise<Admitted | GraphQLError[]> {
  const prepared = prepareSubscription({
    schema: deps.schema,
    fields: deps.manifest.fields,
    inputTypes: deps.inputTypes,
    ...request,
  });
  if (Array.isArray(prepared)) return prepared;
  const resume = deps.manifest.resumeArgument;
  const after = prepared.args[resume] ?? null;
  if (after !== null && (typeof after !== 'string' || !ENTRY_ID_PATTERN.test(after))) {
    const message = `Invalid ${resume}: expected the cursor of a payload you received (e.g. 1700000000000-0), received ${JSON.stringify(after)}`;
    return [new GraphQLError(message, { extensions: { code: 'INVALID_INPUT', field: resume } })];
  }
  try {
    await deps.authorize?.({ identity: request.identity, field: prepared.fieldName, args: prepared.args });
  } catch (error) {
    const refusal = clientErrorOf(error);
    if (refusal) return [new GraphQLError(refusal.message, { extensions: { code: refusal.code } })];
    deps.logger.error({ err: error, field: prepared.fieldName }, 'subscription authorization failed');
    return [new GraphQLError('Internal server error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })];
  }
  return { prepared, after };
}
