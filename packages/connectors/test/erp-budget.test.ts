import { randomBytes } from 'node:crypto';
import { createServer as createNetServer } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import { createEvent, defineEvent, type EventEnvelope } from '@fulfillment-mesh/events';
import { createLogger, resilientRedisOptions } from '@fulfillment-mesh/runtime';
import { z } from 'zod';
import {
  BudgetWaitError,
  createConnectorMetrics,
  createErpRoutes,
  createHttpSender,
  createLocalBudget,
  createOutboundDelivery,
  createRedisBudget,
  ErpConfigError,
  erpEndpointsFromEnv,
  parseRetryAfter,
  PermanentDeliveryError,
  withLocalBudgetFallback,
  type BudgetRedis,
  type CallBudget,
} from '../src/index.js';
import { listen } from './support.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const posted = defineEvent({
  type: 'orders.order.placed',
  version: 1,
  schema: z.object({ orderId: z.string() }),
  description: 'test',
});
const event = (orderId: string) =>
  createEvent(posted, { source: '/subgraphs/orders', subject: orderId, data: { orderId } });
const meta = { stream: 'orders', group: 'erp', consumer: 'c1', entryId: '1-0', attempt: 1, previousAttempts: [] };

type Client = ReturnType<typeof createClient>;
const clients: Client[] = [];
const prefixes: string[] = [];

/** One process's own connection to the shared Redis (two of them stand for two replicas). */
async function connect(): Promise<Client> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  clients.push(client);
  return client;
}
const uniquePrefix = () => {
  const prefix = `fm-test:${randomBytes(6).toString('hex')}:`;
  prefixes.push(prefix);
  return prefix;
};

/** A fake ERP recording when each posting arrived; `answer` decides the response per request. */
async function fakeErp(answer: (n: number, res: ServerResponse) => void = (_n, res) => res.writeHead(200).end('{}')) {
  const arrivals: { at: number; key: string; auth?: string }[] = [];
  const server = await listen((req: IncomingMessage, res) => {
    req.resume();
    req.on('end', () => {
      arrivals.push({
        at: performance.now(),
        key: String(req.headers['idempotency-key']),
        ...(req.headers.authorization ? { auth: req.headers.authorization } : {}),
      });
      answer(arrivals.length, res);
    });
  });
  return { ...server, arrivals };
}

/** An instance of the posting delivery, as one replica of a subgraph builds it. */
function deliveryOf(url: string, budget: CallBudget) {
  return createOutboundDelivery({
    name: 'erp-test',
    send: createHttpSender({ url: `${url}/sales-orders`, body: (e: EventEnvelope) => e.data }),
    budget,
    concurrency: 50,
    retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 10 },
    metrics: createConnectorMetrics('erp-test'),
    logger: createLogger({ service: 'test', level: 'silent' }),
  });
}

/** The most arrivals inside any window of `windowMs`. */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

afterAll(async () => {
  const cleaner = clients[0];
  if (cleaner?.isReady) {
    for (const prefix of prefixes)
      for await (const keys of cleaner.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 }))
        if (keys.length > 0) await cleaner.del(keys);
  }
  await Promise.all(clients.map((c) => (c.isReady ? c.quit() : c.isOpen ? c.destroy() : undefined)));
});

describe('an ERP budget shared across processes through Redis', () => {
  it('keeps two delivery instances together under the ERP rate, measured at the ERP', async () => {
    const erp = await fakeErp();
    const prefix = uniquePrefix();
    const rate = 10;
    const budgetOf = async () =>
      createRedisBudget({
        redis: (await connect()) as unknown as BudgetRedis,
        name: 'erp:default',
        prefix,
        ratePerSecond: rate,
        burst: 1,
        concurrency: 4,
      });
    const a = deliveryOf(erp.url, await budgetOf());
    const b = deliveryOf(erp.url, await budgetOf());
    try {
      const started = performance.now();
      // A spike: 24 postings at once, half on each instance; they queue behind the shared bucket.
      await Promise.all(Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? a : b)(event(`o-${i}`), meta)));
      const elapsed = performance.now() - started;
      expect(new Set(erp.arrivals.map((r) => r.key)).size).toBe(24);
      // One bucket for both: 24 postings at 10/s take at least 2.3 s (two private buckets would need half that).
      expect(elapsed).toBeGreaterThanOrEqual(2_200);
      // Never more than R in any second at the ERP (50 ms allowed for network and timer jitter).
      expect(
        busiestWindow(
          erp.arrivals.map((r) => r.at),
          950,
        ),
      ).toBeLessThanOrEqual(rate);
    } finally {
      await erp.close();
    }
  });

  it('pauses every instance when the ERP answers 429 with Retry-After', async () => {
    let limitedAt = 0;
    const erp = await fakeErp((n, res) => {
      if (n === 1) {
        limitedAt = performance.now();
        res.writeHead(429, { 'retry-after': '1' }).end('slow down');
      } else res.writeHead(200).end('{}');
    });
    const prefix = uniquePrefix();
    const budgetOf = async () =>
      createRedisBudget({
        redis: (await connect()) as unknown as BudgetRedis,
        name: 'erp:default',
        prefix,
        ratePerSecond: 50,
      });
    const a = deliveryOf(erp.url, await budgetOf());
    const b = deliveryOf(erp.url, await budgetOf());
    try {
      await a(event('first'), meta); // 429, pause, in-process retry after the pause
      const second = erp.arrivals.length;
      await b(event('second'), meta);
      const after429 = erp.arrivals.slice(1).map((r) => r.at - limitedAt);
      expect(erp.arrivals.map((r) => r.key)).toEqual([
        erp.arrivals[0]!.key,
        erp.arrivals[0]!.key,
        erp.arrivals[second]!.key,
      ]);
      // Nothing reached the ERP during the second it asked for (20 ms of timer slack).
      for (const ms of after429) expect(ms).toBeGreaterThanOrEqual(980);
    } finally {
      await erp.close();
    }
  });

  it('a 429 seen by one instance holds back a posting another instance already had waiting', async () => {
    const erp = await fakeErp((n, res) =>
      n === 1 ? res.writeHead(429, { 'retry-after': '1' }).end() : res.writeHead(200).end('{}'),
    );
    const prefix = uniquePrefix();
    const budget = async () =>
      createRedisBudget({
        redis: (await connect()) as unknown as BudgetRedis,
        name: 'erp:x',
        prefix,
        ratePerSecond: 1,
        burst: 1,
      });
    const a = deliveryOf(erp.url, await budget());
    const b = deliveryOf(erp.url, await budget());
    try {
      const first = a(event('a'), meta);
      const second = b(event('b'), meta); // waits for the next token (1 s); the 429 then pauses it another second
      await Promise.all([first, second]);
      const [limited, ...rest] = erp.arrivals;
      for (const r of rest) expect(r.at - limited!.at).toBeGreaterThanOrEqual(980);
      expect(erp.arrivals).toHaveLength(3);
    } finally {
      await erp.close();
    }
  });

  it('frees the slot of a process that crashed holding it once its lease expires', async () => {
    const redis = (await connect()) as unknown as BudgetRedis;
    const budget = createRedisBudget({
      redis,
      name: 'erp:crash',
      prefix: uniquePrefix(),
      ratePerSecond: 100,
      concurrency: 1,
      leaseMs: 300,
    });
    await budget.acquire(); // never released: its holder "crashed"
    const started = performance.now();
    const lease = await budget.acquire();
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    await lease.release();
  });

  it('gives up waiting after maxWaitMs with a BudgetWaitError, so the bus redelivers later', async () => {
    const budget = createRedisBudget({
      redis: (await connect()) as unknown as BudgetRedis,
      name: 'erp:paused',
      prefix: uniquePrefix(),
      maxWaitMs: 200,
    });
    await budget.pause(60_000);
    await expect(budget.acquire()).rejects.toBeInstanceOf(BudgetWaitError);
  });
});

describe('an ERP budget while Redis is unavailable', () => {
  it('falls back to the in-process bucket, logs it once, and still delivers', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createNetServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const down = createClient({ url: `redis://127.0.0.1:${closedPort}`, ...resilientRedisOptions() });
    down.on('error', () => {});
    down.connect().catch(() => {});
    clients.push(down);
    const warnings: string[] = [];
    const logger = createLogger({ service: 'test', level: 'silent' });
    logger.warn = ((_obj: unknown, msg: string) => void warnings.push(msg)) as typeof logger.warn;
    const budget = withLocalBudgetFallback(
      createRedisBudget({ redis: down as unknown as BudgetRedis, name: 'erp:down', prefix: uniquePrefix() }),
      createLocalBudget('erp:down', { ratePerSecond: 100 }),
      logger,
    );
    const erp = await fakeErp();
    try {
      const delivery = deliveryOf(erp.url, budget);
      await Promise.all([delivery(event('x'), meta), delivery(event('y'), meta), delivery(event('z'), meta)]);
      expect(erp.arrivals).toHaveLength(3);
      expect(warnings).toEqual(['redis unavailable: the call budget falls back to a per-process bucket']);
    } finally {
      await erp.close();
    }
  });
});

describe('Retry-After', () => {
  it('reads delay-seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('ERP endpoints per business unit', () => {
  const env = {
    ERP_URL: 'http://erp.example/',
    ERP_API_TOKEN: 'default-token',
    ERP_ENDPOINTS: JSON.stringify({
      'bu-east': { url: 'http://east.example', tokenEnv: 'ERP_EAST_TOKEN', ratePerSecond: 5 },
      'bu-west': { url: 'http://west.example/' },
    }),
    ERP_EAST_TOKEN: 'east-token',
  };

  it('reads ERP_URL as the default business unit and ERP_ENDPOINTS for the others', () => {
    const endpoints = erpEndpointsFromEnv(env);
    expect(endpoints).toEqual({
      default: { businessUnit: 'default', url: 'http://erp.example', token: 'default-token', limits: {} },
      'bu-east': {
        businessUnit: 'bu-east',
        url: 'http://east.example',
        token: 'east-token',
        limits: { ratePerSecond: 5 },
      },
      'bu-west': { businessUnit: 'bu-west', url: 'http://west.example', limits: {} },
    });
  });

  it.each([
    [{ ERP_ENDPOINTS: '{"bu-east":' }, /^ERP_ENDPOINTS is not valid JSON/],
    [{ ERP_ENDPOINTS: '{"bu-east":{"url":"ftp://x"}}' }, /^ERP_ENDPOINTS is invalid at bu-east\.url/],
    [{ ERP_ENDPOINTS: '{"bu-east":{"url":"http://x","token":"inline"}}' }, /^ERP_ENDPOINTS is invalid at bu-east/],
    [{ ERP_ENDPOINTS: '{"bu-east":{"url":"http://x","tokenEnv":"NOPE_TOKEN"}}' }, /NOPE_TOKEN, which is not set/],
    [{ ERP_ENDPOINTS: '{"bad unit":{"url":"http://x"}}' }, /^ERP_ENDPOINTS is invalid at bad unit/],
    [{ ERP_ENDPOINTS_FILE: '/nonexistent/erp.json' }, /^ERP_ENDPOINTS_FILE \(\/nonexistent\/erp.json\) cannot be read/],
    [{ ERP_URL: 'http://a', ERP_ENDPOINTS: '{"default":{"url":"http://b"}}' }, /which ERP_URL already is/],
    [{ ERP_URL: 'http://a', ERP_RATE_PER_SECOND: 'fast' }, /^ERP_RATE_PER_SECOND must be a positive number/],
  ])('refuses %j with one clear message', (bad, message) => {
    expect(() => erpEndpointsFromEnv(bad)).toThrow(ErpConfigError);
    expect(() => erpEndpointsFromEnv(bad)).toThrow(message);
  });

  it('names an unknown business unit in a permanent delivery error', () => {
    const routes = createErpRoutes(erpEndpointsFromEnv(env));
    expect(() => routes.endpoint('bu-north')).toThrow(PermanentDeliveryError);
    expect(() => routes.budget('bu-north')).toThrow(
      'no ERP is configured for business unit "bu-north" (configured: default, bu-east, bu-west); set it in ERP_ENDPOINTS',
    );
    expect(routes.budget('bu-east')).not.toBe(routes.budget('bu-west'));
  });
});
