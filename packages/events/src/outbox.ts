import { DomainError, type Filter, type Update } from '@fulfillment-mesh/runtime';
import type { EventEnvelope } from './envelope.js';

/**
 * The transactional outbox, kept inside the changed document itself: one single-document atomic update writes
 * the domain change and appends its events, so an event exists exactly when its change does — no multi-document
 * transaction needed. The relay publishes the entries and pulls them from the front of the array.
 */
export interface OutboxFields {
  /** Events written, not yet published, oldest first. */
  outbox?: EventEnvelope[];
  /** How many events this document has ever appended (the per-subject sequence counter). */
  eventSeq?: number;
  /**
   * Set with every append (to the id of its first event), unset by the relay once the outbox is empty: an indexed
   * range, so finding pending documents costs what is pending, not a scan of the collection (NeDB cannot index
   * `outbox.0` existence). A value per append rather than `true` keeps each index key to one document, so
   * updating the flag never scans a long list of documents sharing one key.
   */
  outboxPending?: string;
}

/** Matches documents with unpublished events, through the `outboxPending` index (MongoDB and embedded alike). */
export const pendingOutboxFilter: Filter = { outboxPending: { $gt: '' } };

/** Matches documents with unpublished events by the outbox itself: a scan, for data written before the flag. */
export const unflaggedOutboxFilter: Filter = { 'outbox.0': { $exists: true } };

/**
 * Adds `events` to a domain update: `$push: { outbox: { $each: events } }`, `$inc: { eventSeq: n }` and
 * `$set: { outboxPending: <first event id> }`, merged with the update's own operators. Sequences are left out on purpose: the relay derives them from the
 * document it reads (see {@link outboxSequence}), which is race-free where a writer-side counter read is not.
 */
export function withEvents(update: Update, events: readonly EventEnvelope[]): Update {
  if (events.length === 0) return update;
  const push = update.$push ?? {};
  const inc = update.$inc ?? {};
  if ('outbox' in push) {
    throw new DomainError(
      'INVALID_INPUT',
      'Invalid update for withEvents: expected no $push to "outbox", received one',
    );
  }
  const previous = inc.eventSeq ?? 0;
  if (typeof previous !== 'number') {
    throw new DomainError(
      'INVALID_INPUT',
      `Invalid update for withEvents: expected a numeric $inc.eventSeq, received ${JSON.stringify(previous)}`,
    );
  }
  const entries = events.map(({ sequence: _assignedByRelay, ...event }) => event);
  return {
    ...update,
    $set: { ...(update.$set ?? {}), outboxPending: entries[0]!.id },
    $push: { ...push, outbox: { $each: entries } },
    $inc: { ...inc, eventSeq: previous + events.length },
  };
}

/**
 * The outbox fields of a new document carrying `events` (for inserts; updates use {@link withEvents}): the entries,
 * `eventSeq` and the `outboxPending` flag the relay finds pending documents by. A document inserted with an outbox
 * but no flag is found only by the relay's one scan at start, so its events would wait for the next restart.
 */
export function newOutbox(events: readonly EventEnvelope[]): Required<OutboxFields> | Record<string, never> {
  if (events.length === 0) return {};
  const outbox = events.map(({ sequence: _assignedByRelay, ...event }) => event);
  return { outbox, eventSeq: outbox.length, outboxPending: outbox[0]!.id };
}

/**
 * The sequence of outbox entry `index` of a document whose counter is `eventSeq` and whose outbox holds
 * `pending` entries: entries are appended in order and pulled only from the front, so the pending ones are the
 * last `pending` of `eventSeq` events.
 */
export function outboxSequence(eventSeq: number, pending: number, index: number): number {
  return eventSeq - pending + 1 + index;
}
