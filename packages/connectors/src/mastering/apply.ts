import {
  DuplicateKeyError,
  invalidInput,
  notFound,
  type Collection,
  type Doc,
  type Filter,
  type Provenance,
  type ProvenanceMap,
  type Update,
} from '@fulfillment-mesh/runtime';
import { withEvents, type EventEnvelope } from '@fulfillment-mesh/events';
import type { ConflictLog, ConflictRecord } from './conflicts.js';
import { decide, type MasteringDecision } from './decide.js';
import type { MasteringContext, MasteringRules } from './rules.js';

/** What {@link applyMastered} writes. */
export interface ApplyMasteredInput {
  /** The document's `_id`. */
  id: string;
  fieldGroup: string;
  /** Field paths to set (e.g. `{ price: {...} }` or `{ 'quantities.onHand': 12 }`). */
  set?: Record<string, unknown>;
  /** Field paths to increment, for sources that send deltas with a sequence. */
  inc?: Record<string, number>;
  /** Source, source version, observed-at and adapter run of this write; stored as `provenance.<fieldGroup>`. */
  incoming: Provenance;
  rules: MasteringRules;
  context?: MasteringContext;
  conflicts: ConflictLog;
  /** Fields of a new document when none exists yet; without it a missing document is NOT_FOUND. */
  insert?: Record<string, unknown>;
  /** Events written in the same atomic update (outbox), only when the write applies. */
  events?: readonly EventEnvelope[];
  /** Re-reads after losing a race to a concurrent write; default 5. */
  maxAttempts?: number;
}

/** The outcome of {@link applyMastered}. */
export type ApplyMasteredResult<T> =
  | { applied: true; decision: Extract<MasteringDecision, { outcome: 'apply' }>; document: T }
  | { applied: false; decision: Extract<MasteringDecision, { outcome: 'refuse' }>; conflict: ConflictRecord };

type Mastered = Doc & { provenance?: ProvenanceMap };

/**
 * Applies a mastered write: reads the field group's provenance, {@link decide}s, and writes with a filter that
 * requires the provenance it decided on to be unchanged. Two concurrent writes therefore cannot both apply out
 * of order: the loser re-reads and decides again against what the winner applied (usually `stale`). A refused
 * write changes nothing in the document and is recorded in the conflict log.
 */
export async function applyMastered<T extends Mastered>(
  collection: Collection<T>,
  input: ApplyMasteredInput,
): Promise<ApplyMasteredResult<T>> {
  const { id, fieldGroup, incoming } = input;
  const set = input.set ?? {};
  const inc = input.inc ?? {};
  for (const path of [...Object.keys(set), ...Object.keys(inc)]) {
    if (path === '_id' || path === 'provenance' || path.startsWith('provenance.')) {
      throw invalidInput(`set.${path}`, 'a field outside _id and provenance', path);
    }
  }
  const provenancePath = `provenance.${fieldGroup}`;
  const maxAttempts = input.maxAttempts ?? 5;

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const doc = await collection.findOne({ _id: id });
    if (!doc && !input.insert) throw notFound(collection.name, id);
    const current = doc?.provenance?.[fieldGroup] ?? null;
    const decision = decide(input.rules, { fieldGroup, context: input.context ?? {}, incoming, current });
    if (decision.outcome === 'refuse') {
      const conflict = await input.conflicts.record({
        entity: collection.name,
        entityId: id,
        fieldGroup,
        incoming,
        current,
        code: decision.code,
        reason: decision.reason,
        context: input.context ?? {},
      });
      return { applied: false, decision, conflict };
    }

    const guard: Filter = current
      ? {
          [`${provenancePath}.source`]: current.source,
          [`${provenancePath}.sourceVersion`]: current.sourceVersion,
          [`${provenancePath}.observedAt`]: current.observedAt,
        }
      : { [provenancePath]: { $exists: false } };
    let update: Update = { $set: { ...set, [provenancePath]: incoming } };
    if (Object.keys(inc).length > 0) update.$inc = inc;
    const onInsert = !doc && input.insert ? insertFields(input.insert, [...Object.keys(set), ...Object.keys(inc)]) : {};
    if (Object.keys(onInsert).length > 0) update.$setOnInsert = onInsert;
    if (input.events?.length) update = withEvents(update, input.events);

    try {
      const written = await collection.findOneAndUpdate({ _id: id, ...guard }, update, { upsert: !doc });
      if (written) return { applied: true, decision, document: written };
    } catch (error) {
      // Upserting a document that a concurrent write created first: same as losing the race.
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
  }
  throw new Error(
    `applyMastered gave up on ${collection.name} "${id}" (${fieldGroup}) after ${maxAttempts} concurrent updates`,
  );
}

/** `insert` without the paths the update sets itself (MongoDB refuses overlapping $set and $setOnInsert). */
function insertFields(insert: Record<string, unknown>, written: string[]): Record<string, unknown> {
  const overlaps = (key: string) =>
    key === 'provenance' ||
    key === '_id' ||
    written.some((p) => p === key || p.startsWith(`${key}.`) || key.startsWith(`${p}.`));
  return Object.fromEntries(Object.entries(insert).filter(([key]) => !overlaps(key)));
}
