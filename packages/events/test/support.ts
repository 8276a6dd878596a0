import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { z } from 'zod';
import {
  createEvent,
  createEventRegistry,
  createMemoryEventBus,
  createRedisEventBus,
  defineEvent,
  type ConsumeOptions,
  type EventBus,
  type EventEnvelope,
} from '../src/index.js';

/** The real Redis the tests run against. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A promise with its resolve exposed. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Polls `probe` until it returns a truthy value, failing with `message` after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  message: string,
  timeoutMs = 5_000,
): Promise<Exclude<T, undefined | null | false>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as Exclude<T, undefined | null | false>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs}ms waiting for: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A key prefix unique to one test file. */
export function randomPrefix(file: string): string {
  return `fmtest-${file}-${randomUUID().slice(0, 8)}`;
}

/** Deletes every Redis key under `<prefix>:`. */
export async function deleteKeys(prefix: string): Promise<number> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  let deleted = 0;
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 1000 })) {
      if (keys.length > 0) deleted += await client.del(keys);
    }
  } finally {
    await client.close();
  }
  return deleted;
}

/** Opens a bus of either kind under `prefix`. */
export type BusFactory = (prefix: string) => Promise<EventBus>;

/** Both buses, for `describe.each`: the behavioural suite must pass on each. */
export const BUSES: ReadonlyArray<{ kind: 'redis' | 'memory'; open: BusFactory }> = [
  { kind: 'redis', open: (prefix) => createRedisEventBus({ url: REDIS_URL, prefix }) },
  { kind: 'memory', open: async (prefix) => createMemoryEventBus({ prefix }) },
];

/** The test domain's event. */
export const itemChanged = defineEvent({
  type: 'test.item.changed',
  version: 1,
  schema: z.object({ value: z.number(), note: z.string().optional() }),
  description: 'An item of the test domain changed its value.',
});

/** A registry that knows {@link itemChanged} v1 only. */
export const registry = createEventRegistry([itemChanged]);

/** Builds an item event for `subject`. */
export function itemEvent(subject: string, value: number, sequence?: number): EventEnvelope {
  return createEvent(itemChanged, {
    source: '/test',
    subject,
    data: { value },
    ...(sequence !== undefined ? { sequence } : {}),
  });
}

/** Consumer options tuned so that retries, claims and shutdowns take milliseconds. */
export function fastConsumer(
  overrides: Partial<ConsumeOptions> & Pick<ConsumeOptions, 'stream' | 'group' | 'handler'>,
): ConsumeOptions {
  return {
    consumer: `${overrides.group}-1`,
    registry,
    startFrom: '0',
    maxAttempts: 3,
    backoff: { baseMs: 5, maxMs: 20 },
    batchSize: 20,
    blockMs: 50,
    claimIdleMs: 200,
    shutdownTimeoutMs: 100,
    ...overrides,
  };
}
