import { afterEach, describe, expect, it } from 'vitest';
import { decide } from '@fulfillment-mesh/connectors';
import { rulesFor, shipmentsMastering } from '../src/mastering.js';
import { ERP_SECRET, hexSignature, servedShipments } from './adapter-support.js';

const PATH = '/adapters/erp/freight-costs';
type Served = Awaited<ReturnType<typeof servedShipments>>;

const cost = (shipmentId: string, source: string, sequence: number, amount: string) =>
  JSON.stringify({ source, sequence, shipmentId, amount, currencyCode: 'USD', observedAt: '2026-11-10T08:00:00Z' });
const signed = (body: string) => ({ 'x-erp-signature': hexSignature(ERP_SECRET, body) });

describe('mastering rules of shipments', () => {
  const at = '2026-11-10T08:00:00Z';
  it("narrows confirmation to the shipment's own WMS and tracking to its carrier", () => {
    const rules = rulesFor({ locationId: 'DC-EAST', carrier: 'FedEx' });
    const incoming = (source: string) => ({ source, sourceVersion: '1', observedAt: at });
    expect(decide(rules, { fieldGroup: 'confirmation', incoming: incoming('wms:DC-EAST') }).outcome).toBe('apply');
    expect(decide(rules, { fieldGroup: 'confirmation', incoming: incoming('wms:DC-WEST') })).toMatchObject({
      outcome: 'refuse',
      code: 'non-authoritative',
    });
    expect(decide(rules, { fieldGroup: 'tracking', incoming: incoming('carrier:fedex') }).outcome).toBe('apply');
    expect(decide(rules, { fieldGroup: 'tracking', incoming: incoming('carrier:ups') })).toMatchObject({
      outcome: 'refuse',
      code: 'non-authoritative',
    });
    expect(decide(shipmentsMastering, { fieldGroup: 'freightCost', incoming: incoming('wms:DC-EAST') })).toMatchObject({
      outcome: 'refuse',
    });
  });
});

describe('freight costs from the ERP and TMS', () => {
  let served: Served;
  afterEach(() => served.close());

  it('sets the freight cost with its provenance and shows both in the graph', async () => {
    served = await servedShipments({ erpSecret: ERP_SECRET });
    const id = await served.release('O-1', 'DC', ['L1', 'SKU-1', 1]);
    const body = cost(id, 'erp', 3, '18.40');
    expect(await served.post(PATH, body, signed(body))).toMatchObject({ status: 200, json: { status: 'applied' } });
    const result = await served.graphql(
      `{ shipment(id: "${id}") { freightCost { amount currencyCode } provenance { field source sourceVersion observedAt adapterRun } } }`,
    );
    expect(result.data?.shipment).toEqual({
      freightCost: { amount: '18.40', currencyCode: 'USD' },
      provenance: [
        {
          field: 'freightCost',
          source: 'erp',
          sourceVersion: '3',
          observedAt: '2026-11-10T08:00:00.000Z',
          adapterRun: 'erp-freight-costs:erp#3',
        },
        {
          field: 'plan',
          source: 'orders',
          sourceVersion: 'evt-O-1',
          observedAt: '2026-11-10T12:00:00.000Z',
          adapterRun: null,
        },
      ],
    });
  });

  it('lets the TMS outrank the ERP, and refuses the ERP afterwards with the value and provenance unchanged', async () => {
    served = await servedShipments({ erpSecret: ERP_SECRET });
    const id = await served.release('O-1', 'DC', ['L1', 'SKU-1', 1]);
    for (const body of [
      cost(id, 'erp', 1, '20.00'),
      cost(id, 'tms:acme', 9, '18.75'),
      cost(id, 'erp', 2, '21.00'),
      cost(id, 'wms:DC', 5, '1.00'),
    ]) {
      expect((await served.post(PATH, body, signed(body))).status).toBe(200);
    }
    const doc = await served.subgraph.shipments.get(id);
    expect(doc?.freightCost).toEqual({ amount: '18.75', currencyCode: 'USD' });
    expect(doc?.provenance.freightCost).toMatchObject({ source: 'tms:acme', sourceVersion: '9' });
    const { data } = await served.graphql(
      '{ shipmentsConflicts { totalCount nodes { source reason currentSource currentSourceVersion } } }',
    );
    expect(data?.shipmentsConflicts).toEqual({
      totalCount: 2,
      nodes: [
        {
          source: 'wms:DC',
          reason: 'non-authoritative source: wms:DC does not master freightCost (authoritative: tms:*, erp)',
          currentSource: 'tms:acme',
          currentSourceVersion: '9',
        },
        {
          source: 'erp',
          reason: 'non-authoritative source: erp ranks below tms:acme for freightCost',
          currentSource: 'tms:acme',
          currentSourceVersion: '9',
        },
      ],
    });
    expect(served.subgraph.adapters.metrics()['erp-freight-costs']).toMatchObject({ applied: 4, refused: 2 });
  });

  it('keeps a cost that is not a decimal string as a dead letter', async () => {
    served = await servedShipments({ erpSecret: ERP_SECRET });
    const id = await served.release('O-1', 'DC', ['L1', 'SKU-1', 1]);
    const body = cost(id, 'erp', 1, '18,40');
    expect(await served.post(PATH, body, signed(body))).toMatchObject({ status: 202, json: { stage: 'apply' } });
    expect((await served.subgraph.shipments.get(id))?.freightCost).toBeUndefined();
  });
});
