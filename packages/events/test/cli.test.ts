import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisEventBus, runEventsCli, type EventBus } from '../src/index.js';
import { deleteKeys, fastConsumer, itemEvent, randomPrefix, REDIS_URL, waitFor } from './support.js';

const prefix = randomPrefix('cli');
const env = { REDIS_URL, EVENTS_PREFIX: prefix };

/** Runs the CLI and captures what it prints. */
async function cli(
  argv: string[],
  options: { env?: Record<string, string | undefined>; signal?: AbortSignal; onLine?: (line: string) => void } = {},
) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runEventsCli(argv, {
    env: options.env ?? env,
    stdout: (text) => {
      stdout.push(text);
      options.onLine?.(text);
    },
    stderr: (text) => void stderr.push(text),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

describe('events CLI', () => {
  let bus: EventBus;
  let fixed = false;

  beforeAll(async () => {
    bus = await createRedisEventBus({ url: REDIS_URL, prefix });
    await bus.consume(
      fastConsumer({
        stream: 'orders',
        group: 'shipments',
        maxAttempts: 1,
        handler: (e) => {
          if (!fixed && e.subject === 'order-2') throw new Error('carrier unknown');
        },
      }),
    );
    await bus.publish('orders', itemEvent('order-1', 1));
    await bus.publish('orders', itemEvent('order-2', 2));
    await waitFor(async () => (await bus.deadLetters('orders')).total === 1, 'one dead letter');
  });
  afterAll(async () => {
    await bus.close();
    await deleteKeys(prefix);
  });

  it('explains that REDIS_URL is required', async () => {
    const result = await cli(['list'], { env: {} });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^REDIS_URL is not set/);
  });

  it('prints usage for an unknown command', async () => {
    const result = await cli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: events <command>');
  });

  it('lists streams and groups as aligned tables', async () => {
    const { code, stdout } = await cli(['list']);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^STREAM +LENGTH +LAST EVENT +DEAD LETTERS +PUBLISHED$/);
    expect(lines[1]).toMatch(/^orders +2 +\d{4}-\d\d-\d\dT\S+ +1 +2$/);
    const groupHeader = lines.findIndex((l) => l.startsWith('STREAM  GROUP'));
    expect(lines[groupHeader + 1]).toMatch(/^orders +shipments +0 +0 +- +1 +1 +0 +1 +0 +0 +0 +0$/);
    // Columns line up: every value starts where its header starts.
    expect(lines[groupHeader]!.indexOf('BACKLOG')).toBe(lines[groupHeader + 1]!.indexOf('0'));
  });

  it('shows dead letters and re-drives one', async () => {
    const listing = await cli(['dlq', 'orders']);
    expect(listing.code).toBe(0);
    expect(listing.stdout).toMatch(/^ID +GROUP +TYPE +SUBJECT +ATTEMPTS +DEAD-LETTERED AT +REASON$/m);
    expect(listing.stdout).toMatch(/shipments +test\.item\.changed +order-2 +1 +\S+ +handler failed 1 times/);
    expect(listing.stdout).toContain('1 of 1 dead letter(s)');
    const id = listing.stdout.split('\n')[1]!.split(' ')[0]!;

    fixed = true;
    const replay = await cli(['replay', 'dlq', 'orders', id]);
    expect(replay).toMatchObject({ code: 0, stdout: 'Re-drove 1 dead letter(s) of orders to shipments' });
    await waitFor(
      async () => (await bus.health())[0]?.groups[0]?.counters.replayed === 1,
      'the re-drive to be processed',
    );
  });

  it('replays a range to one group', async () => {
    const result = await cli(['replay', 'stream', 'orders', 'shipments', '0']);
    expect(result).toMatchObject({ code: 0, stdout: 'Replayed 2 event(s) of orders to group shipments' });
    const missing = await cli(['replay', 'stream', 'orders', 'billing', '0']);
    expect(missing).toMatchObject({
      code: 1,
      stderr: 'NOT_FOUND: Consumer group "billing" of stream "orders" was not found',
    });
  });

  it('tails a stream until stopped', async () => {
    const controller = new AbortController();
    const event = itemEvent('order-3', 3);
    const tailing = cli(['tail', 'orders'], {
      signal: controller.signal,
      onLine: (line) => {
        if (line.startsWith('Tailing')) void bus.publish('orders', event);
        if (line.includes(event.id)) controller.abort();
      },
    });
    const result = await tailing;
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(`\\d+-\\d+  \\S+  test\\.item\\.changed v1  order-3  seq=-  id=${event.id}`),
    );
  });
});
