import { superviseRedis, type Logger } from '@fulfillment-mesh/runtime';
import type { BlockingReader, KeyedEntry, LogEntry, LogGroupInfo, StreamLog } from '../core/ports.js';
import { isNoSuchKey, type RedisClient } from './client.js';
import { luaScript } from './scripts.js';

/**
 * XADD once per marker: KEYS 1 stream, 2 marker; ARGV 1 MINID threshold|'', 2 marker ttl ms, 3.. field, value.
 * Atomic, so a marker exists exactly when its entry does (and AOF persists both or neither).
 */
const APPEND_ONCE = luaScript(`
local existing = redis.call('GET', KEYS[2])
if existing then return existing end
local fields = {}
for i = 3, #ARGV do fields[#fields + 1] = ARGV[i] end
local id
if ARGV[1] ~= '' then
  id = redis.call('XADD', KEYS[1], 'MINID', '~', ARGV[1], '*', unpack(fields))
else
  id = redis.call('XADD', KEYS[1], '*', unpack(fields))
end
redis.call('SET', KEYS[2], id, 'PX', ARGV[2])
return id`);

/** What the Redis stream log needs. */
export interface RedisStreamLogDeps {
  /** Shared connection for every non-blocking command. */
  client: RedisClient;
  logger: Logger;
  /** Name of the shared connection; blocking readers are `<name>-reader`. */
  name?: string;
}

/** The stream port on Redis Streams; each blocking reader gets its own connection (a blocked one serves nobody else). */
export function createRedisStreamLog({ client, logger, name = 'event-bus' }: RedisStreamLogDeps): StreamLog {
  return {
    async append(key, fields, trim = {}) {
      const options =
        trim.minTime !== undefined
          ? { TRIM: { strategy: 'MINID' as const, strategyModifier: '~' as const, threshold: trim.minTime } }
          : trim.maxLen !== undefined
            ? { TRIM: { strategy: 'MAXLEN' as const, strategyModifier: '~' as const, threshold: trim.maxLen } }
            : undefined;
      // '~' lets Redis trim whole macro nodes only: retention is approximate and cheap.
      return String(await client.xAdd(key, '*', fields, options));
    },
    async appendOnce(key, marker, fields, trim = {}) {
      const args = [
        trim.minTime === undefined ? '' : String(trim.minTime),
        String(Math.max(1, Math.round(marker.ttlMs))),
      ];
      for (const [field, value] of Object.entries(fields)) args.push(field, value);
      return String(await APPEND_ONCE.run(client, [key, marker.key], args));
    },
    async range(key, start, end, count) {
      return entries(await client.xRange(key, start, end, count ? { COUNT: count } : undefined));
    },
    async revRange(key, end, start, count) {
      return entries(await client.xRevRange(key, end, start, count ? { COUNT: count } : undefined));
    },
    async remove(key, ids) {
      return ids.length === 0 ? 0 : Number(await client.xDel(key, [...ids]));
    },
    async length(key) {
      return Number(await client.xLen(key));
    },
    async lastId(key) {
      try {
        const info = (await client.xInfoStream(key)) as unknown as Record<string, unknown>;
        return String(info['last-generated-id'] ?? '0-0');
      } catch (error) {
        if (isNoSuchKey(error)) return '0-0';
        throw error;
      }
    },
    async createGroup(key, group, startId) {
      try {
        await client.xGroupCreate(key, group, startId, { MKSTREAM: true });
      } catch (error) {
        if (!(error instanceof Error && error.message.startsWith('BUSYGROUP'))) throw error;
      }
    },
    async groups(key) {
      try {
        const groups = (await client.xInfoGroups(key)) as unknown as Array<Record<string, unknown>>;
        return groups.map((g): LogGroupInfo => ({
          name: String(g.name),
          consumers: Number(g.consumers),
          pending: Number(g.pending),
          lastDeliveredId: String(g['last-delivered-id']),
          lag: g.lag === null || g.lag === undefined ? null : Number(g.lag),
        }));
      } catch (error) {
        if (isNoSuchKey(error)) return [];
        throw error;
      }
    },
    async pending(key, group) {
      const summary = await client.xPending(key, group);
      return { count: Number(summary.pending), oldestId: summary.firstId === null ? null : String(summary.firstId) };
    },
    async autoClaim(key, group, consumer, minIdleMs, cursor, count) {
      const reply = await client.xAutoClaim(key, group, consumer, minIdleMs, cursor, { COUNT: count });
      return { cursor: String(reply.nextId), entries: entries(reply.messages) };
    },
    async claim(key, group, consumer, id) {
      return entries(await client.xClaim(key, group, consumer, 0, id))[0] ?? null;
    },
    async openReader() {
      return openReader(client, logger, `${name}-reader`);
    },
  };
}

async function openReader(client: RedisClient, logger: Logger, name: string): Promise<BlockingReader> {
  // Same options as the shared client (reconnect with backoff, no offline queue): a read while Redis is down
  // fails at once and the consumer (or tail) pauses and tries again; nothing waits here for Redis to come up.
  const connection = client.duplicate();
  const state = superviseRedis(connection, logger, name, { quiet: true });
  if (client.isReady)
    await Promise.race([state.whenReady(), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
  let closed = false;
  const block = (blockMs: number) => (blockMs > 0 ? { BLOCK: blockMs } : {});
  // node-redis times every command out after 5 seconds by default; a blocking read must outlive its BLOCK.
  const within = (blockMs: number) => connection.withCommandOptions({ timeout: blockMs + 10_000 });
  return {
    async readGroup(group, consumer, keys, { count, blockMs, history }) {
      const streams = keys.map((key) => ({ key, id: history ? '0' : '>' }));
      return keyed(await within(blockMs).xReadGroup(group, consumer, streams, { COUNT: count, ...block(blockMs) }));
    },
    async read(positions, { count, blockMs }) {
      return keyed(
        await within(blockMs).xRead(
          positions.map(({ key, id }) => ({ key, id })),
          { COUNT: count, ...block(blockMs) },
        ),
      );
    },
    async close() {
      if (closed) return;
      closed = true;
      // destroy(), not close(): a graceful close would wait for a blocked read to time out.
      connection.destroy();
    },
  };
}

/** Stream replies as plain entries; nil messages (entries deleted while pending) are dropped. */
function entries(messages: unknown): LogEntry[] {
  if (!Array.isArray(messages)) return [];
  return (messages as unknown[]).flatMap((m) => {
    if (m === null || typeof m !== 'object') return [];
    const { id, message } = m as { id: unknown; message: unknown };
    if (message === null || typeof message !== 'object') return [];
    return [{ id: String(id), fields: { ...(message as Record<string, string>) } }];
  });
}

function keyed(reply: unknown): KeyedEntry[] {
  if (!Array.isArray(reply)) return [];
  return (reply as Array<{ name: unknown; messages: unknown }>).flatMap((s) =>
    entries(s.messages).map((entry) => ({ key: String(s.name), entry })),
  );
}
