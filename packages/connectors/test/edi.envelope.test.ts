import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEmbeddedStore, type Store } from '@fulfillment-mesh/runtime';
import {
  createControlNumberAllocator,
  EdiSyntaxError,
  parseX12,
  receiveX12,
  validateEnvelope,
  type ControlNumberAllocator,
  type ControlNumberDoc,
} from '../src/index.js';
import { interchange, PO_850_BODY, segmentsOf } from './edi-support.js';
import { hasSharedFixtures, needsShared, sharedFixture } from './support.js';

const po = (overrides: Partial<Parameters<typeof interchange>[0]['groups'][number]['sets'][number]> = {}) => ({
  id: '850',
  control: '0001',
  body: PO_850_BODY,
  ...overrides,
});

describe('X12 envelope validation and 997 acknowledgements', () => {
  let store: Store;
  let allocator: ControlNumberAllocator;
  beforeEach(() => {
    store = openEmbeddedStore();
    allocator = createControlNumberAllocator({ collection: store.collection<ControlNumberDoc>('edi_control_numbers') });
  });
  afterEach(() => store.close());

  it('accepts a sound interchange and acknowledges it with AK5 A, AK9 A and the TA1 the sender asked for', async () => {
    const [received] = await receiveX12(
      interchange({ ackRequested: true, groups: [{ id: 'PO', control: '77', sets: [po()] }] }),
      { allocator },
    );
    expect(received?.report.accepted).toBe(true);
    expect(received?.accepted.map((t) => [t.setId, t.controlNumber])).toEqual([['850', '0001']]);
    const ack = received!.ack.text;
    expect(ack).toContain('TA1*000000123*250301*0900*A*000~');
    expect(segmentsOf(ack, '997')).toEqual([
      'ST*997*0001',
      'AK1*PO*77',
      'AK2*850*0001',
      'AK5*A',
      'AK9*A*1*1*1',
      'SE*6*0001',
    ]);
    expect(ack).toMatch(/^ISA\*00\*.{10}\*00\*.{10}\*ZZ\*FMESH {10}\*ZZ\*BUYERCO {8}\*/);
  });

  it('produces a 997 that itself parses and validates', async () => {
    const [received] = await receiveX12(interchange({ groups: [{ id: 'PO', control: '77', sets: [po()] }] }), {
      allocator,
    });
    const [ack] = parseX12(received!.ack.text);
    expect(validateEnvelope(ack!).accepted).toBe(true);
    expect(ack!.groups[0]?.functionalId).toBe('FA');
  });

  it('rejects a transaction set whose SE02 or SE01 disagrees with its contents', async () => {
    const text = interchange({
      groups: [{ id: 'PO', control: '77', sets: [po({ seControl: '0009' }), po({ control: '0002', seCount: 3 })] }],
    });
    const [received] = await receiveX12(text, { allocator });
    expect(received?.report.reasons).toEqual([
      'transaction 850 0001: ST02 0001 does not match SE02 0009',
      'transaction 850 0002: SE01 declares 3 segments, found 14',
    ]);
    expect(segmentsOf(received!.ack.text, '997')).toEqual([
      'ST*997*0001',
      'AK1*PO*77',
      'AK2*850*0001',
      'AK5*R*3',
      'AK2*850*0002',
      'AK5*R*4',
      'AK9*R*2*2*0',
      'SE*8*0001',
    ]);
    expect(received?.accepted).toEqual([]);
  });

  it('accepts the good sets of a group and rejects the bad one (AK9 P)', async () => {
    const text = interchange({
      groups: [{ id: 'PO', control: '77', sets: [po(), po({ control: '0002', seCount: 99 })] }],
    });
    const [received] = await receiveX12(text, { allocator });
    expect(segmentsOf(received!.ack.text, '997')).toContain('AK9*P*2*2*1');
    expect(received?.accepted.map((t) => t.controlNumber)).toEqual(['0001']);
  });

  it('rejects a group whose GE01 count or GE02 control number is wrong', async () => {
    const text = interchange({ groups: [{ id: 'PO', control: '77', geControl: '78', geCount: 2, sets: [po()] }] });
    const [received] = await receiveX12(text, { allocator });
    expect(received?.report.reasons).toEqual([
      'group 77: GS06 77 does not match GE02 78',
      'group 77: GE01 declares 2 transaction sets, found 1',
    ]);
    expect(segmentsOf(received!.ack.text, '997')).toContain('AK9*R*2*1*0*4*5');
  });

  it('rejects an interchange whose IEA disagrees with its ISA, with a TA1 saying why', async () => {
    const [received] = await receiveX12(
      interchange({ ieaCount: 2, groups: [{ id: 'PO', control: '77', sets: [po()] }] }),
      { allocator },
    );
    expect(received?.report.reasons).toEqual(['IEA01 declares 2 functional groups, found 1']);
    expect(received!.ack.text).toContain('TA1*000000123*250301*0900*R*021~');
    expect(segmentsOf(received!.ack.text, '997')).toContain('AK9*R*1*1*0');
  });

  it('rejects a transaction set without its SE trailer and one it does not support', async () => {
    const text = interchange({
      groups: [
        { id: 'PO', control: '77', sets: [po({ noSe: true })] },
        { id: 'IN', control: '78', sets: [{ id: '810', control: '0001', body: ['BIG*20250301*INV1'] }] },
      ],
    });
    const [received] = await receiveX12(text, { allocator, supportedSets: ['850'] });
    expect(received?.report.reasons).toEqual([
      'transaction 850 0001: SE trailer is missing',
      'transaction 810 0001: transaction set 810 is not supported',
    ]);
  });

  it('reads several interchanges from one file and a last segment without its terminator', async () => {
    const one = interchange({ control: '000000001', groups: [{ id: 'PO', control: '1', sets: [po()] }] });
    const two = interchange({ control: '000000002', groups: [{ id: 'PO', control: '2', sets: [po()] }] }).replace(
      /~\n$/,
      '',
    );
    const received = await receiveX12(one + two, { allocator });
    expect(received.map((r) => [r.parsed.controlNumber, r.report.accepted])).toEqual([
      ['000000001', true],
      ['000000002', true],
    ]);
  });

  it('throws EdiSyntaxError for text that is not X12', () => {
    expect(() => parseX12('{"order": 1}')).toThrow(EdiSyntaxError);
    expect(() => parseX12(`ISA*00*${'x'.repeat(120)}`)).toThrow(
      'the ISA segment is not 106 characters long (fixed width, terminator included)',
    );
  });

  it.skipIf(!hasSharedFixtures)(
    `rejects the ControlNumbersMismatch sample with a TA1 and a 997 naming each mismatch${needsShared}`,
    async () => {
      const [received] = await receiveX12(sharedFixture('edi-engine/ControlNumbersMismatch.edi'), { allocator });
      expect(received?.report.accepted).toBe(false);
      expect(received?.report.reasons).toEqual([
        'ISA13 000003438 does not match IEA02 000003439',
        'group 3314: GS06 3314 does not match GE02 3315',
        'transaction 940 0001: ST02 0001 does not match SE02 0002',
      ]);
      expect(received!.ack.text).toContain('TA1*000003438*101127*1719*R*001~');
      expect(segmentsOf(received!.ack.text, '997')).toEqual([
        'ST*997*0001',
        'AK1*OW*3314',
        'AK2*940*0001',
        'AK5*R*3',
        'AK9*R*1*1*0*4',
        'SE*6*0001',
      ]);
      expect(received?.accepted).toEqual([]);
    },
  );

  it.skipIf(!hasSharedFixtures)(`accepts the shared 850, 855, 856 and 940 samples${needsShared}`, async () => {
    for (const path of ['node-x12/850.edi', 'node-x12/855.edi', 'node-x12/856.edi', 'edi-engine/940.OK.edi']) {
      const [received] = await receiveX12(sharedFixture(path), { allocator });
      expect({ path, reasons: received?.report.reasons }).toEqual({ path, reasons: [] });
      expect(received?.accepted).toHaveLength(1);
    }
  });
});
