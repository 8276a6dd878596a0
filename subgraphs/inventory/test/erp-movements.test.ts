import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createMetricsRegistry } from '@fulfillment-mesh/connectors';
import { startErpMovements } from '../src/adapters/erp-movements.js';
import { logger } from './fixtures.js';
import { harness, request, stocked } from './harness.js';

/** A local stand-in for the ERP: down for the first `failures` calls, then up; resolves `drained` after `expected` postings. */
async function erpStandIn(failures: number, expected: number) {
  const posted: { key: string; body: Record<string, unknown> }[] = [];
  let calls = 0;
  let done!: () => void;
  const drained = new Promise<void>((resolve) => (done = resolve));
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      if (++calls <= failures) return void res.writeHead(503).end('maintenance');
      const key = String(req.headers['idempotency-key']);
      // The ERP drops repeats by key, as a real receiver does; the test checks none arrive anyway.
      posted.push({ key, body: JSON.parse(text) as Record<string, unknown> });
      res.writeHead(201).end();
      if (posted.length === expected) done();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    posted,
    drained,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('ERP stock movement posting', () => {
  it('queues movements while the ERP is down, keeps reserving, and drains each movement exactly once', async () => {
    const env = await harness({ positions: stocked('A', { 'DC-EAST': 10 }) });
    const erp = await erpStandIn(3, 2);
    const registry = createMetricsRegistry();
    const movements = await startErpMovements({
      bus: env.bus,
      url: erp.url,
      metrics: registry.connector('erp-movements'),
      logger,
      consume: { backoff: { baseMs: 5, maxMs: 20 }, blockMs: 20 },
      delivery: { retry: { maxAttempts: 0 }, breaker: { consecutiveFailures: 100 } },
    });
    try {
      const adjust = (onHand: number, reason: 'RECEIVED' | 'DAMAGED') =>
        env.services.stock.adjust({
          sku: 'A',
          locationId: 'DC-EAST',
          delta: { onHand },
          reason,
          reference: null,
          expectedVersion: null,
          source: 'wms:dc-east',
          actor: 'dock',
        });
      await adjust(5, 'RECEIVED');
      // Fulfillment does not wait for the ERP: a reservation goes through while postings fail.
      expect((await env.reserve(request('k1', [['L1', 'A', 2]]))).reservation.status).toBe('ACTIVE');
      await adjust(-1, 'DAMAGED');
      await env.events(); // flush the outbox to the bus
      await erp.drained;

      const ledger = (await env.events()).filter((e) =>
        ['RECEIVED', 'DAMAGED'].includes((e.data as { reason: string }).reason),
      );
      expect(erp.posted.map((p) => p.key).sort()).toEqual(ledger.map((e) => e.id).sort());
      expect(erp.posted.map((p) => [p.body.reason, p.body.quantity])).toEqual([
        ['RECEIVED', 5],
        ['DAMAGED', -1],
      ]);
      expect(registry.connector('erp-movements').snapshot()).toMatchObject({ failed: 3, skipped: 1 }); // `sent` counts after the ERP answered, so it may lag the stand-in
    } finally {
      await movements.stop();
      await erp.close();
      await env.close();
    }
  });
});
