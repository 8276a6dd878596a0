import { describe, expect, it } from 'vitest';
import { build940, read997 } from '../src/index.js';

const seg = (text: string) => {
  const [tag, ...elements] = text.split('*');
  return { tag: tag!, elements };
};

describe('EDI 940 builder and 997 reader', () => {
  it('builds W05, parties, W66 with the SCAC in W6610, LX/W01 per line and the W76 quantity total', () => {
    const tx = build940({
      depositorOrderNumber: 'O-7',
      shipmentId: 'shp-7',
      shipTo: {
        entity: 'ST',
        name: 'Jane Roe',
        idQualifier: null,
        id: null,
        address: { lines: ['1 Main St'], city: 'Austin', state: 'TX', postalCode: '78701', country: 'US' },
      },
      transport: { scac: 'UPSN' },
      lines: [
        { lineNumber: 1, sku: 'A', quantity: 4, uom: 'EA', upc: '012345678905' },
        { lineNumber: 2, sku: 'B', quantity: 1, uom: 'CA' },
      ],
    });
    expect(tx).toEqual({
      setId: '940',
      functionalId: 'OW',
      segments: [
        ['W05', 'N', 'O-7', undefined, 'shp-7'],
        ['N1', 'ST', 'Jane Roe', null, null],
        ['N3', '1 Main St', undefined],
        ['N4', 'Austin', 'TX', '78701', 'US'],
        ['W66', 'PP', 'M', null, null, null, null, null, null, null, 'UPSN'],
        ['LX', 1],
        ['W01', 4, 'EA', '012345678905', 'VN', 'A'],
        ['LX', 2],
        ['W01', 1, 'CA', undefined, 'VN', 'B'],
        ['W76', 5],
      ],
    });
  });

  it('reads the acknowledged group, its verdict and each transaction set from a 997', () => {
    expect(read997(['AK1*OW*12', 'AK2*940*0012', 'AK5*R*5', 'AK9*R*1*1*0'].map(seg))).toEqual({
      functionalId: 'OW',
      groupControlNumber: '12',
      status: 'R',
      transactions: [{ controlNumber: '0012', status: 'R' }],
    });
  });

  it('says what is missing from a 997 it cannot read', () => {
    expect(() => read997(['AK9*A*1*1*1'].map(seg))).toThrow(
      '997 without AK1 (or without the group control number in AK102)',
    );
    expect(() => read997(['AK1*OW*3', 'AK9*X'].map(seg))).toThrow(
      '997 for group 3: AK901 "X" is not one of A, E, P, R',
    );
  });
});
