import { createHash } from 'node:crypto';
import type { RedisClient } from './client.js';

/**
 * A Lua script run with EVALSHA (its SHA1 computed locally), falling back to EVAL when the server does not have
 * it (first use, restart, SCRIPT FLUSH). The command is enqueued synchronously on the connection, so it
 * executes after every command issued before it and before every command issued after it.
 */
export interface LuaScript {
  run(client: RedisClient, keys: string[], args: string[]): Promise<unknown>;
}

/** Wraps Lua `source` for {@link LuaScript.run}. */
export function luaScript(source: string): LuaScript {
  const sha = createHash('sha1').update(source).digest('hex');
  let loaded = false;
  return {
    async run(client, keys, args) {
      if (!loaded) {
        loaded = true; // EVAL caches the script server-side
        return client.eval(source, { keys, arguments: args });
      }
      try {
        return await client.evalSha(sha, { keys, arguments: args });
      } catch (error) {
        if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
        return client.eval(source, { keys, arguments: args });
      }
    },
  };
}

/**
 * Ends a delivery atomically: optional dead letter, XACK, forget its attempts and schedule, mark the event id
 * processed, raise the subject's sequence (never lower it: consumers of a group race), count, and if this delivery
 * held its subject, hand the subject to the next held delivery (scheduled now) or free it.
 *
 * KEYS: 1 entry stream, 2 attempts, 3 due, 4 seq, 5 blocked, 6 held:<subject>, 7 counters, 8 done:<event>, 9 dlq
 * ARGV: 1 group, 2 entry id, 3 ref, 4 subject, 5 due member, 6 sequence|'', 7 done ttl seconds|'',
 *       8 counter field|'', 9 replayed field|'', 10 now ms, 11 dead-letter record|'', 12 dlq max length
 */
const SETTLE = `
if ARGV[11] ~= '' then
  redis.call('XADD', KEYS[9], 'MAXLEN', '~', ARGV[12], '*', 'record', ARGV[11])
end
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
redis.call('HDEL', KEYS[2], ARGV[3])
redis.call('ZREM', KEYS[3], ARGV[5])
redis.call('ZREM', KEYS[6], ARGV[3])
if ARGV[7] ~= '' then redis.call('SET', KEYS[8], '1', 'EX', ARGV[7]) end
if ARGV[6] ~= '' then
  local current = redis.call('HGET', KEYS[4], ARGV[4])
  if (not current) or tonumber(current) < tonumber(ARGV[6]) then redis.call('HSET', KEYS[4], ARGV[4], ARGV[6]) end
end
if ARGV[8] ~= '' then redis.call('HINCRBY', KEYS[7], ARGV[8], 1) end
if ARGV[9] ~= '' then redis.call('HINCRBY', KEYS[7], ARGV[9], 1) end
if ARGV[4] ~= '' and redis.call('HGET', KEYS[5], ARGV[4]) == ARGV[3] then
  local nxt = redis.call('ZPOPMIN', KEYS[6])
  if nxt[1] then
    redis.call('HSET', KEYS[5], ARGV[4], nxt[1])
    redis.call('ZADD', KEYS[3], ARGV[10], nxt[1] .. '|' .. ARGV[4])
  else
    redis.call('HDEL', KEYS[5], ARGV[4])
  end
end
return 1
`;

/**
 * Parks a delivery behind the one holding its subject, unless that one has finished meanwhile (then the caller
 * processes it now). Returns 1 when held.
 *
 * KEYS: 1 blocked, 2 held:<subject>   ARGV: 1 subject, 2 ref, 3 score
 */
const HOLD = `
local holder = redis.call('HGET', KEYS[1], ARGV[1])
if holder and holder ~= ARGV[2] then
  redis.call('ZADD', KEYS[2], 'NX', ARGV[3], ARGV[2])
  return 1
end
return 0
`;

/**
 * Everything the pipeline needs to know about a delivery, in one command instead of five.
 *
 * KEYS: 1 done:<event>, 2 seq, 3 blocked, 4 attempts, 5 due   ARGV: 1 subject, 2 ref, 3 due member
 * Returns: { done 0|1, last sequence|nil, holder|nil, attempts JSON|nil, due score|nil }
 */
const INSPECT = `
return {
  redis.call('EXISTS', KEYS[1]),
  redis.call('HGET', KEYS[2], ARGV[1]),
  redis.call('HGET', KEYS[3], ARGV[1]),
  redis.call('HGET', KEYS[4], ARGV[2]),
  redis.call('ZSCORE', KEYS[5], ARGV[3])
}
`;

/** The bus's scripts, one set per backend. */
export interface BusScripts {
  inspect: LuaScript;
  settle: LuaScript;
  hold: LuaScript;
}

/** Creates the script set of one backend. */
export function busScripts(): BusScripts {
  return { inspect: luaScript(INSPECT), settle: luaScript(SETTLE), hold: luaScript(HOLD) };
}
