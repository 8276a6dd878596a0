import { createEvent, createEventRegistry, defineEvent, type EventBus } from '@fulfillment-mesh/events';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { manualClock, operationsHarness, waitFor } from './support.js';

// Producer-side declarations of the domain events, as the owning subgraphs publish them (docs/events.md).
const loose = z.record(z.string(), z.unknown());
const ev = (type: string) => defineEvent({ type, version: 1, description: 'test producer', schema: loose });
const publish = (
  bus: EventBus,
  stream: string,
  type: string,
  subject: string,
  data: Record<string, unknown>,
  time?: Date,
) => bus.publish(stream, createEvent(ev(type), { source: '/test', subject, data, ...(time ? { time } : {}) }));

/** True once `group` processed `n` events of `stream`. */
async function processed(bus: EventBus, stream: string, group: string, n: number): Promise<boolean> {
  const health = await bus.health();
  return (health.find((s) => s.stream === stream)?.groups.find((g) => g.group === group)?.counters.processed ?? 0) >= n;
}

describe('exceptions raised from the backbone', () => {
  let h: Awaited<ReturnType<typeof operationsHarness>> | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('raises CARRIER_EXCEPTION on a carrier EXCEPTION milestone and resolves it when the shipment moves on', async () => {
    h = await operationsHarness();
    await h.subgraph.start!();
    const milestone = { shipmentId: 'shp-1', orderId: 'ord-1', at: '2026-12-01T10:00:00.000Z', location: null };
    await publish(h.bus, 'shipments', 'shipments.milestone.recorded', 'shp-1', {
      ...milestone,
      status: 'EXCEPTION',
      description: 'Address not found',
      shipmentStatus: 'EXCEPTION',
    });
    const raised = await waitFor(
      () => h!.subgraph.exceptions.open('CARRIER_EXCEPTION', 'shp-1'),
      'the carrier exception',
    );
    expect(raised).toMatchObject({ subjectType: 'SHIPMENT', detail: 'Address not found', status: 'OPEN' });
    await publish(h.bus, 'shipments', 'shipments.milestone.recorded', 'shp-1', {
      ...milestone,
      status: 'IN_TRANSIT',
      description: 'Departed',
      shipmentStatus: 'IN_TRANSIT',
    });
    const resolved = await waitFor(async () => {
      const doc = await h!.subgraph.collections.exceptions.findOne({ _id: raised._id });
      return doc?.status === 'RESOLVED' ? doc : null;
    }, 'the auto-resolution');
    expect(resolved.resolvedBy).toBe('auto: carrier reported IN_TRANSIT');
  });

  it('raises LATE_SHIPMENT when a shipment passes its channel ship-by SLA, and resolves it when it ships', async () => {
    const clock = manualClock('2026-12-01T08:00:00.000Z');
    h = await operationsHarness({ now: () => clock.now(), options: { sla: { shipByMs: { EDI: 2 * 3_600_000 } } } });
    await h.subgraph.start!();
    const placedAt = new Date('2026-12-01T08:00:00.000Z');
    await publish(
      h.bus,
      'orders',
      'orders.order.placed',
      'ord-2',
      { orderId: 'ord-2', channel: 'EDI', status: 'ACCEPTED' },
      placedAt,
    );
    await waitFor(() => processed(h!.bus, 'orders', 'operations', 1), 'the placement');
    await publish(h.bus, 'shipments', 'shipments.shipment.created', 'shp-2', {
      shipmentId: 'shp-2',
      orderId: 'ord-2',
      locationId: 'dc-1',
      lines: [],
    });
    await waitFor(() => processed(h!.bus, 'shipments', 'operations', 1), 'the shipment');
    clock.advance(2 * 3_600_000 - 1);
    await h.subgraph.sweeper.sweep();
    expect(await h.subgraph.exceptions.open('LATE_SHIPMENT', 'shp-2')).toBeNull();
    clock.advance(2);
    await h.subgraph.sweeper.sweep();
    await h.subgraph.sweeper.sweep();
    const late = await h.subgraph.exceptions.unresolved({ kind: 'LATE_SHIPMENT' });
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ subject: 'shp-2', occurrences: 1, detail: 'channel EDI' });
    await publish(h.bus, 'shipments', 'shipments.shipment.confirmed', 'shp-2', {
      shipmentId: 'shp-2',
      orderId: 'ord-2',
    });
    await waitFor(
      async () => (await h!.subgraph.exceptions.open('LATE_SHIPMENT', 'shp-2')) === null,
      'the late shipment to resolve',
    );
  });

  it('raises ERP_POSTING_FAILED once during an ERP outage, however often the posting retries, and resolves it when postings drain', async () => {
    h = await operationsHarness();
    await h.subgraph.start!();
    // The posting group as the orders subgraph runs it: every run fails until the ERP is back.
    let erpUp = false;
    let failures = 0;
    const consumer = await h.bus.consume({
      stream: 'orders',
      group: 'orders.erp',
      consumer: 'test',
      registry: createEventRegistry([ev('orders.order.transitioned')]),
      backoff: { baseMs: 1, maxMs: 5 },
      maxAttempts: 100,
      handler: () => {
        if (!erpUp) {
          failures++;
          throw new Error('ERP answered 503');
        }
      },
    });
    await publish(h.bus, 'orders', 'orders.order.transitioned', 'ord-3', {
      orderId: 'ord-3',
      channel: 'WEB',
      from: 'PENDING_VALIDATION',
      to: 'ACCEPTED',
      cause: 't',
      actor: 't',
      at: 'x',
    });
    await h.subgraph.sweeper.sweep();
    for (const seen of [2, 4, 6]) {
      await waitFor(() => failures >= seen, `${seen} failed postings`);
      await h.subgraph.sweeper.sweep();
    }
    const open = await h.subgraph.exceptions.unresolved({ kind: 'ERP_POSTING_FAILED' });
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ subject: 'erp-sales-orders', subjectType: 'ADAPTER', occurrences: 1 });
    erpUp = true;
    await waitFor(
      () =>
        h!.bus
          .health()
          .then(
            (s) => s.find((x) => x.stream === 'orders')?.groups.find((g) => g.group === 'orders.erp')?.pending === 0,
          ),
      'the posting to drain',
    );
    await h.subgraph.sweeper.sweep();
    const after = await h.subgraph.collections.exceptions.findOne({ _id: open[0]!._id });
    expect(after).toMatchObject({ status: 'RESOLVED', resolvedBy: 'auto: postings drained' });
    const health = await (
      await h.as('ops', ['operations:read'])
    ).run('{ adapterHealth { adapter failuresLastHour lastFailureAt lastSuccessAt backlog } }');
    const erp = (
      health.data?.adapterHealth as { adapter: string; failuresLastHour: number; lastSuccessAt: string | null }[]
    ).find((a) => a.adapter === 'erp-sales-orders');
    expect(erp?.failuresLastHour).toBeGreaterThanOrEqual(4);
    expect(erp?.lastSuccessAt).not.toBeNull();
    await consumer.stop();
  });

  it('raises MASTERING_CONFLICT once per subject for writes refused by the mastering rules, on the product a position belongs to', async () => {
    h = await operationsHarness();
    await h.subgraph.start!();
    const conflict = {
      conflictId: 'c-1',
      fieldGroup: 'onHand',
      code: 'NOT_AUTHORITATIVE',
      reason: 'erp does not master onHand at dc-1',
      incomingSource: 'erp',
      currentSource: 'wms',
      at: '2026-12-01T10:00:00.000Z',
    };
    await publish(h.bus, 'inventory', 'inventory.conflict.recorded', 'positions/SKU-1@dc-1', {
      ...conflict,
      entity: 'positions',
      entityId: 'SKU-1@dc-1',
    });
    await publish(h.bus, 'inventory', 'inventory.conflict.recorded', 'positions/SKU-1@dc-2', {
      ...conflict,
      conflictId: 'c-2',
      entity: 'positions',
      entityId: 'SKU-1@dc-2',
    });
    await publish(h.bus, 'catalog', 'catalog.conflict.recorded', 'products/SKU-2', {
      ...conflict,
      conflictId: 'c-3',
      fieldGroup: 'content',
      entity: 'products',
      entityId: 'SKU-2',
      incomingSource: 'pim',
    });
    await waitFor(() => processed(h!.bus, 'inventory', 'operations', 2), 'the inventory conflicts');
    await waitFor(() => processed(h!.bus, 'catalog', 'operations', 1), 'the catalog conflict');
    const open = await h.subgraph.exceptions.unresolved({ kind: 'MASTERING_CONFLICT' });
    expect(open.map((e) => [e.subject, e.subjectType, e.occurrences]).sort()).toEqual([
      ['SKU-1', 'PRODUCT', 2],
      ['SKU-2', 'PRODUCT', 1],
    ]);
    expect(open.find((e) => e.subject === 'SKU-1')).toMatchObject({
      severity: 'INFO',
      detail: 'erp does not master onHand at dc-1',
    });
    expect(open.find((e) => e.subject === 'SKU-2')?.summary).toBe(
      'A content write from pim to products SKU-2 was refused (NOT_AUTHORITATIVE)',
    );
  });

  it('raises RECONCILIATION_DRIFT for a SKU a reconciliation found drift for and resolves it when a later one finds none', async () => {
    h = await operationsHarness();
    await h.subgraph.start!();
    await publish(h.bus, 'inventory', 'inventory.reconciliation.completed', 'run-1', {
      runId: 'run-1',
      source: 'erp',
      clean: ['SKU-OK'],
      drifted: [
        { sku: 'SKU-D', locationId: 'dc-1', difference: -4, action: 'REPORTED' },
        { sku: 'SKU-D', locationId: 'dc-2', difference: 2, action: 'CORRECTED' },
      ],
    });
    const drift = await waitFor(() => h!.subgraph.exceptions.open('RECONCILIATION_DRIFT', 'SKU-D'), 'the drift');
    expect(drift).toMatchObject({ subjectType: 'PRODUCT', detail: 'dc-1: -4 (reported); dc-2: +2 (corrected)' });
    expect(await h.subgraph.exceptions.open('RECONCILIATION_DRIFT', 'SKU-OK')).toBeNull();
    await publish(h.bus, 'inventory', 'inventory.reconciliation.completed', 'run-2', {
      runId: 'run-2',
      source: 'erp',
      clean: ['SKU-D', 'SKU-OK'],
      drifted: [],
    });
    const resolved = await waitFor(async () => {
      const doc = await h!.subgraph.collections.exceptions.findOne({ _id: drift._id });
      return doc?.status === 'RESOLVED' ? doc : null;
    }, 'the drift to resolve');
    expect(resolved.resolvedBy).toBe('auto: reconciliation run-2 found no drift');
  });

  it('reports inbound connectors in adapterHealth and fm_adapter_sync_* from their outcome events', async () => {
    const clock = manualClock('2026-12-01T10:00:00.000Z');
    h = await operationsHarness({ now: () => clock.now() });
    await h.subgraph.start!();
    const outcome = (outcome: string, at: string, deadLetterId: string | null = null) =>
      publish(h!.bus, 'orders', 'orders.inbound.outcome', 'shopify-orders', {
        connector: 'shopify-orders',
        outcome,
        documentId: 'd-1',
        deadLetterId,
        reason: null,
        at,
      });
    await outcome('applied', '2026-12-01T09:00:00.000Z');
    await outcome('dead-lettered', '2026-12-01T09:10:00.000Z', 'dl-1');
    await outcome('dead-lettered', '2026-12-01T09:40:00.000Z', 'dl-2');
    await outcome('resolved', '2026-12-01T09:50:00.000Z', 'dl-1');
    await waitFor(() => processed(h!.bus, 'orders', 'operations', 4), 'the outcomes');
    const op = await h.as('ops', ['operations:read']);
    const health = await op.run(
      '{ adapterHealth { adapter direction lastSuccessAt lastFailureAt failuresLastHour backlog } }',
    );
    const shopify = (health.data?.adapterHealth as { adapter: string }[]).find((a) => a.adapter === 'shopify-orders');
    // 09:10 is more than an hour before 10:15; 09:40 is not.
    clock.advance(15 * 60_000);
    const later = await op.run('{ adapterHealth { adapter failuresLastHour } }');
    expect(shopify).toEqual({
      adapter: 'shopify-orders',
      direction: 'INBOUND',
      lastSuccessAt: '2026-12-01T09:00:00.000Z',
      lastFailureAt: '2026-12-01T09:40:00.000Z',
      failuresLastHour: 2,
      backlog: 1,
    });
    expect(
      (later.data?.adapterHealth as { adapter: string; failuresLastHour: number }[]).find(
        (a) => a.adapter === 'shopify-orders',
      )?.failuresLastHour,
    ).toBe(1);
  });

  it('raises DEAD_LETTER for an event that went to dead letters and resolves it once the letter is re-driven', async () => {
    h = await operationsHarness();
    await h.subgraph.start!();
    let fixed = false;
    const consumer = await h.bus.consume({
      stream: 'shipments',
      group: 'shipments.edi-856',
      consumer: 'test',
      registry: createEventRegistry([ev('shipments.shipment.cancelled')]),
      backoff: { baseMs: 1, maxMs: 2 },
      maxAttempts: 2,
      handler: () => {
        if (!fixed) throw new Error('partner rejected the 856');
      },
    });
    await publish(h.bus, 'shipments', 'shipments.shipment.cancelled', 'shp-9', {
      shipmentId: 'shp-9',
      orderId: 'ord-9',
      reason: 'x',
    });
    const letter = await waitFor(
      async () => (await h!.bus.deadLetters('shipments')).items.find((l) => l.group === 'shipments.edi-856'),
      'the dead letter',
    );
    await h.subgraph.sweeper.sweep();
    expect(await h.subgraph.exceptions.open('DEAD_LETTER', `shipments/${letter.id}`)).toMatchObject({
      subjectType: 'STREAM',
    });
    fixed = true;
    await h.bus.replayDeadLetters('shipments', [letter.id]);
    await h.subgraph.sweeper.sweep();
    expect(await h.subgraph.exceptions.open('DEAD_LETTER', `shipments/${letter.id}`)).toBeNull();
    await consumer.stop();
  });
});
