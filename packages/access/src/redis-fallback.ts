import type { Logger } from '@fulfillment-mesh/runtime';
import type { Client } from './client.js';
import { AccessDomainError } from './errors.js';
import type { ClientStore } from './identity/client-store.js';
import type { ManifestRegistry } from './persisted/manifest.js';
import { createMemoryKeyValueCache, type KeyValueCache } from './persisted/apq-cache.js';
import type { RateLimiter } from './rate-limit.js';
import type { ReplayGuard } from './replay-guard.js';

/*
 * What the gateway (and every subgraph's replay guard) does while Redis is down. Each wrapper tries Redis first
 * and, when a command fails, answers from this process instead; it logs once when it falls back and once when
 * Redis answers again (never per request). Nothing here hides a Redis *answer* (an unknown key stays unknown).
 */

/** Logs the first failure of an outage and the recovery. */
function outageLog(logger: Logger | undefined, what: string, fallback: string) {
  let down = false;
  return {
    failed(error: unknown) {
      if (down) return;
      down = true;
      logger?.warn({ reason: (error as Error).message }, `redis unavailable: ${what} ${fallback}`);
    },
    succeeded() {
      if (!down) return;
      down = false;
      logger?.info(`redis answers again: ${what} shared through it again`);
    },
  };
}

/** Default of how long an API key verified through Redis is still accepted while Redis is down: 5 minutes. */
export const API_KEY_CACHE_MS = 300_000; // 5 minutes

/**
 * API keys: every lookup goes to the store (revocations take effect at once); each client found is remembered
 * for `cacheMs`, and only while the store fails is a key answered from that memory — a key never verified
 * before, or verified longer ago than `cacheMs`, gets UNAVAILABLE (HTTP 503). At most `maxEntries` keys.
 */
export function withApiKeyCache(
  store: ClientStore,
  options: { cacheMs?: number; maxEntries?: number; logger?: Logger; now?: () => number } = {},
): ClientStore {
  const cacheMs = options.cacheMs ?? API_KEY_CACHE_MS;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const verified = new Map<string, { client: Client; at: number }>();
  const log = outageLog(options.logger, 'API keys', `are checked against the ones verified in the last ${cacheMs} ms`);
  return {
    ...store,
    async findByKeyHash(keyHash) {
      let client: Client | null;
      try {
        client = await store.findByKeyHash(keyHash);
      } catch (error) {
        log.failed(error);
        const hit = verified.get(keyHash);
        if (hit && now() - hit.at <= cacheMs) return hit.client;
        throw new AccessDomainError('UNAVAILABLE', 'API keys cannot be checked right now (Redis is unavailable); retry shortly', {}, { status: 503 });
      }
      log.succeeded();
      verified.delete(keyHash);
      if (client) {
        verified.set(keyHash, { client, at: now() });
        while (verified.size > maxEntries) verified.delete(verified.keys().next().value as string);
      }
      return client;
    },
    async revokeClient(id) {
      for (const [hash, entry] of verified) if (entry.client.id === id) verified.delete(hash);
      return store.revokeClient(id);
    },
  };
}

/**
 * Rate limits: the shared Redis buckets, or — while Redis fails — `local`, one bucket per key in this process
 * (so N gateway replicas allow up to N times the budget during an outage; documented in the README).
 */
export function withLocalRateLimitFallback(shared: RateLimiter, local: RateLimiter, logger?: Logger): RateLimiter {
  const log = outageLog(logger, 'rate limits', 'fall back to a per-process bucket');
  return {
    async consume(key, options) {
      try {
        const result = await shared.consume(key, options);
        log.succeeded();
        return result;
      } catch (error) {
        log.failed(error); // a bad bucket or cost fails the same way locally
        return local.consume(key, options);
      }
    },
  };
}

/**
 * Automatic persisted queries: the shared cache, or this process's bounded one while Redis fails (a miss only
 * makes the client send the full query once more, as APQ allows).
 */
export function withLocalApqFallback(shared: KeyValueCache<string>, logger?: Logger): KeyValueCache<string> {
  const local = createMemoryKeyValueCache({ maxEntries: 1_000 });
  const log = outageLog(logger, 'persisted queries (APQ)', 'are cached in this process');
  return {
    async get(key) {
      try {
        const value = await shared.get(key);
        log.succeeded();
        return value;
      } catch (error) {
        log.failed(error);
        return local.get(key);
      }
    },
    async set(key, value, options) {
      try {
        await shared.set(key, value, options);
        log.succeeded();
      } catch (error) {
        log.failed(error);
        await local.set(key, value, options);
      }
    },
    async delete(key) {
      const gone = await local.delete(key);
      try {
        return (await shared.delete(key)) || gone;
      } catch (error) {
        log.failed(error);
        return gone;
      }
    },
  };
}

/**
 * Trusted documents: lookups go to the registry; documents found are content-addressed (the key is their
 * SHA-256), so while the registry fails a document this process already served for that client still runs.
 */
export function withManifestCache(registry: ManifestRegistry, options: { maxEntries?: number; logger?: Logger } = {}): ManifestRegistry {
  const maxEntries = options.maxEntries ?? 10_000;
  const seen = new Map<string, string>();
  const log = outageLog(options.logger, 'trusted documents', 'are served from the ones this process already ran');
  return {
    ...registry,
    async lookup(clientId, hash) {
      const key = `${clientId}\u0000${hash}`;
      try {
        const document = await registry.lookup(clientId, hash);
        log.succeeded();
        seen.delete(key);
        if (document !== null) {
          seen.set(key, document);
          while (seen.size > maxEntries) seen.delete(seen.keys().next().value as string);
        }
        return document;
      } catch (error) {
        log.failed(error);
        const document = seen.get(key);
        if (document !== undefined) return document;
        throw error;
      }
    },
  };
}

/**
 * Replay guard: the shared one in Redis, or — while Redis fails — `local`, which still refuses a header seen
 * twice by this process (a replay to another process is not caught during the outage).
 */
export function withLocalReplayFallback(shared: ReplayGuard, local: ReplayGuard, logger?: Logger): ReplayGuard {
  const log = outageLog(logger, 'identity replay checks', 'are kept per process');
  return {
    async firstSighting(fetchId, expiresAt, now) {
      try {
        const first = await shared.firstSighting(fetchId, expiresAt, now);
        log.succeeded();
        // Remember it locally too, so a replay right after Redis drops is still refused here.
        await local.firstSighting(fetchId, expiresAt, now);
        return first;
      } catch (error) {
        log.failed(error);
        return local.firstSighting(fetchId, expiresAt, now);
      }
    },
  };
}
