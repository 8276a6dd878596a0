import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createClient } from 'redis';
import { describe, expect, it } from 'vitest';
import { redisReconnectDelay, resilientRedisOptions, superviseRedis } from '../src/index.js';

/** A port where nothing listens (bound, read, released). */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('Redis clients survive outages', () => {
  it('backs off exponentially from 100 ms, never beyond the cap, with jitter', () => {
    const delays = (retries: number) => Array.from({ length: 200 }, () => redisReconnectDelay(retries, 5_000));
    expect(Math.max(...delays(0))).toBeLessThanOrEqual(100);
    expect(Math.min(...delays(0))).toBeGreaterThanOrEqual(50);
    expect(Math.min(...delays(3))).toBeGreaterThanOrEqual(400);
    expect(Math.max(...delays(40))).toBeLessThanOrEqual(5_000);
    expect(new Set(delays(40)).size).toBeGreaterThan(1);
  });

  it('starts without Redis, fails commands at once instead of queueing them, and logs the outage once', async () => {
    const lines: { msg: string; connection?: string }[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) }),
    );
    const client = createClient({ url: `redis://127.0.0.1:${await deadPort()}`, ...resilientRedisOptions(50) });
    let reconnects = 0;
    client.on('reconnecting', () => reconnects++);
    const state = superviseRedis(client, logger, 'test-connection');
    try {
      expect(state.ready()).toBe(false);
      await expect(client.get('any')).rejects.toThrow(); // no offline queue: nothing waits for Redis
      const deadline = Date.now() + 10_000;
      while (reconnects < 5 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(reconnects).toBeGreaterThanOrEqual(5);
      expect(lines.map((l) => [l.msg, l.connection])).toEqual([
        ['redis unavailable; reconnecting in the background', 'test-connection'],
      ]);
    } finally {
      client.destroy();
    }
  });
});
