import type { BlockingReader, KeyedEntry, LogEntry, LogGroupInfo, StreamLog } from '../core/ports.js';
import { boundTest, compareIds, formatId, parseId, type EntryId } from './ids.js';

interface PendingEntry {
  consumer: string;
  deliveredAt: number;
}

interface Group {
  lastDelivered: EntryId;
  /** The PEL: entry id → owner, in delivery order. */
  pending: Map<string, PendingEntry>;
  consumers: Set<string>;
}

interface Stream {
  entries: LogEntry[];
  last: EntryId;
  groups: Map<string, Group>;
}

/** The in-process stream log: the {@link StreamLog} port plus `ack`, which the memory group state uses. */
export interface MemoryStreamLog extends StreamLog {
  ack(key: string, group: string, ids: readonly string[]): void;
  /** Wakes every blocked reader (used when the bus closes). */
  wakeAll(): void;
}

/** Creates an empty in-process stream log that mirrors the Redis Streams commands the bus uses. */
export function createMemoryStreamLog(): MemoryStreamLog {
  const streams = new Map<string, Stream>();
  const waiters = new Set<() => void>();

  const stream = (key: string) => {
    let s = streams.get(key);
    if (!s) streams.set(key, (s = { entries: [], last: { ms: 0, seq: 0 }, groups: new Map() }));
    return s;
  };
  const groupOf = (key: string, name: string): Group => {
    const group = streams.get(key)?.groups.get(name);
    if (!group) throw new Error(`NOGROUP No such key '${key}' or consumer group '${name}'`);
    return group;
  };
  // Entries are in id order, so every lookup is a binary search: a long stream costs nothing per read or append.
  const select = (key: string, start: string, end: string) => {
    const entries = streams.get(key)?.entries ?? [];
    const from = boundTest(start, 'start');
    const to = boundTest(end, 'end');
    return entries.slice(
      firstWhere(entries, (id) => from(id)),
      firstWhere(entries, (id) => !to(id)),
    );
  };
  const after = (entries: LogEntry[], id: EntryId) => firstWhere(entries, (e) => compareIds(e, id) > 0);
  const copy = (e: LogEntry): LogEntry => ({ id: e.id, fields: { ...e.fields } });
  const entryOf = (key: string, id: string) => {
    const entries = streams.get(key)?.entries ?? [];
    const wanted = parseId(id);
    const entry = entries[firstWhere(entries, (e) => compareIds(e, wanted) >= 0)];
    return entry?.id === id ? entry : undefined;
  };
  const wakeAll = () => {
    for (const wake of [...waiters]) wake();
  };

  const wait = (ms: number, closed: () => boolean) =>
    new Promise<void>((resolve) => {
      if (ms <= 0 || closed()) return resolve();
      const done = () => {
        clearTimeout(timer);
        waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waiters.add(done);
    });

  // Mirrors the Redis markers of appendOnce (expired ones are only skipped: a memory bus lives as long as a test).
  const markers = new Map<string, { id: string; expiresAt: number }>();
  const log: MemoryStreamLog = {
    async append(key, fields, trim = {}) {
      const s = stream(key);
      const now = Date.now();
      s.last = now > s.last.ms ? { ms: now, seq: 0 } : { ms: s.last.ms, seq: s.last.seq + 1 };
      const id = formatId(s.last);
      s.entries.push({ id, fields: { ...fields } });
      if (trim.minTime !== undefined) {
        const expired = firstWhere(s.entries, (e) => e.ms >= trim.minTime!);
        if (expired > 0) s.entries.splice(0, expired);
      }
      if (trim.maxLen !== undefined && s.entries.length > trim.maxLen) s.entries = s.entries.slice(-trim.maxLen);
      wakeAll();
      return id;
    },
    async appendOnce(key, marker, fields, trim = {}) {
      const seen = markers.get(marker.key);
      if (seen && seen.expiresAt > Date.now()) return seen.id;
      const id = await log.append(key, fields, trim);
      markers.set(marker.key, { id, expiresAt: Date.now() + marker.ttlMs });
      return id;
    },
    async range(key, start, end, count) {
      return select(key, start, end)
        .slice(0, count ?? Infinity)
        .map(copy);
    },
    async revRange(key, end, start, count) {
      return select(key, start, end)
        .reverse()
        .slice(0, count ?? Infinity)
        .map(copy);
    },
    async remove(key, ids) {
      const s = streams.get(key);
      if (!s) return 0;
      const before = s.entries.length;
      const removed = new Set(ids);
      s.entries = s.entries.filter((e) => !removed.has(e.id));
      return before - s.entries.length;
    },
    async length(key) {
      return streams.get(key)?.entries.length ?? 0;
    },
    async lastId(key) {
      return formatId(streams.get(key)?.last ?? { ms: 0, seq: 0 });
    },
    async createGroup(key, name, startId) {
      const s = stream(key);
      if (s.groups.has(name)) return;
      s.groups.set(name, {
        lastDelivered: startId === '$' ? { ...s.last } : { ms: 0, seq: 0 },
        pending: new Map(),
        consumers: new Set(),
      });
    },
    async groups(key) {
      const s = streams.get(key);
      if (!s) return [];
      return [...s.groups].map(([name, g]): LogGroupInfo => ({
        name,
        consumers: g.consumers.size,
        pending: g.pending.size,
        lastDeliveredId: formatId(g.lastDelivered),
        lag: s.entries.length - after(s.entries, g.lastDelivered),
      }));
    },
    async pending(key, name) {
      const ids = [...groupOf(key, name).pending.keys()].sort((a, b) => compareIds(parseId(a), parseId(b)));
      return { count: ids.length, oldestId: ids[0] ?? null };
    },
    async autoClaim(key, name, consumer, minIdleMs, cursor, count) {
      const group = groupOf(key, name);
      group.consumers.add(consumer);
      const now = Date.now();
      const from = parseId(cursor);
      const ids = [...group.pending.keys()]
        .filter((id) => compareIds(parseId(id), from) >= 0)
        .sort((a, b) => compareIds(parseId(a), parseId(b)));
      const entries: LogEntry[] = [];
      for (const id of ids) {
        if (entries.length === count) return { cursor: id, entries };
        const owner = group.pending.get(id)!;
        if (now - owner.deliveredAt < minIdleMs) continue;
        const entry = entryOf(key, id);
        // Like Redis 7: a pending entry whose message was deleted is dropped from the PEL.
        if (!entry) group.pending.delete(id);
        else {
          group.pending.set(id, { consumer, deliveredAt: now });
          entries.push(copy(entry));
        }
      }
      return { cursor: '0-0', entries };
    },
    async claim(key, name, consumer, id) {
      const group = groupOf(key, name);
      if (!group.pending.has(id)) return null;
      const entry = entryOf(key, id);
      if (!entry) {
        group.pending.delete(id);
        return null;
      }
      group.consumers.add(consumer);
      group.pending.set(id, { consumer, deliveredAt: Date.now() });
      return copy(entry);
    },
    async openReader(): Promise<BlockingReader> {
      let closed = false;
      const guard = () => {
        if (closed) throw new Error('reader closed');
      };
      const readGroupNow = (name: string, consumer: string, keys: readonly string[], count: number, history: boolean) =>
        keys.flatMap((key): KeyedEntry[] => {
          const group = groupOf(key, name);
          group.consumers.add(consumer);
          if (history) {
            const own = [...group.pending].filter(([, p]) => p.consumer === consumer).map(([id]) => entryOf(key, id));
            return own
              .filter((e): e is LogEntry => e !== undefined)
              .slice(0, count)
              .map((e) => ({ key, entry: copy(e) }));
          }
          const entries = streams.get(key)?.entries ?? [];
          const first = after(entries, group.lastDelivered);
          const fresh = entries.slice(first, first + count);
          for (const e of fresh) group.pending.set(e.id, { consumer, deliveredAt: Date.now() });
          if (fresh.length > 0) group.lastDelivered = parseId(fresh.at(-1)!.id);
          return fresh.map((e) => ({ key, entry: copy(e) }));
        });
      const readNow = (positions: ReadonlyArray<{ key: string; id: string }>, count: number) =>
        positions.flatMap(({ key, id }) =>
          select(key, `(${id}`, '+')
            .slice(0, count)
            .map((e) => ({ key, entry: copy(e) })),
        );
      return {
        async readGroup(name, consumer, keys, { count, blockMs, history }) {
          guard();
          const now = readGroupNow(name, consumer, keys, count, history ?? false);
          if (now.length > 0 || history) return now;
          await wait(blockMs, () => closed);
          guard();
          return readGroupNow(name, consumer, keys, count, false);
        },
        async read(positions, { count, blockMs }) {
          guard();
          const now = readNow(positions, count);
          if (now.length > 0) return now;
          await wait(blockMs, () => closed);
          guard();
          return readNow(positions, count);
        },
        async close() {
          closed = true;
          wakeAll();
        },
      };
    },
    ack(key, name, ids) {
      const group = streams.get(key)?.groups.get(name);
      for (const id of ids) group?.pending.delete(id);
    },
    wakeAll,
  };
  return log;
}

/** The index of the first entry whose id satisfies `test` (a predicate false then true along the stream), else the length. */
function firstWhere(entries: readonly LogEntry[], test: (id: EntryId) => boolean): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (test(parseId(entries[mid]!.id))) high = mid;
    else low = mid + 1;
  }
  return low;
}
