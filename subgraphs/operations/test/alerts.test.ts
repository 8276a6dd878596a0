import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { operationsHarness, waitFor } from './support.js';

const SECRET = 'alert-secret-0123456789';

interface Received {
  status: number;
  body: { action: string; severity: string; exception: { id: string; status: string; revision: number } };
  validSignature: boolean;
  idempotencyKey: string;
}

/** A local alert receiver that answers 500 to the first `failFirst` calls and 204 afterwards. */
async function receiver(failFirst: number) {
  const calls: Received[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const expected = createHmac('sha256', SECRET)
        .update(`${String(req.headers['x-fm-timestamp'])}.${raw}`)
        .digest('hex');
      const status = calls.length < failFirst ? 500 : 204;
      calls.push({
        status,
        body: JSON.parse(raw),
        validSignature: req.headers['x-fm-signature'] === `sha256=${expected}`,
        idempotencyKey: String(req.headers['idempotency-key']),
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`;
  return { url, calls, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('alert webhooks', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('sends one signed call per state change and retries a 500 through the backbone', async () => {
    const rx = await receiver(1);
    cleanups.push(rx.close);
    const h = await operationsHarness({
      options: { alerts: { url: rx.url, secret: SECRET, backoff: { baseMs: 5, maxMs: 20 } } },
    });
    cleanups.push(h.close);
    await h.subgraph.start!();

    const { exception } = await h.subgraph.exceptions.raise({
      kind: 'ERP_POSTING_FAILED',
      subject: 'erp-sales-orders',
      subjectType: 'ADAPTER',
      summary: 'ERP down',
    });
    await h.subgraph.exceptions.raise({
      kind: 'ERP_POSTING_FAILED',
      subject: 'erp-sales-orders',
      subjectType: 'ADAPTER',
      summary: 'ERP down',
    });
    await waitFor(() => rx.calls.some((c) => c.status === 204), 'the retried alert of the opening');
    await h.subgraph.exceptions.acknowledge(exception._id, 'ops-1');
    await h.subgraph.exceptions.assign(exception._id, 'ops-1', 'dana');
    await h.subgraph.exceptions.clear('ERP_POSTING_FAILED', 'erp-sales-orders', 'postings drained');
    await waitFor(() => rx.calls.filter((c) => c.status === 204).length === 3, 'three accepted alerts');
    await waitFor(
      async () => (await h.subgraph.collections.exceptions.findOne({ _id: exception._id }))?.alerted.length === 3,
      'alerts recorded',
    );

    expect(rx.calls.map((c) => [c.status, c.body.action, c.body.exception.status])).toEqual([
      [500, 'raised', 'OPEN'],
      [204, 'raised', 'OPEN'],
      [204, 'acknowledged', 'ACKNOWLEDGED'],
      [204, 'resolved', 'RESOLVED'],
    ]);
    expect(rx.calls.every((c) => c.validSignature)).toBe(true);
    expect(rx.calls[0]!.idempotencyKey).toBe(rx.calls[1]!.idempotencyKey);
    expect(rx.calls.map((c) => c.body.severity)).toEqual(['CRITICAL', 'CRITICAL', 'CRITICAL', 'CRITICAL']);
  });

  it('does not alert below the minimum severity', async () => {
    const rx = await receiver(0);
    cleanups.push(rx.close);
    const h = await operationsHarness({
      options: { alerts: { url: rx.url, secret: SECRET, minSeverity: 'CRITICAL' } },
    });
    cleanups.push(h.close);
    await h.subgraph.start!();
    await h.subgraph.exceptions.raise({
      kind: 'BACKORDER',
      subject: 'ord-1',
      subjectType: 'ORDER',
      summary: 'backordered',
    });
    await h.subgraph.exceptions.raise({
      kind: 'ERP_POSTING_FAILED',
      subject: 'erp-shipments',
      subjectType: 'ADAPTER',
      summary: 'ERP down',
    });
    await waitFor(() => rx.calls.length === 1, 'the critical alert');
    expect(rx.calls[0]!.body.exception).toMatchObject({ status: 'OPEN' });
    expect(rx.calls[0]!.body.severity).toBe('CRITICAL');
  });
});
