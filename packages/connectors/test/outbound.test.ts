import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createEvent,
  createEventRegistry,
  createMemoryEventBus,
  defineEvent,
  type EventBus,
  type EventEnvelope,
} from '@fulfillment-mesh/events';
import { z } from 'zod';
import {
  createConnectorMetrics,
  createHttpSender,
  createOutboundDelivery,
  createTokenBucket,
  PermanentDeliveryError,
  TransientDeliveryError,
  type OutboundSend,
} from '../src/index.js';
import { deferred, listen } from './support.js';

const posted = defineEvent({
  type: 'orders.order.placed',
  version: 1,
  schema: z.object({ orderId: z.string() }),
  description: 'test',
});
const registry = createEventRegistry([posted]);
const event = (orderId: string) =>
  createEvent(posted, { source: '/subgraphs/orders', subject: orderId, data: { orderId } });
const meta = { stream: 'orders', group: 'erp', consumer: 'c1', entryId: '1-0', attempt: 1, previousAttempts: [] };

/** A stand-in ERP that is down, then slow, then healthy; it applies each idempotency key once, like a real one. */
function standInErp() {
  const erp = {
    phase: 'down' as 'down' | 'slow' | 'up',
    slowRequestsLeft: 2,
    applied: new Map<string, number>(),
    /** Fast 200 answers per key: more than one would mean an event was sent again after it was acknowledged. */
    acknowledged: new Map<string, number>(),
    downAnswers: 0,
    circuitShouldBeOpen: deferred(),
    allApplied: deferred(),
    expected: 0,
    handle(req: IncomingMessage, res: ServerResponse) {
      const key = String(req.headers['idempotency-key']);
      req.resume();
      req.on('end', () => {
        if (erp.phase === 'down') {
          if (++erp.downAnswers === 3) erp.circuitShouldBeOpen.resolve();
          res.writeHead(503).end('maintenance');
          return;
        }
        if (!erp.applied.has(key)) erp.applied.set(key, 1);
        if (erp.applied.size === erp.expected) erp.allApplied.resolve();
        if (erp.phase === 'slow') {
          // Applied, but the answer comes after the client's timeout: the client must retry and the key dedupes it.
          if (--erp.slowRequestsLeft === 0) erp.phase = 'up';
          setTimeout(() => res.writeHead(200).end('{"status":"ok"}'), 250);
          return;
        }
        erp.acknowledged.set(key, (erp.acknowledged.get(key) ?? 0) + 1);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      });
    },
  };
  return erp;
}

describe('outbound delivery over the event backbone', () => {
  let bus: EventBus;
  beforeEach(() => {
    bus = createMemoryEventBus();
  });
  afterEach(() => bus.close());

  it('queues postings through an ERP outage and slowdown while fulfillment keeps flowing, then drains each exactly once', async () => {
    const erp = standInErp();
    const server = await listen((req, res) => erp.handle(req, res));
    const metrics = createConnectorMetrics('erp-orders');
    const ids = Array.from({ length: 8 }, (_, i) => `ORD-${i + 1}`);
    erp.expected = ids.length;
    const sent = deferred();
    let sends = 0;
    const http = createHttpSender({ url: `${server.url}/sales-orders`, body: (e: EventEnvelope) => e.data });
    const delivery = createOutboundDelivery({
      name: 'erp-orders',
      send: async (request) => {
        await http(request);
        if (++sends === ids.length) sent.resolve();
      },
      concurrency: 2,
      ratePerSecond: 200,
      breaker: { consecutiveFailures: 3, halfOpenAfterMs: 50 },
      retry: { maxAttempts: 1, initialDelayMs: 5, maxDelayMs: 10 },
      timeoutMs: 100,
      metrics,
    });
    const fulfilled: string[] = [];
    const fulfillmentDone = deferred();
    const consumers = await Promise.all([
      bus.consume({
        stream: 'orders',
        group: 'erp',
        consumer: 'erp-1',
        registry,
        handler: delivery,
        maxAttempts: 1_000,
        backoff: { baseMs: 5, maxMs: 40 },
        blockMs: 50,
      }),
      bus.consume({
        stream: 'orders',
        group: 'fulfillment',
        consumer: 'f-1',
        registry,
        blockMs: 50,
        handler: (e) => {
          fulfilled.push(e.subject);
          if (fulfilled.length === ids.length) fulfillmentDone.resolve();
        },
      }),
    ]);
    const events = ids.map(event);
    for (const e of events) await bus.publish('orders', e);

    await fulfillmentDone.promise;
    await erp.circuitShouldBeOpen.promise;
    expect(fulfilled).toEqual(ids); // the ERP being down held up nothing but its own postings
    expect(erp.applied.size).toBe(0);

    erp.phase = 'slow';
    await erp.allApplied.promise;
    await sent.promise;
    await Promise.all(consumers.map((c) => c.stop()));
    await server.close();

    const keys = events.map((e) => e.id).sort();
    expect([...erp.applied.keys()].sort()).toEqual(keys);
    expect([...erp.applied.values()].every((n) => n === 1)).toBe(true);
    expect([...erp.acknowledged.values()].every((n) => n === 1)).toBe(true);
    expect(metrics.get('sent')).toBe(ids.length);
    expect(metrics.get('circuitOpened')).toBeGreaterThanOrEqual(1);
    expect(metrics.get('failed')).toBeGreaterThan(0);
    expect(metrics.get('retried')).toBeGreaterThan(0);
    expect((await bus.deadLetters('orders')).total).toBe(0);
    expect(delivery.circuit()).toBe('closed');
  });

  it('fails fast with an open circuit instead of calling a dead receiver again', async () => {
    const metrics = createConnectorMetrics('erp');
    let calls = 0;
    const send: OutboundSend = async () => {
      calls++;
      throw new TransientDeliveryError('ERP answered 503', 503);
    };
    const delivery = createOutboundDelivery({
      name: 'erp',
      send,
      metrics,
      breaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 },
      retry: { maxAttempts: 0 },
    });
    await expect(delivery(event('A'), meta)).rejects.toThrow('erp: delivery of orders.order.placed');
    await expect(delivery(event('B'), meta)).rejects.toThrow();
    await expect(delivery(event('C'), meta)).rejects.toThrow(/circuit open after repeated failures/);
    expect(calls).toBe(2);
    expect(delivery.circuit()).toBe('open');
    expect(metrics.snapshot()).toMatchObject({ failed: 3, circuitOpen: 1, circuitOpened: 1 });
  });

  it('neither retries in process nor trips the breaker on a permanent refusal', async () => {
    const metrics = createConnectorMetrics('erp');
    let calls = 0;
    const send: OutboundSend = async () => {
      calls++;
      throw new PermanentDeliveryError('ERP answered 400: unknown customer', 400);
    };
    const delivery = createOutboundDelivery({ name: 'erp', send, metrics, breaker: { consecutiveFailures: 1 } });
    for (const id of ['A', 'B', 'C']) await expect(delivery(event(id), meta)).rejects.toThrow('unknown customer');
    expect(calls).toBe(3);
    expect(delivery.circuit()).toBe('closed');
    expect(metrics.get('refused')).toBe(3);
  });

  it('skips events the filter does not select', async () => {
    const metrics = createConnectorMetrics('erp');
    const delivery = createOutboundDelivery({
      name: 'erp',
      send: async () => Promise.reject(new Error('must not be called')),
      metrics,
      filter: () => false,
    });
    await delivery(event('A'), meta);
    expect(metrics.get('skipped')).toBe(1);
  });

  it('sends the idempotency key as a header and classifies statuses', async () => {
    const seen: string[] = [];
    const statuses = [400, 429, 503, 201];
    const server = await listen((req, res) => {
      seen.push(String(req.headers['idempotency-key']));
      req.resume();
      res.writeHead(statuses.shift() ?? 200).end('nope');
    });
    const send = createHttpSender({ url: server.url, body: (e) => e.data });
    const request = { event: event('A'), idempotencyKey: 'evt-1', attempt: 1, signal: new AbortController().signal };
    await expect(send(request)).rejects.toBeInstanceOf(PermanentDeliveryError);
    await expect(send(request)).rejects.toBeInstanceOf(TransientDeliveryError);
    await expect(send(request)).rejects.toThrow(/answered 503: nope/);
    await expect(send(request)).resolves.toBeUndefined();
    expect(seen).toEqual(['evt-1', 'evt-1', 'evt-1', 'evt-1']);
    await server.close();
    await expect(send(request)).rejects.toBeInstanceOf(TransientDeliveryError);
  });
});

describe('token bucket', () => {
  afterEach(() => vi.useRealTimers());

  it('lets a burst through at once, then one call per interval, in arrival order', async () => {
    vi.useFakeTimers({ now: 0 });
    const bucket = createTokenBucket({ ratePerSecond: 10, burst: 2, clock: () => Date.now() });
    const order: number[] = [];
    const calls = [1, 2, 3, 4].map((n) => bucket.take().then(() => order.push(n)));
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual([1, 2]);
    await vi.advanceTimersByTimeAsync(100);
    expect(order).toEqual([1, 2, 3]);
    await vi.advanceTimersByTimeAsync(100);
    await Promise.all(calls);
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it('rejects a wait that is aborted', async () => {
    const bucket = createTokenBucket({ ratePerSecond: 1, burst: 1 });
    await bucket.take();
    const controller = new AbortController();
    const waiting = bucket.take(controller.signal);
    controller.abort(new Error('timed out'));
    await expect(waiting).rejects.toThrow('timed out');
  });
});
