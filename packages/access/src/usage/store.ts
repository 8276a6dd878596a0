import { join } from 'node:path';
import { z } from 'zod';
import { jsonFile } from '../json-file.js';
import { luaScript, type RedisClient } from '../redis.js';

/** Who ran which operation: the unit usage is counted in. */
export interface UsageKey {
  /** SHA-256 (hex) of the document text. */
  hash: string;
  /** The operation's name, null when anonymous. */
  name: string | null;
  clientId: string;
  /** The caller's kind (storefront, partner…), or `unknown` when only a client-name header said who it was. */
  clientKind: string;
  /** `apollographql-client-version`, null when not sent. */
  clientVersion: string | null;
}

/** How often one {@link UsageKey} ran on one UTC day, and when last (epoch milliseconds). */
export interface UsageCount extends UsageKey {
  day: string;
  count: number;
  lastSeen: number;
}

/** A document's text and the schema coordinates it touches, stored once per hash. */
export interface UsageDocument {
  hash: string;
  document: string;
  coordinates: string[];
}

/** What one flush writes. */
export interface UsageBatch {
  counts: UsageCount[];
  documents: UsageDocument[];
}

/** What a store holds for a window of days. */
export interface UsageSnapshot {
  counts: UsageCount[];
  documents: Map<string, UsageDocument>;
}

/**
 * Where usage lands: Redis when gateways share one (counts of every instance add up), a JSON file in the embedded
 * mode (one gateway), memory in tests. Counts are per UTC day so a window can be read and old days expire.
 */
export interface UsageStore {
  write(batch: UsageBatch): Promise<void>;
  /** Every count of the days from `sinceDay` to `untilDay` (inclusive, `YYYY-MM-DD`) and their documents. */
  read(sinceDay: string, untilDay: string): Promise<UsageSnapshot>;
}

/** Days usage is kept by default (`USAGE_RETENTION_DAYS`). */
export const DEFAULT_USAGE_RETENTION_DAYS = 90;

/** The UTC day (`YYYY-MM-DD`) of an epoch-milliseconds time. */
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Every UTC day from `since` to `until` inclusive (at most `max`, the latest ones). */
export function daysBetween(sinceDay: string, untilDay: string, max = 3_660): string[] {
  const days: string[] = [];
  const end = Date.parse(`${untilDay}T00:00:00Z`);
  for (let t = Math.max(Date.parse(`${sinceDay}T00:00:00Z`), end - (max - 1) * 86_400_000); t <= end; t += 86_400_000)
    days.push(dayOf(t));
  return days;
}

/** The field a {@link UsageKey} is counted under (a JSON array: any character in a client id is safe). */
export const usageField = (key: UsageKey): string =>
  JSON.stringify([key.clientId, key.clientKind, key.clientVersion, key.hash, key.name]);

const fieldSchema = z.tuple([z.string(), z.string(), z.string().nullable(), z.string(), z.string().nullable()]);

/** The {@link UsageKey} of a stored field; null when the field is not one this module wrote. */
export function parseUsageField(field: string): UsageKey | null {
  try {
    const parsed = fieldSchema.safeParse(JSON.parse(field));
    if (!parsed.success) return null;
    const [clientId, clientKind, clientVersion, hash, name] = parsed.data;
    return { clientId, clientKind, clientVersion, hash, name };
  } catch {
    return null;
  }
}

const documentSchema = z.object({ document: z.string(), coordinates: z.array(z.string()) });

/** Dependencies of {@link createRedisUsageStore}. */
export interface RedisUsageStoreDeps {
  redis: RedisClient;
  /** Key prefix, e.g. `fm:usage:` (`<REDIS_PREFIX>:usage:`); tests use a unique one. */
  prefix: string;
  /** Days a day bucket lives after its last write; default {@link DEFAULT_USAGE_RETENTION_DAYS}. */
  retentionDays?: number;
}

// Last seen only moves forward, whichever gateway instance flushes last.
const setMax = luaScript(`
for i = 1, #ARGV, 2 do
  local current = tonumber(redis.call('HGET', KEYS[1], ARGV[i]) or '0')
  if tonumber(ARGV[i + 1]) > current then redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
end
return 1`);

/**
 * Usage in Redis: `<prefix>count:<day>` (HINCRBY per operation and client), `<prefix>seen:<day>` (last seen,
 * epoch ms) and `<prefix>docs` (hash → document and coordinates, written once). Day keys expire after the
 * retention; every gateway instance adds to the same counts.
 */
export function createRedisUsageStore(deps: RedisUsageStoreDeps): UsageStore {
  const { redis, prefix } = deps;
  const ttlSeconds = (deps.retentionDays ?? DEFAULT_USAGE_RETENTION_DAYS) * 86_400;
  return {
    async write(batch) {
      const byDay = new Map<string, UsageCount[]>();
      for (const count of batch.counts) byDay.set(count.day, [...(byDay.get(count.day) ?? []), count]);
      const multi = redis.multi();
      for (const [day, counts] of byDay) {
        for (const count of counts) multi.hIncrBy(`${prefix}count:${day}`, usageField(count), count.count);
        multi.expire(`${prefix}count:${day}`, ttlSeconds);
      }
      for (const doc of batch.documents)
        multi.hSetNX(
          `${prefix}docs`,
          doc.hash,
          JSON.stringify({ document: doc.document, coordinates: doc.coordinates }),
        );
      await multi.exec();
      for (const [day, counts] of byDay) {
        await setMax(
          redis,
          [`${prefix}seen:${day}`],
          counts.flatMap((c) => [usageField(c), c.lastSeen]),
        );
        await redis.expire(`${prefix}seen:${day}`, ttlSeconds);
      }
    },
    async read(sinceDay, untilDay) {
      const counts: UsageCount[] = [];
      for (const day of daysBetween(sinceDay, untilDay)) {
        const [rawCounts, rawSeen] = await Promise.all([
          redis.hGetAll(`${prefix}count:${day}`),
          redis.hGetAll(`${prefix}seen:${day}`),
        ]);
        for (const [field, value] of Object.entries(rawCounts as Record<string, string>)) {
          const key = parseUsageField(field);
          if (!key) continue;
          counts.push({
            ...key,
            day,
            count: Number(value),
            lastSeen: Number((rawSeen as Record<string, string>)[field] ?? 0),
          });
        }
      }
      const hashes = [...new Set(counts.map((c) => c.hash))];
      const documents = new Map<string, UsageDocument>();
      if (hashes.length > 0) {
        const raw = await redis.hmGet(`${prefix}docs`, hashes);
        hashes.forEach((hash, i) => {
          const value = raw[i];
          if (typeof value !== 'string') return;
          const parsed = documentSchema.safeParse(JSON.parse(value));
          if (parsed.success) documents.set(hash, { hash, ...parsed.data });
        });
      }
      return { counts, documents };
    },
  };
}

const fileSchema = z.object({
  days: z.record(z.string(), z.record(z.string(), z.object({ count: z.number(), lastSeen: z.number() }))),
  documents: z.record(z.string(), documentSchema),
});

/** Dependencies of {@link createFileUsageStore}. */
export interface FileUsageStoreDeps {
  /** Folder of `usage.json` (embedded mode: `<DATA_DIR>/usage`). */
  dir: string;
  retentionDays?: number;
  now?: () => number;
}

/**
 * Usage in `<dir>/usage.json` for the embedded mode (one gateway process): each flush merges into the file and
 * replaces it atomically, dropping days older than the retention. Several gateways need the Redis store.
 */
export function createFileUsageStore(deps: FileUsageStoreDeps): UsageStore {
  const file = jsonFile(join(deps.dir, 'usage.json'), fileSchema, () => ({ days: {}, documents: {} }));
  const retention = deps.retentionDays ?? DEFAULT_USAGE_RETENTION_DAYS;
  const now = deps.now ?? Date.now;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    write(batch) {
      const run = queue.then(async () => {
        const data = structuredClone(await file.read());
        for (const c of batch.counts) {
          const day = (data.days[c.day] ??= {});
          const entry = (day[usageField(c)] ??= { count: 0, lastSeen: 0 });
          entry.count += c.count;
          entry.lastSeen = Math.max(entry.lastSeen, c.lastSeen);
        }
        for (const doc of batch.documents)
          data.documents[doc.hash] ??= { document: doc.document, coordinates: doc.coordinates };
        const oldest = dayOf(now() - retention * 86_400_000);
        for (const day of Object.keys(data.days)) if (day < oldest) delete data.days[day];
        await file.write(data);
      });
      queue = run.catch(() => undefined);
      return run;
    },
    async read(sinceDay, untilDay) {
      const data = await file.read();
      return snapshotOf(data, sinceDay, untilDay);
    },
  };
}

/** Usage in process memory (tests, one-off tools). */
export function createMemoryUsageStore(): UsageStore {
  const data: z.infer<typeof fileSchema> = { days: {}, documents: {} };
  return {
    async write(batch) {
      for (const c of batch.counts) {
        const day = (data.days[c.day] ??= {});
        const entry = (day[usageField(c)] ??= { count: 0, lastSeen: 0 });
        entry.count += c.count;
        entry.lastSeen = Math.max(entry.lastSeen, c.lastSeen);
      }
      for (const doc of batch.documents)
        data.documents[doc.hash] ??= { document: doc.document, coordinates: doc.coordinates };
    },
    async read(sinceDay, untilDay) {
      return snapshotOf(data, sinceDay, untilDay);
    },
  };
}

function snapshotOf(data: z.infer<typeof fileSchema>, sinceDay: string, untilDay: string): UsageSnapshot {
  const counts: UsageCount[] = [];
  for (const [day, entries] of Object.entries(data.days)) {
    if (day < sinceDay || day > untilDay) continue;
    for (const [field, entry] of Object.entries(entries)) {
      const key = parseUsageField(field);
      if (key) counts.push({ ...key, day, count: entry.count, lastSeen: entry.lastSeen });
    }
  }
  const documents = new Map<string, UsageDocument>();
  for (const c of counts) {
    const doc = data.documents[c.hash];
    if (doc) documents.set(c.hash, { hash: c.hash, ...doc });
  }
  return { counts, documents };
}
