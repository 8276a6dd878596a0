import type { DeliveryAttempt, GroupCounters } from '../bus.js';

/**
 * The two small ports every backend implements. The bus logic (consumer pipeline, replays, health) is written
 * once against them, which is what keeps the Redis and the memory bus semantically identical. The log port is
 * the subset of Redis Streams the bus uses, with Redis's meaning; the group-state port holds the per-group
 * delivery bookkeeping and must apply each call atomically (Redis: one Lua script or MULTI per call).
 */

/** One stream entry: an id `<ms>-<n>` and string fields. */
export interface LogEntry {
  id: string;
  fields: Record<string, string>;
}

/** An entry read from one of several streams. */
export interface KeyedEntry {
  key: string;
  entry: LogEntry;
}

/** A consumer group of one stream, as XINFO GROUPS reports it. */
export interface LogGroupInfo {
  name: string;
  consumers: number;
  pending: number;
  lastDeliveredId: string;
  /** Entries not yet delivered; null when the server cannot tell (after deletions). */
  lag: number | null;
}

/** Stream primitives with Redis semantics. Range bounds accept ids, `-`, `+` and `(id` (exclusive). */
export interface StreamLog {
  /** XADD with `*`; `minTime` (ms) trims entries with older ids (retention), `maxLen` caps the length (approximately). */
  append(key: string, fields: Record<string, string>, trim?: { minTime?: number; maxLen?: number }): Promise<string>;
  /**
   * Appends unless `marker` exists, atomically, and records the entry id under `marker` for `ttlMs`: returns the
   * id of the first append of that marker. A publish retried after its reply was lost (Redis killed right after
   * XADD) does not append the event twice. Backends that cannot lose a reply may leave it out (append is used).
   */
  appendOnce?(
    key: string,
    marker: { key: string; ttlMs: number },
    fields: Record<string, string>,
    trim?: { minTime?: number },
  ): Promise<string>;
  range(key: string, start: string, end: string, count?: number): Promise<LogEntry[]>;
  revRange(key: string, end: string, start: string, count?: number): Promise<LogEntry[]>;
  remove(key: string, ids: readonly string[]): Promise<number>;
  length(key: string): Promise<number>;
  /** The last id ever generated in the stream (survives trimming); `0-0` when the stream does not exist. */
  lastId(key: string): Promise<string>;
  /** Creates the group (and the stream) unless it exists. */
  createGroup(key: string, group: string, startId: string): Promise<void>;
  groups(key: string): Promise<LogGroupInfo[]>;
  pending(key: string, group: string): Promise<{ count: number; oldestId: string | null }>;
  /** XAUTOCLAIM: takes over entries pending longer than `minIdleMs`, scanning from `cursor`. */
  autoClaim(
    key: string,
    group: string,
    consumer: string,
    minIdleMs: number,
    cursor: string,
    count: number,
  ): Promise<{ cursor: string; entries: LogEntry[] }>;
  /** XCLAIM of one entry regardless of idle time; null when it is no longer pending or no longer exists. */
  claim(key: string, group: string, consumer: string, id: string): Promise<LogEntry | null>;
  /** A reader on its own connection, for blocking reads. */
  openReader(): Promise<BlockingReader>;
}

/** Blocking reads; `close()` interrupts a read in progress (it then resolves empty or rejects). */
export interface BlockingReader {
  /**
   * XREADGROUP over `keys`: new entries (`>`), or with `history` this consumer's own pending entries (id `0`),
   * which is how a restarted consumer picks up what it had fetched before. `blockMs` 0 means do not block.
   */
  readGroup(
    group: string,
    consumer: string,
    keys: readonly string[],
    options: { count: number; blockMs: number; history?: boolean },
  ): Promise<KeyedEntry[]>;
  /** XREAD after the given ids. */
  read(
    positions: ReadonlyArray<{ key: string; id: string }>,
    options: { count: number; blockMs: number },
  ): Promise<KeyedEntry[]>;
  close(): Promise<void>;
}

/** What the pipeline needs to know about a delivery before running the handler. */
export interface Inspection {
  /** The group already processed this event id (within the dedupe window). */
  processed: boolean;
  /** Highest sequence the group applied for the subject. */
  lastSequence: number | null;
  /** The delivery currently holding the subject (a failing event waiting for its retry), if any. */
  blockedBy: string | null;
  attempts: DeliveryAttempt[];
  /** When a retry of this delivery is scheduled, if one is. */
  dueAt: number | null;
}

/** How a delivery ends; every outcome acknowledges the entry, counts it and frees the subject if it held it. */
export interface Settlement {
  ref: string;
  /** Stream key and entry id to acknowledge. */
  key: string;
  entryId: string;
  /** Empty when the envelope could not even be parsed. */
  subject: string;
  outcome: 'processed' | 'stale' | 'duplicate' | 'skipped' | 'dead-lettered' | 'dropped';
  /** Records the event id as processed (outcome `processed`). */
  eventId?: string;
  /** Raises the subject's last applied sequence (outcome `processed`). */
  sequence?: number;
  /** Also counts a replayed delivery (outcome `processed`). */
  replayed?: boolean;
  /** The dead-letter record (JSON) appended to the stream's DLQ (outcome `dead-lettered`). */
  deadLetter?: string;
}

/** Per-(stream, group) delivery bookkeeping. */
export interface GroupState {
  inspect(ref: string, eventId: string, subject: string): Promise<Inspection>;
  /** Parks a delivery behind the one holding its subject, ordered by `score`; false when nothing holds it (any more). */
  hold(ref: string, subject: string, score: number): Promise<boolean>;
  /** Records a failed attempt, schedules the retry at `dueAt` and makes this delivery hold its subject. */
  retryLater(ref: string, subject: string, attempts: readonly DeliveryAttempt[], dueAt: number): Promise<void>;
  settle(settlement: Settlement): Promise<void>;
  /** Removes up to `count` retries due at `now` and returns those this caller won (each goes to one consumer). */
  takeDue(now: number, count: number): Promise<Array<{ ref: string; subject: string }>>;
  nextDueAt(): Promise<number | null>;
}

/** Stream registry and counters. */
export interface BusMeta {
  addStream(stream: string): Promise<void>;
  streams(): Promise<string[]>;
  countPublished(stream: string): Promise<void>;
  /** `published` and each group's counters. */
  counters(stream: string): Promise<{ published: number; groups: Map<string, GroupCounters> }>;
}

/** A complete backend: what `createEventBus` composes into an {@link EventBus}. */
export interface BusBackend {
  readonly kind: 'redis' | 'memory';
  readonly log: StreamLog;
  readonly meta: BusMeta;
  groupState(stream: string, group: string): GroupState;
  /** Whether the backend answers now (Redis connected); false while it reconnects. */
  connected(): boolean;
  close(): Promise<void>;
}

/** The counter names of a group, in display order. */
export const GROUP_COUNTERS = [
  'processed',
  'retried',
  'deadLettered',
  'replayed',
  'stale',
  'duplicate',
  'skipped',
] as const;

/** A zeroed set of group counters. */
export function emptyGroupCounters(): GroupCounters {
  return { processed: 0, retried: 0, deadLettered: 0, replayed: 0, stale: 0, duplicate: 0, skipped: 0 };
}

/** The counter a settlement outcome increments (`dropped` counts nothing). */
export function counterOf(outcome: Settlement['outcome']): keyof GroupCounters | null {
  switch (outcome) {
    case 'processed':
      return 'processed';
    case 'stale':
      return 'stale';
    case 'duplicate':
      return 'duplicate';
    case 'skipped':
      return 'skipped';
    case 'dead-lettered':
      return 'deadLettered';
    case 'dropped':
      return null;
  }
}
