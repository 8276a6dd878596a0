import type { EventEnvelope } from './envelope.js';
import type { EventRegistry } from './registry.js';

/**
 * The event backbone's one interface, implemented on Redis Streams (`createRedisEventBus`) and in process
 * (`createMemoryEventBus`) with the same semantics. Delivery is at-least-once: the bus dedupes by event id
 * per consumer group and drops stale per-subject sequences, but a handler can still run twice for one event
 * (a crash after the handler's write and before the bus recorded it), so handlers must also be idempotent
 * at the domain level (e.g. conditional updates keyed by event id or entity version).
 */
export interface EventBus {
  readonly kind: 'redis' | 'memory';
  /**
   * Whether the backbone answers now. A Redis bus reconnects by itself: while it is down publishes fail at once
   * (the outbox keeps the events in their documents and drains them when it is back), consumers and tails pause
   * and resume; readiness probes report `redis` as down.
   */
  connected(): boolean;
  /** Appends an envelope to `stream` (one per domain: inventory, orders, shipments, catalog); returns its entry id. */
  publish(stream: string, envelope: EventEnvelope): Promise<string>;
  /** Starts one consumer of a consumer group; resolves once the group exists, so later publishes reach it. */
  consume(options: ConsumeOptions): Promise<Consumer>;
  /** Follows `streams` without a group (subscription fan-out); resolves when `signal` aborts. */
  tail(options: TailOptions): Promise<void>;
  /** Reads a range of a stream, oldest first. */
  read(stream: string, options?: ReadOptions): Promise<StreamRecord[]>;
  /** Length, backlog, pending, dead letters and counters of every stream this bus has seen. */
  health(): Promise<StreamHealth[]>;
  /** A page of a stream's dead letters (newest first unless `order: 'oldest'`). */
  deadLetters(stream: string, options?: DeadLetterQuery): Promise<DeadLetterPage>;
  /** Re-drives dead letters to the group that failed them (only that group sees them) and removes them. */
  replayDeadLetters(stream: string, ids: readonly string[]): Promise<ReplayResult>;
  /** Re-delivers a range of `stream` (entry ids or ISO times) to `group` only, bypassing its dedupe. */
  replayStream(stream: string, group: string, range: ReplayRange): Promise<ReplayResult>;
  /** Stops every consumer and tail of this bus and releases its connections. */
  close(): Promise<void>;
}

/** One failed handler run. */
export interface DeliveryAttempt {
  /** ISO time of the failure. */
  at: string;
  error: string;
}

/** Why a delivery was re-driven: a dead letter sent back, or an explicit range replay. */
export type ReplayKind = 'dead-letter' | 'range';

/** What a handler learns about the delivery besides the event. */
export interface DeliveryMeta {
  stream: string;
  group: string;
  consumer: string;
  /** The stream entry id of this delivery (a replay has its own entry id). */
  entryId: string;
  /** 1 for the first run, 2 for the first retry, … */
  attempt: number;
  previousAttempts: DeliveryAttempt[];
  /** Set on re-drives: the event may be older than what the group already applied. */
  replay?: ReplayKind;
}

/** Handles one event; throwing schedules a retry (and a dead letter after `maxAttempts`). */
export type EventHandler = (event: EventEnvelope, meta: DeliveryMeta) => Promise<void> | void;

/** Exponential backoff with full jitter: delay = random(0, min(maxMs, baseMs * 2^(attempt-1))). */
export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
}

/** Options of {@link EventBus.consume}. */
export interface ConsumeOptions {
  stream: string;
  /** The consumer group: every group gets every event once; consumers of a group share the work. */
  group: string;
  /** This consumer's name, unique within the group (e.g. hostname + pid). */
  consumer: string;
  /** Events the group understands; a followed event it cannot read goes straight to dead letters with the reason. */
  registry: EventRegistry;
  handler: EventHandler;
  /**
   * The event types this group handles; default every type. A domain stream carries all its domain's events, so
   * a group that needs a few of them says which: other types are acknowledged unread and counted as `skipped`.
   */
  follows?: (type: string) => boolean;
  /** Handler runs before an event is dead-lettered; default 5. */
  maxAttempts?: number;
  /** Retry delays; default baseMs = 200 // 0.2 seconds, maxMs = 30_000 // 30 seconds. */
  backoff?: BackoffOptions;
  /** Entries fetched per read; default 50. */
  batchSize?: number;
  /** Longest wait of one blocking read; default 2_000 // 2 seconds (also bounds how late stop() notices). */
  blockMs?: number;
  /** An entry left unacknowledged this long by a (crashed) consumer is claimed; default 30_000 // 30 seconds. Must exceed the slowest handler run. */
  claimIdleMs?: number;
  /** Where a new group starts: `$` only new events (default), `0` the whole retained stream. */
  startFrom?: '$' | '0';
  /** How long stop() waits for a running handler before abandoning it (its entry is redelivered); default 10_000 // 10 seconds. */
  shutdownTimeoutMs?: number;
}

/** A running consumer. */
export interface Consumer {
  readonly group: string;
  readonly name: string;
  /** Stops fetching, lets the current handler finish (up to shutdownTimeoutMs) and releases the connection. */
  stop(): Promise<void>;
}

/** Where a tail or a read is positioned in a stream. */
export interface StreamPosition {
  stream: string;
  /** Stream entry id; ids are `<milliseconds>-<n>`, so they order by publish time across streams. */
  entryId: string;
}

/** Options of {@link EventBus.tail}. */
export interface TailOptions {
  streams: readonly string[];
  /** Resume after this entry id (one for all streams, or per stream); default `$` (only new events). */
  fromId?: string | Readonly<Record<string, string>>;
  handler: (event: EventEnvelope, position: StreamPosition) => Promise<void> | void;
  signal: AbortSignal;
  /** Longest wait of one blocking read; default 5_000 // 5 seconds. */
  blockMs?: number;
  /** Called once the tail is positioned: every event published from then on will be seen. */
  onReady?: () => void;
}

/** Options of {@link EventBus.read}: a window given by entry id and/or ISO times. */
export interface ReadOptions {
  /** Start strictly after this entry id. */
  afterId?: string;
  fromTime?: string | Date;
  toTime?: string | Date;
  /** Default 100. */
  count?: number;
}

/** One stored event with its position. */
export interface StreamRecord extends StreamPosition {
  envelope: EventEnvelope;
}

/** Counters kept per consumer group (shared by every process of the group). */
export interface GroupCounters {
  processed: number;
  retried: number;
  deadLettered: number;
  /** Replayed deliveries the group handled successfully (they are also counted in `processed`). */
  replayed: number;
  stale: number;
  duplicate: number;
  /** Events of types the group does not follow, acknowledged unread. */
  skipped: number;
}

/** Stream counters: `published` plus the sum of its groups' counters. */
export interface EventCounters extends GroupCounters {
  published: number;
}

/** Health of one consumer group of a stream (its replay stream included). */
export interface GroupHealth {
  group: string;
  /** Entries not yet delivered to the group (lag). */
  backlog: number;
  /** Delivered, not yet acknowledged (running, waiting for a retry, or held behind a failing event). */
  pending: number;
  /** Age of the oldest pending entry, from its entry id; null when nothing is pending. */
  oldestPendingAgeMs: number | null;
  consumers: number;
  counters: GroupCounters;
}

/** Health of one stream. */
export interface StreamHealth {
  stream: string;
  length: number;
  lastEventTime: string | null;
  deadLetters: number;
  counters: EventCounters;
  groups: GroupHealth[];
}

/** One dead letter: the original envelope as stored, which group failed it, why, and every attempt. */
export interface DeadLetter {
  /** Dead-letter entry id (used to re-drive it). */
  id: string;
  stream: string;
  group: string;
  reason: string;
  lastError: string | null;
  attempts: DeliveryAttempt[];
  deadLetteredAt: string;
  /** Entry id of the failed delivery in the stream (or the group's replay stream). */
  originEntryId: string;
  /** The envelope exactly as it was stored (it may be malformed, which is why it is here). */
  envelope: string;
  eventId: string | null;
  eventType: string | null;
  subject: string | null;
}

/** Options of {@link EventBus.deadLetters}. */
export interface DeadLetterQuery {
  /** Page size; default 20. */
  first?: number;
  /** Continue after this dead-letter id (exclusive). */
  after?: string;
  /** Default `newest` first. */
  order?: 'newest' | 'oldest';
}

/** A page of dead letters. */
export interface DeadLetterPage {
  items: DeadLetter[];
  /** Pass as `after` for the next page; null on the last page. */
  next: string | null;
  total: number;
}

/** A range to replay: entry ids or ISO times, `to` defaulting to the end of the stream; both inclusive. */
export interface ReplayRange {
  from: string;
  to?: string;
}

/** What a replay re-delivered. */
export interface ReplayResult {
  stream: string;
  /** The groups that will see the re-delivered events. */
  groups: string[];
  replayed: number;
  /** Requested dead-letter ids that do not exist (already re-driven, or never existed). */
  missing: string[];
}
