import type { Logger } from './logger.js';

/** Longest pause between two reconnect attempts; default 5_000 // 5 seconds (REDIS_RECONNECT_MAX_MS). */
export const REDIS_RECONNECT_MAX_MS = 5_000;

/**
 * Capped exponential backoff with jitter for node-redis' `socket.reconnectStrategy`: 100 ms, 200 ms, 400 ms, …
 * up to `maxMs`, each plus up to 50 % random jitter so that every client of a fleet does not knock at once. It
 * never gives up: a process outlives any Redis outage and reconnects when Redis answers again.
 */
export function redisReconnectDelay(retries: number, maxMs: number = REDIS_RECONNECT_MAX_MS): number {
  const base = Math.min(maxMs, 100 * 2 ** Math.min(retries, 16));
  return Math.round(base / 2 + (Math.random() * base) / 2);
}

/**
 * The node-redis options every client of the mesh uses (spread into `createClient`): reconnect forever with
 * {@link redisReconnectDelay}; no offline queue — a command sent while Redis is down fails at once (callers fall
 * back: outbox events stay in their document, API keys come from the local cache, rate limits from a
 * per-process bucket) instead of piling up in memory and hanging requests; at most 10_000 commands waiting for
 * replies on a live connection; a 5 s connect timeout.
 */
export function resilientRedisOptions(maxBackoffMs: number = REDIS_RECONNECT_MAX_MS) {
  return {
    disableOfflineQueue: true,
    commandsQueueMaxLength: 10_000,
    socket: {
      connectTimeout: 5_000, // 5 seconds
      reconnectStrategy: (retries: number) => redisReconnectDelay(retries, maxBackoffMs),
    },
  };
}

/**
 * Checks `REDIS_URL` before any client is made: a malformed one is a start-up error naming the variable (the
 * value is not echoed: it may carry a password). A well-formed URL where nothing answers is not an error — the
 * service starts, reports not ready and connects when Redis answers.
 */
export function checkRedisUrl(url: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') || !parsed.hostname) {
    throw new Error('REDIS_URL must be a redis:// or rediss:// URL with a host, e.g. redis://127.0.0.1:6379');
  }
  return url;
}

/** What {@link superviseRedis} needs of a node-redis client. */
export interface SupervisedRedisClient {
  readonly isReady: boolean;
  readonly isOpen: boolean;
  connect(): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'ready' | 'end' | 'reconnecting', listener: () => void): unknown;
}

/** The state of one supervised connection. */
export interface RedisConnectionState {
  /** Which connection (put on log lines). */
  readonly name: string;
  /** True while commands can be sent. */
  ready(): boolean;
  /** Resolves once the connection is ready (immediately when it is). */
  whenReady(): Promise<void>;
}

/** Thrown by readiness probes while a dependency is down; `/readyz` names it. */
export class DependencyDownError extends Error {
  constructor(
    readonly dependency: string,
    message: string,
  ) {
    super(message);
    this.name = 'DependencyDownError';
  }
}

/**
 * Connects `client` in the background (start-up never blocks on Redis: node-redis' connect() would wait until
 * Redis answers) and logs its outages once each: one warning when the connection is lost or cannot be made, one
 * line when it is back — not one per retry. Never lets an `error` event go unhandled (that would end the process).
 */
export function superviseRedis(
  client: SupervisedRedisClient,
  logger: Logger,
  name: string,
  options: { quiet?: boolean } = {},
): RedisConnectionState {
  // Helper connections (blocking readers) log at debug: their shared client already reported the outage.
  const warn = options.quiet ? logger.debug.bind(logger) : logger.warn.bind(logger);
  const info = options.quiet ? logger.debug.bind(logger) : logger.info.bind(logger);
  let downSince: number | undefined;
  const waiting: (() => void)[] = [];
  client.on('error', (error: Error) => {
    if (downSince !== undefined) return;
    downSince = Date.now();
    warn({ connection: name, reason: error.message || error.name }, 'redis unavailable; reconnecting in the background');
  });
  client.on('ready', () => {
    if (downSince !== undefined) info({ connection: name, downMs: Date.now() - downSince }, 'redis connection restored');
    downSince = undefined;
    for (const resolve of waiting.splice(0)) resolve();
  });
  if (!client.isOpen) {
    client.connect().catch((error: unknown) => {
      // Only a close while connecting ends the attempt (the strategy never gives up); nothing to report then.
      logger.debug({ connection: name, err: error }, 'redis connect attempt ended');
    });
  }
  return {
    name,
    ready: () => client.isReady,
    whenReady: () => (client.isReady ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve))),
  };
}
