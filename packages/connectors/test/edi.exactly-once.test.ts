import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEmbeddedStore, type Store } from '@fulfillment-mesh/runtime';
import {
  createControlNumberAllocator,
  receiveX12Once,
  type ControlNumberDoc,
  type InterchangeAnswer,
  type ReceivedInterchangeDoc,
  type ReceiveOnceOptions,
} from '../src/index.js';
import { interchange, PO_850_BODY } from './edi-support.js';

const file = (po = 'PO-4471', control = '000000123') =>
  interchange({
    control,
    groups: [
      {
        id: 'PO',
        control: '7',
        sets: [{ id: '850', control: '0001', body: PO_850_BODY.map((s) => s.replace('PO-4471', po)) }],
      },
    ],
  });
const answered = (ack: string): InterchangeAnswer => ({ ack, accepted: true, reasons: [], outcomes: ['applied'] });

describe('receiving an interchange exactly once per (sender, receiver, ISA13)', () => {
  let store: Store;
  let options: ReceiveOnceOptions;
  let now: Date;

  beforeEach(() => {
    store = openEmbeddedStore();
    now = new Date('2026-12-01T10:00:00.000Z');
    options = {
      connector: 'edi-850',
      collection: store.collection<ReceivedInterchangeDoc>('edi_interchanges'),
      allocator: createControlNumberAllocator({
        collection: store.collection<ControlNumberDoc>('edi_control_numbers'),
      }),
      supportedSets: ['850'],
      leaseMs: 1_000,
      clock: () => now,
      at: now,
    };
  });
  afterEach(() => store.close());

  it('hands out the first delivery to process and answers a resend with what was stored, byte for byte', async () => {
    const [first] = await receiveX12Once(file(), options);
    expect(first?.kind).toBe('new');
    if (first?.kind !== 'new') return;
    await first.settle(answered(first.received.ack.text));
    const [again] = await receiveX12Once(file(), options);
    expect(again).toMatchObject({ kind: 'repeat', answer: { ack: first.received.ack.text, outcomes: ['applied'] } });
    // No control number was spent on the resend.
    const counters = await store.collection<ControlNumberDoc>('edi_control_numbers').find({});
    expect(counters.length).toBeGreaterThan(0);
    expect(counters.map((c) => c.value)).toEqual(counters.map(() => 1));
  });

  it('rejects the same ISA13 with other content with TA1 note 025, keeping the first answer', async () => {
    const [first] = await receiveX12Once(file('PO-1'), options);
    if (first?.kind !== 'new') throw new Error('expected a new interchange');
    await first.settle(answered(first.received.ack.text));
    const [reused] = await receiveX12Once(file('PO-2'), options);
    expect(reused?.kind).toBe('reused');
    if (reused?.kind !== 'reused') return;
    expect(reused.answer.ack).toMatch(/TA1\*000000123\*250301\*0900\*R\*025~/);
    expect(reused.answer.ack).toMatch(/AK9\*R\*1\*1\*0/);
    expect(reused.answer.reasons[0]).toBe(
      'ISA13 000000123 from ZZ:BUYERCO to ZZ:FMESH was already used by a different interchange (received 2026-12-01T10:00:00.000Z); ' +
        'nothing of it was applied (TA1 note 025, duplicate interchange control number)',
    );
    expect(await receiveX12Once(file('PO-1'), options)).toMatchObject([{ kind: 'repeat' }]);
  });

  it('answers busy while the first delivery is processing, and lets a later one take over an abandoned claim', async () => {
    const [first] = await receiveX12Once(file(), options);
    expect(first?.kind).toBe('new');
    expect(await receiveX12Once(file(), options)).toMatchObject([{ kind: 'busy' }]);
    now = new Date(now.getTime() + 1_001);
    const [taken] = await receiveX12Once(file(), options);
    expect(taken?.kind).toBe('new');
    // The abandoned delivery can no longer settle what it lost.
    if (first?.kind === 'new') await first.settle(answered('stale'));
    if (taken?.kind === 'new') await taken.settle(answered(taken.received.ack.text));
    expect(await receiveX12Once(file(), options)).toMatchObject([
      { kind: 'repeat', answer: { ack: expect.stringContaining('ST*997*') } },
    ]);
  });

  it('forgets a released delivery (a transient failure), so the resend is processed again', async () => {
    const [first] = await receiveX12Once(file(), options);
    if (first?.kind !== 'new') throw new Error('expected a new interchange');
    await first.release();
    expect(await receiveX12Once(file(), options)).toMatchObject([{ kind: 'new' }]);
  });

  it('tells interchanges of other senders or receivers apart even with the same ISA13', async () => {
    const [ours] = await receiveX12Once(file(), options);
    if (ours?.kind !== 'new') throw new Error('expected a new interchange');
    await ours.settle(answered(ours.received.ack.text));
    const otherSender = file().replaceAll('BUYERCO', 'OTHERCO');
    expect(await receiveX12Once(otherSender, options)).toMatchObject([{ kind: 'new' }]);
  });
});
