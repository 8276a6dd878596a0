import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEmbeddedStore, type Store } from '@fulfillment-mesh/runtime';
import {
  createControlNumberAllocator,
  map850,
  receiveX12,
  type ControlNumberAllocator,
  type ReceivedTransaction,
} from '../src/index.js';
import { interchange, PO_850_BODY } from './edi-support.js';
import { hasSharedFixtures, needsShared, sharedFixture } from './support.js';

describe('850 purchase order mapping', () => {
  let store: Store;
  let allocator: ControlNumberAllocator;
  beforeEach(() => {
    store = openEmbeddedStore();
    allocator = createControlNumberAllocator({ collection: store.collection('edi_control_numbers') });
  });
  afterEach(() => store.close());

  const received = async (body: string[]): Promise<ReceivedTransaction> => {
    const [result] = await receiveX12(
      interchange({ groups: [{ id: 'PO', control: '77', sets: [{ id: '850', control: '0001', body }] }] }),
      { allocator },
    );
    return result!.accepted[0]!;
  };

  it('maps PO number, buyer, ship-to address, references, dates and lines', async () => {
    const order = map850(await received(PO_850_BODY));
    expect(order).toMatchObject({
      poNumber: 'PO-4471',
      purpose: '00',
      orderType: 'SA',
      orderDate: '2025-03-01',
      buyer: { qualifier: 'ZZ', id: 'BUYERCO', name: 'Buyer Co' },
      shipTo: {
        entity: 'ST',
        name: 'Store 12',
        idQualifier: '92',
        id: '0012',
        address: {
          lines: ['1 Main St', 'Suite 4'],
          city: 'Springfield',
          state: 'IL',
          postalCode: '62701',
          country: 'US',
        },
      },
      currency: 'USD',
      references: { DP: '042' },
      dates: { '002': '2025-03-10' },
      control: { interchange: '000000123', group: '77', transaction: '0001' },
    });
    expect(order.lines).toEqual([
      {
        lineNumber: '1',
        quantity: 10,
        uom: 'EA',
        unitPrice: '4.50',
        buyerPartNumber: 'B-100',
        vendorPartNumber: 'FM-1',
        upc: '012345678905',
        description: 'Small widget',
        productIds: { BP: 'B-100', VP: 'FM-1', UP: '012345678905' },
      },
      {
        lineNumber: '2',
        quantity: 2,
        uom: 'CS',
        unitPrice: '30',
        buyerPartNumber: null,
        vendorPartNumber: 'FM-2',
        upc: null,
        description: null,
        productIds: { VP: 'FM-2' },
      },
    ]);
  });

  it('refuses a PO whose CTT line count disagrees with its lines', async () => {
    const body = PO_850_BODY.map((s) => (s === 'CTT*2' ? 'CTT*3' : s));
    await expect(received(body).then(map850)).rejects.toThrow('850 0001: CTT01 declares 3 lines, found 2');
  });

  it('refuses a PO without BEG or with a fractional quantity', async () => {
    await expect(received(PO_850_BODY.filter((s) => !s.startsWith('BEG'))).then(map850)).rejects.toThrow(
      '850 0001: BEG segment is missing',
    );
    const fractional = PO_850_BODY.map((s) => s.replace('PO1*2*2*CS', 'PO1*2*2.5*CS'));
    await expect(received(fractional).then(map850)).rejects.toThrow(
      '850 0001: PO1 line 2: quantity "2.5" is not a whole number',
    );
  });

  it.skipIf(!hasSharedFixtures)(`maps the shared 850 sample${needsShared}`, async () => {
    const [result] = await receiveX12(sharedFixture('node-x12/850.edi'), { allocator });
    const order = map850(result!.accepted[0]!);
    expect(order).toMatchObject({
      poNumber: '08292233294',
      orderDate: '2010-11-27',
      buyer: { qualifier: '12', id: '4405197800', name: null },
      shipTo: {
        name: 'XYZ RETAIL',
        idQualifier: '9',
        id: '0003947268292',
        address: { lines: ['31875 SOLON RD'], city: 'SOLON', state: 'OH', postalCode: '44139' },
      },
      references: { DP: '038', PS: 'R' },
      dates: { '002': '2010-12-14' },
    });
    expect(order.lines).toHaveLength(6);
    expect(order.lines[0]).toMatchObject({
      lineNumber: '1',
      quantity: 120,
      uom: 'EA',
      unitPrice: '9.25',
      buyerPartNumber: '065322-117',
      vendorPartNumber: 'AB3542',
      description: 'SMALL WIDGET',
    });
    expect(order.lines.reduce((sum, l) => sum + l.quantity, 0)).toBe(1310);
  });
});
