import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEmbeddedStore, type Store } from '@fulfillment-mesh/runtime';
import {
  build846,
  build855,
  build856,
  build945,
  buildInterchange,
  createControlNumberAllocator,
  parseX12,
  receiveX12,
  validateEnvelope,
  type ControlNumberAllocator,
  type ControlNumberDoc,
  type EdiParty,
} from '../src/index.js';
import { segmentsOf } from './edi-support.js';

const us = { qualifier: 'ZZ', id: 'FMESH' };
const partner = { qualifier: '01', id: '999999999', applicationCode: 'RETAILER' };
const at = new Date('2025-03-02T15:04:00Z');
const shipTo: EdiParty = {
  entity: 'ST',
  name: 'Store 12',
  idQualifier: '92',
  id: '0012',
  address: { lines: ['1 Main St'], city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' },
};

describe('outbound EDI documents', () => {
  let store: Store;
  let allocator: ControlNumberAllocator;
  beforeEach(() => {
    store = openEmbeddedStore();
    allocator = createControlNumberAllocator({ collection: store.collection<ControlNumberDoc>('edi_control_numbers') });
  });
  afterEach(() => store.close());

  const roundTrip = async (transactions: Parameters<typeof buildInterchange>[0]['transactions']) => {
    const generated = await buildInterchange({ sender: us, receiver: partner, transactions, allocator, at });
    const [parsed] = parseX12(generated.text);
    expect(validateEnvelope(parsed!).reasons).toEqual([]);
    return generated;
  };

  it('generates an 855 acknowledging each PO line, which parses and validates', async () => {
    const { text } = await roundTrip([
      build855({
        poNumber: 'PO-4471',
        poDate: '2025-03-01',
        ackType: 'AC',
        ackDate: '2025-03-02',
        sellerOrderNumber: 'SO-88',
        lines: [
          {
            lineNumber: '1',
            quantity: 10,
            uom: 'EA',
            unitPrice: '4.50',
            buyerPartNumber: 'B-100',
            vendorPartNumber: 'FM-1',
            status: 'IA',
            scheduledShipDate: '2025-03-04',
          },
          { lineNumber: '2', quantity: 2, uom: 'CS', vendorPartNumber: 'FM-2', status: 'IB', ackQuantity: 1 },
        ],
      }),
    ]);
    expect(segmentsOf(text, '855')).toEqual([
      'ST*855*0001',
      'BAK*00*AC*PO-4471*20250301****SO-88*20250302',
      'PO1*1*10*EA*4.50**BP*B-100*VP*FM-1',
      'ACK*IA*10*EA*068*20250304',
      'PO1*2*2*CS***VP*FM-2',
      'ACK*IB*1*CS',
      'CTT*2',
      'SE*8*0001',
    ]);
    expect(text).toContain('GS*PR*FMESH*RETAILER*20250302*1504*1*X*004010~');
  });

  it('generates an 856 with the shipment / order / item hierarchy', async () => {
    const { text } = await roundTrip([
      build856({
        shipmentId: 'SHP-1',
        shippedAt: '2025-03-02T14:00:00Z',
        carrier: { scac: 'UPSN', trackingNumber: '1Z999', billOfLading: 'BOL-7' },
        packages: { code: 'CTN25', count: 2 },
        weight: { value: 12.5, unit: 'LB' },
        shipTo,
        orders: [
          {
            poNumber: 'PO-1',
            poDate: '2025-03-01',
            lines: [{ lineNumber: '1', quantity: 4, uom: 'EA', vendorPartNumber: 'FM-1', description: 'Small widget' }],
          },
          {
            poNumber: 'PO-2',
            lines: [
              { lineNumber: '1', quantity: 1, uom: 'EA', vendorPartNumber: 'FM-2' },
              { lineNumber: '2', quantity: 3, uom: 'EA', upc: '012345678905' },
            ],
          },
        ],
      }),
    ]);
    const segments = segmentsOf(text, '856');
    expect(segments.filter((s) => s.startsWith('HL*'))).toEqual([
      'HL*1**S',
      'HL*2*1*O',
      'HL*3*2*I',
      'HL*4*1*O',
      'HL*5*4*I',
      'HL*6*4*I',
    ]);
    expect(segments).toContain('BSN*00*SHP-1*20250302*1400*0004');
    expect(segments).toContain('TD1*CTN25*2****G*12.5*LB');
    expect(segments).toContain('REF*CN*1Z999');
    expect(segments).toContain('PRF*PO-1***20250301');
    expect(segments).toContain('SN1*2*3*EA');
    expect(segments.at(-2)).toBe('CTT*6*8');
  });

  it('generates an 846 inventory advice per location', async () => {
    const { text } = await roundTrip([
      build846({
        reportId: 'INV-1',
        asOf: '2025-03-02T06:00:00Z',
        location: { entity: 'WH', name: 'DC East', idQualifier: '92', id: 'dc-east', address: null },
        items: [
          { sku: 'FM-1', upc: '012345678905', uom: 'EA', available: 120, onHand: 130, description: 'Small widget' },
          { sku: 'FM-2', uom: 'EA', available: 0, nextAvailableDate: '2025-03-15' },
        ],
      }),
    ]);
    expect(segmentsOf(text, '846')).toEqual([
      'ST*846*0001',
      'BIA*00*DD*INV-1*20250302*0600',
      'N1*WH*DC East*92*dc-east',
      'LIN*1*SK*FM-1*UP*012345678905',
      'PID*F****Small widget',
      'QTY*33*120*EA',
      'QTY*17*130*EA',
      'LIN*2*SK*FM-2',
      'QTY*33*0*EA',
      'DTM*018*20250315',
      'CTT*2',
      'SE*12*0001',
    ]);
  });

  it('generates a 945 warehouse shipping advice with partial lines marked', async () => {
    const { text } = await roundTrip([
      build945({
        depositorOrderNumber: '538686',
        shipmentId: 'SHP-9',
        poNumber: 'PO-9',
        shippedAt: '2025-03-02',
        carrier: { scac: 'FDEG', trackingNumber: '7777', billOfLading: 'BOL-9' },
        weight: { value: 56, unit: 'LB' },
        lines: [
          { lineNumber: '1', sku: 'FM-1', uom: 'CA', quantityOrdered: 12, quantityShipped: 12 },
          { lineNumber: '2', sku: 'FM-2', uom: 'CA', quantityOrdered: 32, quantityShipped: 30, upc: '000100000010' },
        ],
      }),
    ]);
    const segments = segmentsOf(text, '945');
    expect(segments[1]).toBe('W06*N*538686*20250302*SHP-9**PO-9');
    expect(segments).toContain('N9*2I*7777');
    expect(segments).toContain('W27*M*FDEG');
    expect(segments).toContain('W12*CC*12*12*0*CA**VN*FM-1');
    expect(segments).toContain('W12*CP*32*30*2*CA*000100000010*VN*FM-2');
    expect(segments.at(-2)).toBe('W03*42*56*LB');
  });

  it('puts different document types into one functional group each', async () => {
    const generated = await roundTrip([
      build846({ reportId: 'A', asOf: at.toISOString(), items: [{ sku: 'FM-1', uom: 'EA', available: 1 }] }),
      build855({
        poNumber: 'P',
        poDate: '2025-03-01',
        ackType: 'AD',
        lines: [{ lineNumber: '1', quantity: 1, uom: 'EA', status: 'IA' }],
      }),
      build846({ reportId: 'B', asOf: at.toISOString(), items: [{ sku: 'FM-2', uom: 'EA', available: 2 }] }),
    ]);
    expect(generated.groups).toEqual([
      { functionalId: 'IB', controlNumber: '1', transactionControlNumbers: ['0001', '0002'] },
      { functionalId: 'PR', controlNumber: '2', transactionControlNumbers: ['0003'] },
    ]);
  });

  it('replaces delimiter characters inside values instead of corrupting the document', async () => {
    const { text } = await roundTrip([
      build846({
        reportId: 'R~1',
        asOf: at.toISOString(),
        items: [{ sku: 'FM*1', uom: 'EA', available: 1, description: 'Bolt 3>4"' }],
      }),
    ]);
    expect(segmentsOf(text, '846')).toContain('LIN*1*SK*FM 1');
    expect(segmentsOf(text, '846')).toContain('PID*F****Bolt 3 4"');
  });

  it('accepts its own documents on the receiving side', async () => {
    const generated = await buildInterchange({
      sender: us,
      receiver: partner,
      transactions: [
        build855({
          poNumber: 'P',
          poDate: '2025-03-01',
          ackType: 'AD',
          lines: [{ lineNumber: '1', quantity: 1, uom: 'EA', status: 'IA' }],
        }),
      ],
      allocator,
      at,
    });
    const [received] = await receiveX12(generated.text, { allocator });
    expect(received?.ack.accepted).toBe(true);
    expect(segmentsOf(received!.ack.text, '997')).toContain('AK9*A*1*1*1');
  });
});

describe('control numbers', () => {
  it('never repeats a number, across interchanges and across a restart of the store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fm-edi-'));
    try {
      let store = openEmbeddedStore({ dir });
      let allocator = createControlNumberAllocator({
        collection: store.collection<ControlNumberDoc>('edi_control_numbers'),
      });
      const tx = () => [
        build846({ reportId: 'R', asOf: at.toISOString(), items: [{ sku: 'FM-1', uom: 'EA', available: 1 }] }),
      ];
      const first = await Promise.all(
        [1, 2, 3].map(() => buildInterchange({ sender: us, receiver: partner, transactions: tx(), allocator, at })),
      );
      await store.close();
      store = openEmbeddedStore({ dir });
      allocator = createControlNumberAllocator({
        collection: store.collection<ControlNumberDoc>('edi_control_numbers'),
      });
      const after = await buildInterchange({ sender: us, receiver: partner, transactions: tx(), allocator, at });
      const otherPartner = await allocator.next('interchange', 'ZZ:FMESH>01:888'); // each partner has its own gap-free sequence
      await store.close();
      const isa = [...first, after].map((g) => g.interchangeControlNumber);
      expect(new Set(isa).size).toBe(4);
      expect(isa.sort()).toEqual(['000000001', '000000002', '000000003', '000000004']);
      expect(after.groups[0]?.transactionControlNumbers).toEqual(['0004']);
      expect(otherPartner).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
