import type { EventEnvelope } from '@fulfillment-mesh/events';
import type { SubscriptionFieldSpec } from './manifest.js';
import { compilePath, type EnvelopeGetter } from './payload.js';
import type { Subscriber } from './subscriber.js';

/** The subscribers of one field, indexed so that an event visits only those that can match it. */
export interface FieldRegistry<TIdentity> {
  add(subscriber: Subscriber<TIdentity>, args: Readonly<Record<string, unknown>>): void;
  delete(subscriber: Subscriber<TIdentity>): void;
  /** Subscribers worth running the full filter on for this event (disjoint sets; may be empty). */
  candidates(event: EventEnvelope): readonly ReadonlySet<Subscriber<TIdentity>>[];
  all(): Subscriber<TIdentity>[];
  readonly size: number;
}

/**
 * Indexes subscribers by their value(s) of the field's first `$.` filter (e.g. `skus` or `orderId`): 10k consoles
 * each watching one order cost a map lookup per event, not 10k filter calls. Subscribers that leave that argument
 * null are visited for every event; the full filter still decides in both cases.
 */
export function createFieldRegistry<TIdentity>(spec: Pick<SubscriptionFieldSpec, 'filters'>): FieldRegistry<TIdentity> {
  const indexed = Object.entries(spec.filters).find((entry): entry is [string, string] => typeof entry[1] === 'string');
  const indexArg = indexed?.[0];
  const get: EnvelopeGetter | undefined = indexed ? compilePath(indexed[1]) : undefined;
  const buckets = new Map<string, Set<Subscriber<TIdentity>>>();
  const wildcard = new Set<Subscriber<TIdentity>>();
  const keysOf = new Map<Subscriber<TIdentity>, readonly string[] | null>();
  const none: readonly ReadonlySet<Subscriber<TIdentity>>[] = [];

  return {
    add(subscriber, args) {
      const value = indexArg === undefined ? undefined : args[indexArg];
      if (value === undefined || value === null) {
        wildcard.add(subscriber);
        keysOf.set(subscriber, null);
        return;
      }
      // An empty list matches nothing: the subscriber sits in no bucket and is never visited.
      const keys = [...new Set((Array.isArray(value) ? value : [value]).map(String))];
      for (const key of keys) {
        let bucket = buckets.get(key);
        if (!bucket) buckets.set(key, (bucket = new Set()));
        bucket.add(subscriber);
      }
      keysOf.set(subscriber, keys);
    },
    delete(subscriber) {
      const keys = keysOf.get(subscriber);
      if (keys === undefined) return;
      keysOf.delete(subscriber);
      if (keys === null) return void wildcard.delete(subscriber);
      for (const key of keys) {
        const bucket = buckets.get(key);
        bucket?.delete(subscriber);
        if (bucket?.size === 0) buckets.delete(key);
      }
    },
    candidates(event) {
      const value = get?.(event);
      const bucket = value === undefined || value === null ? undefined : buckets.get(String(value));
      if (bucket) return wildcard.size > 0 ? [bucket, wildcard] : [bucket];
      return wildcard.size > 0 ? [wildcard] : none;
    },
    all: () => [...keysOf.keys()],
    get size() {
      return keysOf.size;
    },
  };
}
