import { afterEach, describe, expect, it } from 'vitest';
import {
  createControlNumberAllocator,
  receiveX12,
  type ControlNumberDoc,
  type RawSegment,
} from '@fulfillment-mesh/connectors';
import { openEmbeddedStore } from '@fulfillment-mesh/runtime';
import { position } from './fixtures.js';
import { harness } from './harness.js';
import { serveRoutes } from './adapter-support.js';

let env: Awaited<ReturnType<typeof harness>>;
let http: Awaited<ReturnType<typeof serveRoutes>>;
afterEach(async () => {
  await http.close();
  await env.close();
});

const partner = { id: 'acme', isa: { qualifier: 'ZZ', id: 'ACMEBUYER' }, token: 'acme-token' };

async function setup() {
  env = await harness({
    positions: [
      position('A', 'DC-EAST', { onHand: 10, reserved: 3 }),
      position('A', '3PL-SOUTH', { onHand: 4, incoming: { quantity: 20, expectedAt: '2026-12-05T00:00:00.000Z' } }),
      // Stores are not EDI locations: this stock is not advised.
      position('A', 'STORE-EAST', { onHand: 50 }),
      position('B', 'DC-WEST', { onHand: 7, safetyStock: 2 }),
      position('C', 'STORE-EAST', { onHand: 9 }),
    ],
    adapters: { edi: { sender: { qualifier: 'ZZ', id: 'FULFILLMESH' }, partners: [partner] } },
  });
  http = await serveRoutes(env.subgraph.adapters.routes);
}

const get = (query: string, token = partner.token) =>
  fetch(`${http.base}/edi/846${query}`, { headers: { authorization: `Bearer ${token}` } });
const values = (segments: readonly RawSegment[], tag: string) =>
  segments.filter((s) => s.tag === tag).map((s) => s.elements);

describe('EDI 846 inventory advice', () => {
  it('builds an 846 of the EDI channel ATP that round-trips through the X12 parser with a valid envelope', async () => {
    await setup();
    const res = await get('?partner=acme');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/edi-x12');
    const text = await res.text();

    const ackStore = openEmbeddedStore();
    const [received] = await receiveX12(text, {
      allocator: createControlNumberAllocator({
        collection: ackStore.collection<ControlNumberDoc>('edi_control_numbers'),
      }),
    });
    await ackStore.close();
    expect(received?.report).toMatchObject({ accepted: true, issues: [] });
    expect(received?.parsed.controlNumber).toBe(res.headers.get('x-interchange-control-number'));
    expect(received?.parsed.sender).toEqual({ qualifier: 'ZZ', id: 'FULFILLMESH' });
    expect(received?.parsed.receiver).toEqual({ qualifier: 'ZZ', id: 'ACMEBUYER' });
    const [tx] = received!.accepted;
    expect(tx).toMatchObject({ setId: '846', functionalId: 'IB' });

    const segments = tx!.segments;
    expect(values(segments, 'BIA')[0]?.slice(0, 3)).toEqual(['00', 'DD', 'ATP-acme-202611261200']);
    // A: DC-EAST 7 + 3PL-SOUTH 4 (the store's 50 is not EDI stock); B: 7 - 2 safety stock. C is stocked only at a store.
    expect(values(segments, 'LIN')).toEqual([
      ['1', 'SK', 'A'],
      ['2', 'SK', 'B'],
    ]);
    expect(values(segments, 'QTY')).toEqual([
      ['33', '11', 'EA'],
      ['33', '5', 'EA'],
    ]);
    expect(values(segments, 'DTM')).toEqual([['018', '20261205']]);
    expect(values(segments, 'CTT')).toEqual([['2']]);
  });

  it('gives each interchange the next control number of that partner', async () => {
    await setup();
    const first = await get('?partner=acme');
    const second = await get('?partner=acme');
    expect([
      first.headers.get('x-interchange-control-number'),
      second.headers.get('x-interchange-control-number'),
    ]).toEqual(['000000001', '000000002']);
  });

  it('refuses a wrong token and an unknown partner alike with 401', async () => {
    await setup();
    expect((await get('?partner=acme', 'other-token')).status).toBe(401);
    expect((await get('?partner=globex')).status).toBe(401);
    expect(env.subgraph.adapters.metrics()['edi-846']).toMatchObject({ unauthorized: 2 });
  });
});
