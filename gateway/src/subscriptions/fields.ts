import type { EventEnvelope } from '@fulfillment-mesh/events';
import { compileFilters, type CustomFilter, type MatcherFactory, type TenantOf } from './filters.js';
import type { SubscriptionFieldSpec, SubscriptionManifest } from './manifest.js';
import { compilePayload } from './payload.js';

/** A manifest entry compiled for the hot path. */
export interface FieldRuntime<TIdentity> {
  readonly name: string;
  readonly spec: SubscriptionFieldSpec;
  /** Event types that feed the field. */
  readonly types: ReadonlySet<string>;
  readonly matcherFor: MatcherFactory<TIdentity>;
  /** The payload root of one event: the manifest's template plus `cursor` (entry id) and `eventId`. */
  rootOf(event: EventEnvelope, entryId: string): Record<string, unknown>;
}

/** Compiles every field of the manifest; throws on a custom filter nobody supplied. */
export function compileFields<TIdentity>(
  manifest: SubscriptionManifest,
  filters: Readonly<Record<string, CustomFilter<TIdentity>>>,
  tenantOf?: TenantOf<TIdentity>,
): Map<string, FieldRuntime<TIdentity>> {
  const fields = new Map<string, FieldRuntime<TIdentity>>();
  for (const [name, spec] of Object.entries(manifest.fields)) {
    const payloadFor = compilePayload(spec);
    fields.set(name, {
      name,
      spec,
      types: new Set(spec.events),
      matcherFor: compileFilters(name, spec, filters, tenantOf),
      rootOf: (event, entryId) => ({ ...payloadFor(event.type)(event), cursor: entryId, eventId: event.id }),
    });
  }
  return fields;
}
