import type { EventEnvelope } from '@fulfillment-mesh/events';
import type { SubscriptionFieldSpec } from './manifest.js';
import { compilePath, type EnvelopeGetter } from './payload.js';

/**
 * A filter the manifest names as `{ "custom": name }` and the composition root supplies: receives the client's
 * (coerced, non-null) argument value, the event and the subscriber's identity; must be cheap and synchronous,
 * since it runs for every event of the stream and every subscriber before any resolution work.
 */
export type CustomFilter<TIdentity = unknown> = (
  value: unknown,
  event: EventEnvelope,
  identity: TIdentity | null,
) => boolean;

/** Decides whether an event reaches one subscriber. */
export type EventMatcher = (event: EventEnvelope) => boolean;

/** Turns one subscriber's arguments into its matcher. */
export type MatcherFactory<TIdentity> = (
  args: Readonly<Record<string, unknown>>,
  identity: TIdentity | null,
) => EventMatcher;

type Check = (event: EventEnvelope) => boolean;

/** The tenant (customer id) a subscriber is confined to, or null when it may see every owner's events. */
export type TenantOf<TIdentity> = (identity: TIdentity | null) => string | null;

/**
 * Compiles a field's filters at start-up; throws when the manifest names a custom filter nobody supplied. With an
 * `owner` path and a confined subscriber (`tenantOf`), the owner check is one more filter, so it holds for live
 * events and replayed history alike, before any hydration.
 */
export function compileFilters<TIdentity>(
  fieldName: string,
  spec: Pick<SubscriptionFieldSpec, 'filters' | 'owner'>,
  custom: Readonly<Record<string, CustomFilter<TIdentity>>>,
  tenantOf: TenantOf<TIdentity> = () => null,
): MatcherFactory<TIdentity> {
  const ownerOf = spec.owner ? compilePath(spec.owner) : null;
  const compiled = Object.entries(spec.filters).map(([arg, filter]) => {
    if (typeof filter === 'string') return { arg, kind: 'path' as const, get: compilePath(filter) };
    const fn = custom[filter.custom];
    if (!fn)
      throw new Error(
        `subscription field ${fieldName}: argument "${arg}" uses the custom filter "${filter.custom}", which was not supplied (options.filters)`,
      );
    return { arg, kind: 'custom' as const, fn };
  });

  return (args, identity) => {
    const checks: Check[] = [];
    const tenant = ownerOf ? tenantOf(identity) : null;
    if (ownerOf && tenant !== null) checks.push(equalityCheck(ownerOf, tenant));
    for (const filter of compiled) {
      const value = args[filter.arg];
      if (value === undefined || value === null) continue;
      if (filter.kind === 'custom') checks.push((event) => filter.fn(value, event, identity));
      else checks.push(equalityCheck(filter.get, value));
    }
    if (checks.length === 0) return () => true;
    if (checks.length === 1) return checks[0]!;
    return (event) => checks.every((check) => check(event));
  };
}

// Values are compared as strings: IDs arrive as strings from clients but may be numbers in event data.
function equalityCheck(get: EnvelopeGetter, value: unknown): Check {
  if (Array.isArray(value)) {
    const accepted = new Set(value.map(String));
    return (event) => {
      const actual = get(event);
      return actual !== undefined && actual !== null && accepted.has(String(actual));
    };
  }
  const expected = String(value);
  return (event) => {
    const actual = get(event);
    return actual !== undefined && actual !== null && String(actual) === expected;
  };
}
