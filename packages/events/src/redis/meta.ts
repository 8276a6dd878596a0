import type { GroupCounters } from '../bus.js';
import type { BusKeys } from '../core/keys.js';
import { emptyGroupCounters, GROUP_COUNTERS, type BusMeta } from '../core/ports.js';
import type { RedisClient } from './client.js';

/** Stream registry (a SET) and counters (one HASH per stream: `published`, `<group>:<counter>`) in Redis, shared by every process. */
export function createRedisMeta(client: RedisClient, keys: BusKeys): BusMeta {
  return {
    async addStream(stream) {
      await client.sAdd(keys.streams, stream);
    },
    async streams() {
      return (await client.sMembers(keys.streams)).map(String);
    },
    async countPublished(stream) {
      await client.hIncrBy(keys.counters(stream), 'published', 1);
    },
    async counters(stream) {
      const fields = (await client.hGetAll(keys.counters(stream))) as unknown as Record<string, string>;
      return parseCounters(fields);
    },
  };
}

/** Splits the counter HASH into `published` and per-group counters. */
export function parseCounters(fields: Record<string, string>): {
  published: number;
  groups: Map<string, GroupCounters>;
} {
  const groups = new Map<string, GroupCounters>();
  const names = new Set<string>(GROUP_COUNTERS);
  for (const [field, value] of Object.entries(fields)) {
    const colon = field.lastIndexOf(':');
    if (colon < 0) continue;
    const counter = field.slice(colon + 1);
    if (!names.has(counter)) continue;
    const group = field.slice(0, colon);
    const counters = groups.get(group) ?? emptyGroupCounters();
    counters[counter as keyof GroupCounters] = Number(value);
    groups.set(group, counters);
  }
  return { published: Number(fields.published ?? 0), groups };
}
