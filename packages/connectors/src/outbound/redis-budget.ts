import { createHash, randomUUID } from 'node:crypto';
import { BUDGET_DEFAULTS, BudgetWaitError, budgetDelay, type BudgetLimits, type CallBudget } from './budget.js';

/** What the budget needs of a node-redis client (`createClient()` satisfies it). */
export interface BudgetRedis {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  evalSha(sha: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** Runs `source` by SHA, sending the text again after a Redis restart or SCRIPT FLUSH (NOSCRIPT). */
function script(source: string) {
  const sha = createHash('sha1').update(source).digest('hex');
  return async (redis: BudgetRedis, keys: string[], args: (string | number)[]): Promise<unknown> => {
    const options = { keys, arguments: args.map(String) };
    try {
      return await redis.evalSha(sha, options);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(source, options);
    }
  };
}

// One atomic step per call: honour a pause, drop expired leases (a crashed process frees its slot when its lease
// runs out), check the slots, refill the bucket by elapsed time and take a token and a slot together. Redis's
// clock (TIME) is the only clock, so processes on drifting hosts still share one consistent bucket.
// KEYS: 1 bucket (hash tokens/at), 2 slots (zset lease id → expiry ms), 3 pause (string: until ms)
// ARGV: 1 rate per second, 2 burst, 3 concurrency, 4 lease ms, 5 lease id
// Reply: { 1 } granted, or { 0, wait ms, why } with why = paused | busy | rate
const ACQUIRE = script(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local paused = tonumber(redis.call('GET', KEYS[3]) or '0')
if paused > now then return { 0, paused - now, 'paused' } end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[3]) then
  local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  return { 0, math.max(1, tonumber(first[2]) - now), 'busy' }
end
local perMs = tonumber(ARGV[1]) / 1000
local burst = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = burst
else
  tokens = math.min(burst, tokens + math.max(0, now - at) * perMs)
end
if tokens < 1 then return { 0, math.max(1, math.ceil((1 - tokens) / perMs)), 'rate' } end
tokens = tokens - 1
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / perMs) + 1000)
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[4]), ARGV[5])
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[4]) * 2)
return { 1 }`);

// KEYS: 1 slots   ARGV: 1 lease id
const RELEASE = script(`return redis.call('ZREM', KEYS[1], ARGV[1])`);

// Extends the pause to now + ms unless it already lasts longer. KEYS: 1 pause   ARGV: 1 ms
const PAUSE = script(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local untilMs = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > current then redis.call('SET', KEYS[1], tostring(untilMs), 'PX', ARGV[1]) end
return untilMs`);

/** Options of {@link createRedisBudget}. */
export interface RedisBudgetOptions extends BudgetLimits {
  redis: BudgetRedis;
  /** Which remote system; its keys are `<prefix>budget:{<name>}:rate|slots|pause`. */
  name: string;
  /** Key prefix, e.g. `<REDIS_PREFIX>:`; tests use a unique one. */
  prefix: string;
  /**
   * How long a slot stays taken when its holder never releases it (crashed); default 30_000 // 30 seconds.
   * Must exceed the longest call (the delivery's timeout), or a slow call's slot is reused while it runs.
   */
  leaseMs?: number;
  /** Longest sleep between two attempts while every slot is busy (a release is not announced); default 50 ms. */
  busyPollMs?: number;
}

/**
 * A call budget shared by every process through Redis: a token bucket (rate, burst), leased concurrency slots
 * that expire when their holder dies, and a pause every process honours (429 `Retry-After`). Each acquire is one
 * atomic Lua script; a refused one sleeps exactly as long as the script says (plus a little jitter so the
 * waiters of several processes do not knock at once) and tries again. Redis errors are thrown: wrap it in
 * withLocalBudgetFallback to keep calling while Redis is down.
 */
export function createRedisBudget(options: RedisBudgetOptions): CallBudget {
  const ratePerSecond = options.ratePerSecond ?? BUDGET_DEFAULTS.ratePerSecond;
  if (!(ratePerSecond > 0)) throw new Error(`ratePerSecond must be positive, received ${ratePerSecond}`);
  const burst = Math.max(1, Math.floor(options.burst ?? ratePerSecond));
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? BUDGET_DEFAULTS.concurrency));
  const maxWaitMs = options.maxWaitMs ?? BUDGET_DEFAULTS.maxWaitMs;
  const leaseMs = options.leaseMs ?? 30_000; // 30 seconds
  const busyPollMs = options.busyPollMs ?? 50;
  const base = `${options.prefix}budget:{${options.name}}:`;
  const keys = { rate: `${base}rate`, slots: `${base}slots`, pause: `${base}pause` };
  return {
    name: options.name,
    async acquire(signal) {
      const id = randomUUID();
      const started = Date.now();
      for (;;) {
        if (signal?.aborted) throw signal.reason as Error;
        const reply = await ACQUIRE(
          options.redis,
          [keys.rate, keys.slots, keys.pause],
          [ratePerSecond, burst, concurrency, leaseMs, id],
        );
        if (!Array.isArray(reply)) throw new Error(`Unexpected budget script reply: ${JSON.stringify(reply)}`);
        if (reply[0] === 1) {
          return {
            async release() {
              await RELEASE(options.redis, [keys.slots], [id]).catch(() => undefined); // else it expires
            },
          };
        }
        const wait = Number(reply[1]);
        const sleep = reply[2] === 'busy' ? Math.min(wait, busyPollMs) : wait;
        if (Date.now() - started + sleep > maxWaitMs) throw new BudgetWaitError(options.name, wait);
        await budgetDelay(sleep + Math.floor(Math.random() * 5), signal);
      }
    },
    async pause(ms) {
      await PAUSE(options.redis, [keys.pause], [Math.max(1, Math.ceil(ms))]);
    },
  };
}
