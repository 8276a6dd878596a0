import type { DeliveryAttempt, GroupCounters } from '../bus.js';
import { DEAD_LETTER_FIELD } from '../core/dead-letter-record.js';
import type { BusKeys } from '../core/keys.js';
import { counterOf, emptyGroupCounters, type BusMeta, type GroupState } from '../core/ports.js';
import type { MemoryStreamLog } from './log.js';

/** Stream registry and counters of the memory bus. */
export interface MemoryMeta extends BusMeta {
  /** The live counters of a group (the group state increments them). */
  groupCounters(stream: string, group: string): GroupCounters;
}

/** Creates the in-process stream registry and counters. */
export function createMemoryMeta(): MemoryMeta {
  const streams = new Set<string>();
  const published = new Map<string, number>();
  const groups = new Map<string, Map<string, GroupCounters>>();
  const groupCounters = (stream: string, group: string) => {
    const byGroup = groups.get(stream) ?? new Map<string, GroupCounters>();
    groups.set(stream, byGroup);
    const counters = byGroup.get(group) ?? emptyGroupCounters();
    byGroup.set(group, counters);
    return counters;
  };
  return {
    async addStream(stream) {
      streams.add(stream);
    },
    async streams() {
      return [...streams];
    },
    async countPublished(stream) {
      published.set(stream, (published.get(stream) ?? 0) + 1);
    },
    async counters(stream) {
      const copy = new Map(
        [...(groups.get(stream) ?? new Map<string, GroupCounters>())].map(([g, c]) => [g, { ...c }]),
      );
      return { published: published.get(stream) ?? 0, groups: copy };
    },
    groupCounters,
  };
}

/** What the memory group state needs. */
export interface MemoryGroupStateDeps {
  log: MemoryStreamLog;
  meta: MemoryMeta;
  keys: BusKeys;
  stream: string;
  group: string;
  dedupeTtlMs: number;
  deadLetterMaxLen: number;
}

/** Per-group delivery state in process; every call runs synchronously between awaits, so each is atomic. */
export function createMemoryGroupState(deps: MemoryGroupStateDeps): GroupState {
  const { log, stream, group } = deps;
  const counters = deps.meta.groupCounters(stream, group);
  const done = new Map<string, number>(); // event id → expiry (ms)
  const sequences = new Map<string, number>();
  const blocked = new Map<string, string>();
  const held = new Map<string, Map<string, number>>();
  const attempts = new Map<string, DeliveryAttempt[]>();
  const due = new Map<string, { at: number; subject: string }>();

  const forgetExpired = (now: number) => {
    for (const [id, expiresAt] of done) if (expiresAt <= now) done.delete(id);
  };

  return {
    async inspect(ref, eventId, subject) {
      const expiresAt = done.get(eventId);
      return {
        processed: expiresAt !== undefined && expiresAt > Date.now(),
        lastSequence: sequences.get(subject) ?? null,
        blockedBy: blocked.get(subject) ?? null,
        attempts: [...(attempts.get(ref) ?? [])],
        dueAt: due.get(ref)?.at ?? null,
      };
    },
    async hold(ref, subject, score) {
      const holder = blocked.get(subject);
      if (holder === undefined || holder === ref) return false;
      const queue = held.get(subject) ?? new Map<string, number>();
      if (!queue.has(ref)) queue.set(ref, score);
      held.set(subject, queue);
      return true;
    },
    async retryLater(ref, subject, history, dueAt) {
      attempts.set(ref, [...history]);
      due.set(ref, { at: dueAt, subject });
      if (!blocked.has(subject)) blocked.set(subject, ref);
      counters.retried += 1;
    },
    async settle(s) {
      // Everything happens before the first await, so a settle is complete the moment it is called.
      const deadLettered = s.deadLetter
        ? log.append(deps.keys.dlq(stream), { [DEAD_LETTER_FIELD]: s.deadLetter }, { maxLen: deps.deadLetterMaxLen })
        : undefined;
      log.ack(s.key, group, [s.entryId]);
      attempts.delete(s.ref);
      due.delete(s.ref);
      held.get(s.subject)?.delete(s.ref);
      const now = Date.now();
      if (s.outcome === 'processed' && s.eventId) {
        if (done.size > 10_000) forgetExpired(now);
        done.set(s.eventId, now + deps.dedupeTtlMs);
      }
      if (s.sequence !== undefined && (sequences.get(s.subject) ?? -Infinity) < s.sequence)
        sequences.set(s.subject, s.sequence);
      const counter = counterOf(s.outcome);
      if (counter) counters[counter] += 1;
      if (s.replayed) counters.replayed += 1;
      if (s.subject && blocked.get(s.subject) === s.ref) {
        const queue = held.get(s.subject);
        const next = queue ? [...queue].sort((a, b) => a[1] - b[1])[0] : undefined;
        if (next) {
          queue!.delete(next[0]);
          blocked.set(s.subject, next[0]);
          due.set(next[0], { at: now, subject: s.subject });
        } else blocked.delete(s.subject);
      }
      await deadLettered;
    },
    async takeDue(now, count) {
      const ready = [...due]
        .filter(([, d]) => d.at <= now)
        .sort((a, b) => a[1].at - b[1].at)
        .slice(0, count);
      for (const [ref] of ready) due.delete(ref);
      return ready.map(([ref, d]) => ({ ref, subject: d.subject }));
    },
    async nextDueAt() {
      return due.size === 0 ? null : Math.min(...[...due.values()].map((d) => d.at));
    },
  };
}
