import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEvent, defineEvent } from '@fulfillment-mesh/events';
import { startMesh, type RunningMesh } from '@fulfillment-mesh/mesh';
import { product, tinyDataset } from './fixtures.js';
import { eventually } from './helpers.js';
import { sample, scrape } from './prometheus.js';

/**
 * A producer adds an event type no consumer knows yet, of an entity every consumer follows: every consumer group
 * acknowledges it unread (counted in fm_events_ignored_total) and nothing is dead-lettered — on the in-process bus
 * and on Redis Streams (127.0.0.1:6379, keys under a random prefix removed afterwards).
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const NEW_TYPES: Record<string, string> = {
  catalog: 'catalog.product.archived',
  inventory: 'inventory.reservation.archived',
  orders: 'orders.order.archived',
  shipments: 'shipments.shipment.archived',
};

describe.each([{ kind: 'memory' as const }, { kind: 'redis' as const }])(
  'a new event type on every stream ($kind bus)',
  ({ kind }) => {
    const prefix = `fm-e2e-unknown-${randomUUID().slice(0, 8)}`;
    let mesh: RunningMesh;

    beforeAll(async () => {
      const dataset = tinyDataset([product('GEAR', '3.00')], { GEAR: { 'dc-east': 5 } });
      mesh = await startMesh({
        inMemory: true,
        randomPorts: true,
        dataset,
        ...(kind === 'redis' ? { redisUrl: REDIS_URL, redisPrefix: prefix } : {}),
      });
    });
    afterAll(async () => {
      await mesh?.close();
      if (kind !== 'redis') return;
      const redis = createClient({ url: REDIS_URL });
      await redis.connect();
      for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 }))
        if (keys.length > 0) await redis.del(keys);
      await redis.quit();
    });

    it('is acknowledged by every consumer group, counted as ignored, and dead-letters nothing', async () => {
      for (const [stream, type] of Object.entries(NEW_TYPES)) {
        const def = defineEvent({
          type,
          version: 1,
          description: 'A type added by its producer.',
          schema: z.object({ id: z.string() }),
        });
        await mesh.bus.publish(
          stream,
          createEvent(def, { source: `/subgraphs/${stream}`, subject: `${stream}-1`, data: { id: `${stream}-1` } }),
        );
      }

      // Every group of every stream has taken (and acknowledged) everything, the new events included.
      const health = await eventually(
        () => mesh.bus.health(),
        (streams) =>
          Object.keys(NEW_TYPES).every((name) => streams.some((s) => s.stream === name && s.length > 0)) &&
          streams.every((s) => s.groups.every((g) => g.backlog === 0 && g.pending === 0)),
      );
      const orders = health.find((s) => s.stream === 'orders')!;
      expect(orders.groups.map((g) => g.group)).toEqual(
        expect.arrayContaining(['inventory', 'shipments', 'operations']),
      );
      for (const stream of health) {
        expect({ stream: stream.stream, deadLetters: stream.deadLetters }).toEqual({
          stream: stream.stream,
          deadLetters: 0,
        });
        expect((await mesh.bus.deadLetters(stream.stream)).total).toBe(0);
      }

      const url = (name: string) => mesh.subgraphs.find((s) => s.name === name)!.url;
      const inventory = await scrape(url('inventory'));
      expect(
        sample(inventory, 'fm_events_ignored_total', {
          stream: 'orders',
          group: 'inventory',
          type: 'orders.order.archived',
        }),
      ).toBe(1);
      expect(
        sample(inventory, 'fm_events_ignored_total', {
          stream: 'shipments',
          group: 'inventory',
          type: 'shipments.shipment.archived',
        }),
      ).toBe(1);
      const orderMetrics = await scrape(url('orders'));
      expect(
        sample(orderMetrics, 'fm_events_ignored_total', {
          stream: 'inventory',
          group: 'orders',
          type: 'inventory.reservation.archived',
        }),
      ).toBe(1);
      const shipments = await scrape(url('shipments'));
      expect(
        sample(shipments, 'fm_events_ignored_total', {
          stream: 'orders',
          group: 'shipments',
          type: 'orders.order.archived',
        }),
      ).toBe(1);
    });
  },
);
