import type { EventEnvelope } from '@fulfillment-mesh/events';
import { LRUCache } from 'lru-cache';

/** Options of {@link createEntityCache}; every bound has a default that states its unit. */
export interface EntityCacheOptions {
  /** Entries kept before the least recently used goes; default 20_000 entries. */
  maxEntries?: number;
  /** JSON bytes kept before the least recently used goes; default 64 MiB. */
  maxBytes?: number;
  /**
   * Freshness bound per selected field name, for changes whose event is late or never comes (a TTL expiry seen
   * only at the next read); an entry lives as long as the shortest bound of the fields it holds.
   */
  fieldMaxAgeMs?: Readonly<Record<string, number>>;
  /** Bound of fields not named in `fieldMaxAgeMs`; default 60_000 // 1 minute. */
  defaultMaxAgeMs?: number;
  /** Streams whose events change cached entities; default catalog and inventory. */
  streams?: readonly string[];
  now?: () => number;
}

/** Default freshness bounds: stock moves often (the events carry it), content rarely. */
export const DEFAULT_FIELD_MAX_AGE_MS: Readonly<Record<string, number>> = {
  availability: 10_000, // 10 seconds
  positions: 10_000, // 10 seconds
  price: 60_000, // 1 minute
  status: 60_000, // 1 minute
  unitOfMeasure: 60_000, // 1 minute
  name: 300_000, // 5 minutes
  description: 300_000, // 5 minutes
  brand: 300_000, // 5 minutes
  category: 300_000, // 5 minutes
  attributes: 300_000, // 5 minutes
};

/** One cached subgraph response. */
export interface CachedEntry {
  /** The response as JSON: every hit parses its own copy. */
  text: string;
  storedAt: number;
  expiresAt: number;
}

/** What operators see (`GET /admin/cache`, `/metrics`). */
export interface EntityCacheStats {
  /** False while the event tail is not positioned: every read bypasses the cache. */
  serving: boolean;
  entries: number;
  bytes: number;
  maxEntries: number;
  maxBytes: number;
  hits: number;
  misses: number;
  bypassed: number;
  stores: number;
  /** Responses not stored because an event for one of their entities arrived while they were in flight. */
  racedStores: number;
  /** Events seen on the cached streams, entries they evicted, and full flushes (events naming no entity, tail gaps). */
  events: number;
  evictedByEvents: number;
  /** Entries evicted because a mutation through this gateway named their product (read-your-writes). */
  evictedByWrites: number;
  flushes: number;
  /** Entries the LRU bound pushed out. */
  evictedBySize: number;
  /** Commit (event time) to eviction, over the last 1,024 evicting events. */
  invalidationMs: { count: number; p50: number; p99: number; max: number };
}

/** The gateway's event-invalidated cache of public entity fetches. */
export interface EntityCache {
  /** True when reads may be served from and stored into the cache (the tail is positioned). */
  serving(): boolean;
  /** A fresh entry or undefined (a miss is counted). */
  lookup(key: string): CachedEntry | undefined;
  /** Counts a read that skipped the cache because the tail is down. */
  bypass(): void;
  /** The invalidation epoch: take it before fetching, hand it to {@link EntityCache.store}. */
  epoch(): number;
  /** How long an entry holding these fields may live (the shortest field bound). */
  maxAgeFor(fields: Iterable<string>): number;
  /** Stores unless an entity in `tags` (or everything) was invalidated since `epoch`; false when it did not. */
  store(key: string, text: string, tags: readonly string[], fields: Iterable<string>, epoch: number): boolean;
  /** Evicts the products named anywhere in a mutation's variables and result (everything when none is named). */
  evictWritten(values: unknown): void;
  /** Evicts what the event changes (every entry when the event names no entity). */
  onEvent(event: EventEnvelope, stream: string): void;
  /** The tail went away or came back: both flush (events in the gap may be missing), the first stops serving. */
  onTailState(ready: boolean): void;
  stats(): EntityCacheStats;
  readonly streams: readonly string[];
}

/** The tag of a product: what catalog and inventory events and cached fetches meet on. */
export const productTag = (sku: string) => `Product:${sku}`;

/**
 * An LRU of subgraph responses, tagged with the products they contain. Events evict by tag; an epoch per tag
 * (bumped on eviction) keeps a fetch that started before an event from storing the old value after it.
 */
export function createEntityCache(options: EntityCacheOptions = {}): EntityCache {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 20_000; // entries
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024; // 64 MiB
  const fieldMaxAge = options.fieldMaxAgeMs ?? DEFAULT_FIELD_MAX_AGE_MS;
  const defaultMaxAge = options.defaultMaxAgeMs ?? 60_000; // 1 minute
  const streams = options.streams ?? ['catalog', 'inventory'];
  const byTag = new Map<string, Set<string>>();
  const tagsOf = new Map<string, readonly string[]>();
  let evictingForEvent = false;
  const counters = {
    hits: 0,
    misses: 0,
    bypassed: 0,
    stores: 0,
    racedStores: 0,
    events: 0,
    evictedByEvents: 0,
    evictedByWrites: 0,
    flushes: 0,
    evictedBySize: 0,
  };
  const entries = new LRUCache<string, CachedEntry>({
    max: maxEntries,
    maxSize: maxBytes,
    sizeCalculation: (entry, key) => entry.text.length + key.length,
    dispose: (_entry, key, reason) => {
      if (reason === 'evict' && !evictingForEvent) counters.evictedBySize++;
      for (const tag of tagsOf.get(key) ?? []) {
        const keys = byTag.get(tag);
        keys?.delete(key);
        if (keys?.size === 0) byTag.delete(tag);
      }
      tagsOf.delete(key);
    },
  });
  // Epoch bookkeeping: a counter bumped by every invalidation; per tag the epoch of its last one. The per-tag map
  // is bounded too; `forgottenUpTo` stands in for the tags it dropped (treated as invalidated then).
  let epoch = 0;
  let flushedAt = 0;
  let forgottenUpTo = 0;
  const tagEpochs = new LRUCache<string, number>({
    max: 200_000,
    dispose: (value) => void (forgottenUpTo = Math.max(forgottenUpTo, value)),
  });
  let tailReady = false;
  const latencies: number[] = [];

  function maxAgeFor(fields: Iterable<string>): number {
    let maxAge = Infinity;
    for (const field of fields) maxAge = Math.min(maxAge, fieldMaxAge[field] ?? defaultMaxAge);
    return Number.isFinite(maxAge) ? maxAge : defaultMaxAge;
  }

  /** Evicts the entries of these products and bumps their epochs (no fetch in flight may store them after). */
  function evict(skus: Set<string>): number {
    epoch++;
    let evicted = 0;
    evictingForEvent = true;
    for (const sku of skus) {
      const tag = productTag(sku);
      tagEpochs.set(tag, epoch);
      for (const key of [...(byTag.get(tag) ?? [])]) if (entries.delete(key)) evicted++;
    }
    evictingForEvent = false;
    return evicted;
  }

  function flush() {
    epoch++;
    flushedAt = epoch;
    counters.flushes++;
    evictingForEvent = true;
    entries.clear();
    evictingForEvent = false;
  }

  return {
    streams,
    serving: () => tailReady,
    lookup(key) {
      const entry = entries.get(key);
      if (entry && entry.expiresAt > now()) {
        counters.hits++;
        return entry;
      }
      counters.misses++;
      return undefined;
    },
    bypass: () => void counters.bypassed++,
    epoch: () => epoch,
    maxAgeFor,
    store(key, text, tags, fields, startedAt) {
      if (!tailReady) return false;
      if (flushedAt > startedAt || tags.some((tag) => (tagEpochs.get(tag) ?? forgottenUpTo) > startedAt)) {
        counters.racedStores++;
        return false;
      }
      const maxAge = maxAgeFor(fields);
      const storedAt = now();
      entries.set(key, { text, storedAt, expiresAt: storedAt + maxAge }, { ttl: maxAge });
      if (!entries.has(key)) return false; // larger than the whole cache
      tagsOf.set(key, tags);
      for (const tag of tags) {
        let keys = byTag.get(tag);
        if (!keys) byTag.set(tag, (keys = new Set()));
        keys.add(key);
      }
      counters.stores++;
      return true;
    },
    evictWritten(values) {
      const skus = skusOf(values);
      if (skus.size === 0) return flush();
      counters.evictedByWrites += evict(skus);
    },
    onEvent(event, stream) {
      if (!streams.includes(stream)) return;
      counters.events++;
      const skus = skusOf(event.data);
      if (skus.size === 0) return flush();
      counters.evictedByEvents += evict(skus);
      const committed = Date.parse(event.time);
      if (Number.isFinite(committed)) {
        latencies.push(Math.max(0, now() - committed));
        if (latencies.length > 1_024) latencies.shift();
      }
    },
    onTailState(ready) {
      flush();
      tailReady = ready;
    },
    stats() {
      const sorted = [...latencies].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
      return {
        serving: tailReady,
        entries: entries.size,
        bytes: entries.calculatedSize,
        maxEntries,
        maxBytes,
        ...counters,
        invalidationMs: { count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? 0 },
      };
    },
  };
}

/** Every `sku` string in an event's data (ledger entries, reservation lines, product updates). */
function skusOf(data: unknown, found = new Set<string>(), depth = 0): Set<string> {
  if (depth > 6 || data === null || typeof data !== 'object') return found;
  if (Array.isArray(data)) {
    for (const item of data) skusOf(item, found, depth + 1);
    return found;
  }
  for (const [key, value] of Object.entries(data)) {
    if (key === 'sku' && typeof value === 'string') found.add(value);
    else if (typeof value === 'object') skusOf(value, found, depth + 1);
  }
  return found;
}
