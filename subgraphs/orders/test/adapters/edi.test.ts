import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../../src/adapters/cli.js';
import { interchange, po850, segmentsOf } from './edi-fixtures.js';
import { hasSharedFixtures, needsShared, SECRETS, sharedFixture, startOrders, waitFor } from './support.js';

const AUTH = { authorization: `Bearer ${SECRETS.edi}` };
const SAMPLE_SKUS = ['AB3542', 'RD5322', 'XY5266', 'VX2332', 'RV0524', 'DX1875'];

describe('EDI 850 in, 997 and 855 out', () => {
  let orders: Awaited<ReturnType<typeof startOrders>>;
  beforeEach(async () => {
    orders = await startOrders({
      products: ['SKU-1', 'SKU-2', ...SAMPLE_SKUS],
      stock: { 'SKU-1': 100, 'SKU-2': 100, ...Object.fromEntries(SAMPLE_SKUS.map((s) => [s, 1_000])) },
    });
  });
  afterEach(() => orders.close());

  const postEdi = (text: string, headers: Record<string, string> = AUTH) =>
    orders.post('/edi/inbound', text, { 'content-type': 'application/edi-x12', ...headers });
  const outbound = async (partner: string, type?: string) =>
    (await orders.get(`/edi/outbound?partner=${partner}${type ? `&type=${type}` : ''}`, AUTH)).text();

  it('places each accepted 850 as an EDI order for the partner, answers a 997 and leaves an 855 for the partner', async () => {
    const res = await postEdi(interchange({ sets: [{ control: '0001', body: po850('PO-4471') }] }));
    expect(res.status).toBe(200);
    const ack = await res.text();
    expect(segmentsOf(ack, '997')).toEqual([
      'ST*997*0001',
      'AK1*PO*77',
      'AK2*850*0001',
      'AK5*A',
      'AK9*A*1*1*1',
      'SE*6*0001',
    ]);
    const order = await orders.byExternalId('EDI', 'PO-4471');
    expect(order).toMatchObject({
      customer: { id: 'BUYERCO', name: 'Buyer Co' },
      shipTo: {
        name: 'Store 12',
        address: {
          line1: '1 Main St',
          line2: 'Suite 4',
          city: 'Springfield',
          region: 'IL',
          postalCode: '62701',
          country: 'US',
        },
      },
      lines: [
        { lineId: '1', sku: 'SKU-1', quantity: 10, unitPrice: { amount: '4.50', currencyCode: 'USD' } },
        { lineId: '2', sku: 'SKU-2', quantity: 2, unitPrice: { amount: '30', currencyCode: 'USD' } },
      ],
      provenance: { content: { source: 'channel:edi:BUYERCO', sourceVersion: '000000101' } },
    });

    const text855 = await waitFor(async () => (await outbound('BUYERCO', '855')) || null, 'the 855 of PO-4471');
    const segments = segmentsOf(text855, '855');
    expect(segments[1]).toMatch(new RegExp(`^BAK\\*00\\*AD\\*PO-4471\\*20261105\\*{4}${order!._id}\\*\\d{8}$`));
    expect(segments.filter((s) => s.startsWith('ACK'))).toEqual(['ACK*IA*10*EA', 'ACK*IA*2*EA']);
    expect(text855).toMatch(/^ISA\*00\*.{10}\*00\*.{10}\*ZZ\*FMESH {10}\*ZZ\*BUYERCO {8}\*/);
    // The 997 is kept for the partner too.
    expect(await outbound('BUYERCO', '997')).toBe(ack);
  });

  it('acknowledges a rejected order with an 855 that rejects every line', async () => {
    orders.inventory.stock.set('SKU-1', 0);
    await postEdi(interchange({ sets: [{ control: '0001', body: po850('PO-9') }] }));
    expect(await orders.byExternalId('EDI', 'PO-9')).toMatchObject({ status: 'REJECTED' });
    const text855 = await waitFor(async () => (await outbound('BUYERCO', '855')) || null, 'the 855 of PO-9');
    expect(segmentsOf(text855, '855').filter((s) => s.startsWith('BAK') || s.startsWith('ACK'))).toEqual([
      expect.stringMatching(/^BAK\*00\*RJ\*PO-9\*/),
      'ACK*IR*10*EA',
      'ACK*IR*2*EA',
    ]);
  });

  it.skipIf(!hasSharedFixtures)(
    `places the shared 850 sample for partner 4405197800 and acknowledges it${needsShared}`,
    async () => {
      const res = await postEdi(sharedFixture('node-x12/850.edi'));
      expect(res.status).toBe(200);
      expect(segmentsOf(await res.text(), '997')).toContain('AK9*A*1*1*1');
      const order = await orders.byExternalId('EDI', '08292233294');
      expect(order).toMatchObject({
        customer: { id: '4405197800' },
        shipTo: { name: 'XYZ RETAIL', address: { city: 'SOLON', region: 'OH', country: 'US' } },
      });
      expect(order!.lines.map((l) => [l.sku, l.quantity])).toEqual([
        ['AB3542', 120],
        ['RD5322', 220],
        ['XY5266', 126],
        ['VX2332', 76],
        ['RV0524', 72],
        ['DX1875', 696],
      ]);
      const text855 = await waitFor(
        async () => (await outbound('4405197800', '855')) || null,
        'the 855 of the shared sample',
      );
      expect(segmentsOf(text855, '855')).toContain('PO1*1*120*EA*9.25**BP*065322-117*VP*AB3542');
    },
  );

  it.skipIf(!hasSharedFixtures)(
    `rejects the shared ControlNumbersMismatch sample with a 997 saying why and places nothing${needsShared}`,
    async () => {
      const res = await postEdi(sharedFixture('edi-engine/ControlNumbersMismatch.edi'));
      expect(res.status).toBe(422);
      const ack = await res.text();
      expect(ack).toContain('TA1*000003438*101127*1719*R*001~');
      expect(segmentsOf(ack, '997')).toEqual([
        'ST*997*0001',
        'AK1*OW*3314',
        'AK2*940*0001',
        'AK5*R*1*3',
        'AK9*R*1*1*0*4',
        'SE*6*0001',
      ]);
      expect(await orders.subgraph.orders.count({})).toBe(0);
    },
  );

  it('rejects an interchange whose IEA control number differs from its ISA, placing nothing', async () => {
    const res = await postEdi(
      interchange({ ieaControl: '000000999', sets: [{ control: '0001', body: po850('PO-1') }] }),
    );
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('AK5*R');
    expect(await orders.subgraph.orders.count({})).toBe(0);
  });

  it('refuses a request without the EDI token with 401, and non-X12 text with 400', async () => {
    expect(
      (
        await postEdi(interchange({ sets: [{ control: '0001', body: po850('PO-1') }] }), {
          authorization: 'Bearer nope',
        })
      ).status,
    ).toBe(401);
    expect((await orders.get('/edi/outbound?partner=BUYERCO')).status).toBe(401);
    expect((await postEdi('{"order": 1}')).status).toBe(400);
  });

  it('refuses a body whose content-type is not X12 text with 415', async () => {
    const res = await postEdi(interchange({ sets: [{ control: '0001', body: po850('PO-1') }] }), {
      ...AUTH,
      'content-type': 'application/json',
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ error: expect.stringContaining('send one of application/edi-x12') });
    expect(await orders.subgraph.orders.count({})).toBe(0);
  });

  it('changes nothing when the same 850 arrives again in a new interchange', async () => {
    await postEdi(interchange({ sets: [{ control: '0001', body: po850('PO-2') }] }));
    const again = await postEdi(
      interchange({ control: '000000102', sets: [{ control: '0001', body: po850('PO-2') }] }),
    );
    expect(again.headers.get('x-edi-orders')).toBe('1');
    expect(await orders.subgraph.orders.count({})).toBe(1);
  });

  it('answers a resent interchange with the very same 997 bytes, placing nothing again and allocating no control numbers', async () => {
    const body = interchange({ sets: [{ control: '0001', body: po850('PO-5') }] });
    const first = await postEdi(body);
    const ack = await first.text();
    const again = await postEdi(body);
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(ack);
    expect(again.headers.get('x-edi-repeated-interchanges')).toBe('000000101');
    expect(again.headers.get('x-edi-orders')).toBe('0');
    expect(await orders.subgraph.orders.count({})).toBe(1);
    // One 997 for the partner, not two: the resend was answered from what was stored.
    expect(await outbound('BUYERCO', '997')).toBe(ack);
  });

  it('answers a dead-lettered 850 with 422 and the reason, and its resend with the same answer and no second dead letter', async () => {
    const body = interchange({ sets: [{ control: '0001', body: po850('PO-6', ['PO1*1*5*EA*4.50**BP*B-100']) }] });
    const first = await postEdi(body);
    expect(first.status).toBe(422);
    const reasons = JSON.parse(first.headers.get('x-edi-reasons')!) as string[];
    expect(reasons).toEqual([
      expect.stringMatching(
        /^850 PO PO-6 from BUYERCO: PO1 line 1 has no vendor part number \(VP\/VN\) \(dead letter .+\)$/,
      ),
    ]);
    const ack = await first.text();
    const again = await postEdi(body);
    expect([again.status, await again.text()]).toEqual([422, ack]);
    const { openInboundStores } = await import('@fulfillment-mesh/connectors');
    expect(await (await openInboundStores(orders.store)).deadLetters.count()).toBe(1);
  });

  it('rejects a reused ISA13 with other content with TA1 note 025 (422) and places nothing of it', async () => {
    expect((await postEdi(interchange({ sets: [{ control: '0001', body: po850('PO-7') }] }))).status).toBe(200);
    const res = await postEdi(interchange({ sets: [{ control: '0001', body: po850('PO-8') }] }));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('TA1*000000101*261105*0900*R*025~');
    expect(JSON.parse(res.headers.get('x-edi-reasons')!)[0]).toMatch(
      /^ISA13 000000101 from ZZ:BUYERCO to ZZ:FMESH was already used by a different interchange/,
    );
    expect(await orders.byExternalId('EDI', 'PO-8')).toBeNull();
    expect(await orders.subgraph.orders.count({})).toBe(1);
  });

  it('answers a PO resent in a new interchange with a changed quantity with 422 naming the field, changing nothing', async () => {
    expect((await postEdi(interchange({ sets: [{ control: '0001', body: po850('PO-10') }] }))).status).toBe(200);
    const changed = po850('PO-10', ['PO1*1*11*EA*4.50**BP*B-100*VP*SKU-1', 'PO1*2*2*EA*30**VP*SKU-2']);
    const res = await postEdi(interchange({ control: '000000102', sets: [{ control: '0001', body: changed }] }));
    expect(res.status).toBe(422);
    expect(JSON.parse(res.headers.get('x-edi-reasons')!)).toEqual([
      expect.stringMatching(
        /^document id "BUYERCO:PO-10" was already applied with different content \(differs in: lines\[0\]\.quantity\)/,
      ),
    ]);
    expect((await orders.byExternalId('EDI', 'PO-10'))?.lines[0]?.quantity).toBe(10);
  });

  it('answers an 850 with a line quantity of 1e9 or a control character in the buyer name with 422 naming the field', async () => {
    const huge = await postEdi(
      interchange({ sets: [{ control: '0001', body: po850('PO-11', ['PO1*1*1000000000*EA*4.50**VP*SKU-1']) }] }),
    );
    expect(huge.status).toBe(422);
    expect(JSON.parse(huge.headers.get('x-edi-reasons')!)).toEqual([
      expect.stringContaining('Invalid input.lines[0].quantity: expected at most 100000 (MAX_LINE_QUANTITY'),
    ]);
    const body = po850('PO-12').map((segment) =>
      segment.startsWith('N1*BY*') ? 'N1*BY*Buyer\u0000\u202eCo*92*B-1' : segment,
    );
    const named = await postEdi(interchange({ control: '000000102', sets: [{ control: '0001', body }] }));
    expect(named.status).toBe(422);
    expect(JSON.parse(named.headers.get('x-edi-reasons')!)).toEqual([
      expect.stringContaining('Invalid input.customer.name: expected no control characters (found U+0000)'),
    ]);
    expect(await orders.subgraph.orders.count({})).toBe(0);
  });

  it('dead-letters an 850 line without our part number, with the reason', async () => {
    const result = await orders.subgraph.adapters.edi.receive(
      interchange({ sets: [{ control: '0001', body: po850('PO-3', ['PO1*1*5*EA*4.50**BP*B-100']) }] }),
    );
    expect(result.accepted).toBe(true);
    expect(result.orders).toEqual([
      {
        status: 'dead-lettered',
        stage: 'map',
        deadLetterId: expect.any(String),
        reason: '850 PO PO-3 from BUYERCO: PO1 line 1 has no vendor part number (VP/VN)',
      },
    ]);
    expect(await orders.subgraph.orders.count({})).toBe(0);
  });

  it('dead-letters an 850 for a SKU the catalog does not know and places it when re-driven after the SKU was added', async () => {
    const result = await orders.subgraph.adapters.edi.receive(
      interchange({ sets: [{ control: '0001', body: po850('PO-4', ['PO1*1*5*EA*4.50**VP*SKU-NEW']) }] }),
    );
    const [outcome] = result.orders;
    expect(outcome).toMatchObject({
      status: 'dead-lettered',
      stage: 'apply',
      reason: expect.stringContaining('SKU-NEW'),
    });
    orders.addProduct('SKU-NEW');
    orders.inventory.stock.set('SKU-NEW', 10);
    expect(
      (await orders.subgraph.adapters.edi.redrive((outcome as { deadLetterId: string }).deadLetterId)).status,
    ).toBe('applied');
    expect(await orders.byExternalId('EDI', 'PO-4')).toMatchObject({
      status: 'ACCEPTED',
      lines: [{ sku: 'SKU-NEW', quantity: 5 }],
    });
  });

  it('imports an EDI file from disk the same way (importFile)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orders-edi-'));
    try {
      const path = join(dir, 'po.edi');
      await writeFile(path, interchange({ sets: [{ control: '0001', body: po850('PO-FILE') }] }));
      const result = await orders.subgraph.adapters.edi.importFile(path);
      expect(result).toMatchObject({ accepted: true, orders: [{ status: 'applied', documentId: 'BUYERCO:PO-FILE' }] });
      expect(await orders.byExternalId('EDI', 'PO-FILE')).not.toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the CLI explains its usage when the command is incomplete', async () => {
    expect(await cli(['import-edi'])).toBe(2);
  });
});
