import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hexHmacVerifier } from '@fulfillment-mesh/connectors';
import { PIM_SIGNATURE_HEADER } from '../src/adapters/pim.js';
import { catalogHarness, hexSignature, itemMaster, PIM_SECRET, pimDocument, post } from './support.js';

describe('hex HMAC-SHA256 signatures (X-PIM-Signature, X-ERP-Signature)', () => {
  // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?".
  const vector = {
    key: 'Jefe',
    data: 'what do ya want for nothing?',
    hex: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
  };

  it('verifies the RFC 4231 vector in either case and signs it identically', () => {
    const verifier = hexHmacVerifier('pim', PIM_SIGNATURE_HEADER, vector.key);
    const raw = Buffer.from(vector.data);
    expect(verifier.sign(raw)).toEqual({ [PIM_SIGNATURE_HEADER]: vector.hex });
    expect(verifier.verify(raw, { 'x-pim-signature': vector.hex })).toEqual({ ok: true });
    expect(verifier.verify(raw, { 'x-pim-signature': vector.hex.toUpperCase() })).toEqual({ ok: true });
  });

  it('accepts any secret of a rotation and refuses missing, malformed and wrong signatures', () => {
    const verifier = hexHmacVerifier('pim', PIM_SIGNATURE_HEADER, ['new-secret', vector.key]);
    const raw = Buffer.from(vector.data);
    expect(verifier.verify(raw, { 'x-pim-signature': vector.hex })).toEqual({ ok: true });
    expect(verifier.verify(raw, {})).toEqual({ ok: false, reason: 'missing X-PIM-Signature header' });
    expect(verifier.verify(raw, { 'x-pim-signature': 'sha256=abc' })).toEqual({
      ok: false,
      reason: 'malformed X-PIM-Signature header',
    });
    expect(verifier.verify(Buffer.from(`${vector.data} `), { 'x-pim-signature': vector.hex })).toEqual({
      ok: false,
      reason: 'signature mismatch',
    });
  });
});

describe('POST /webhooks/pim', () => {
  let h: Awaited<ReturnType<typeof catalogHarness>>;
  let base: string;
  beforeEach(async () => {
    h = await catalogHarness();
    base = await h.serve();
  });
  afterEach(() => h.close());

  const send = (body: string, signature = hexSignature(PIM_SECRET, body)) =>
    post(`${base}/webhooks/pim`, body, { 'content-type': 'application/json', [PIM_SIGNATURE_HEADER]: signature });
  const doc = (sku: string) => h.subgraph.products.collection.findOne({ _id: sku });
  const graph = async (query: string) => {
    const result = await h.tester.run(query);
    expect(result.errors).toBeUndefined();
    return result.data as Record<string, unknown>;
  };

  it('writes name, description, brand, category and attributes with provenance pim', async () => {
    const answer = await send(pimDocument('SKU-1', 3));
    expect(answer).toEqual({ status: 200, body: { status: 'applied', documentId: 'SKU-1@3' } });
    expect(await doc('SKU-1')).toMatchObject({
      name: 'PIM name v3',
      nameLower: 'pim name v3',
      description: 'From the PIM',
      brand: 'Northwind',
      attributes: [
        { name: 'material', value: 'zinc' },
        { name: 'length_mm', value: '40' },
      ],
      provenance: {
        content: {
          source: 'pim',
          sourceVersion: '3',
          observedAt: '2026-11-03T10:00:00.000Z',
          adapterRun: 'pim:SKU-1@3',
        },
      },
    });
  });

  it('refuses a bad signature with 401, counts it and changes nothing', async () => {
    const body = pimDocument('SKU-1', 3);
    expect(await send(body, hexSignature('wrong', body))).toEqual({
      status: 401,
      body: { error: 'invalid signature' },
    });
    expect(await send(body, '')).toMatchObject({ status: 401 });
    expect(h.subgraph.adapters.metrics()['pim-products']).toMatchObject({ received: 2, invalidSignature: 2 });
    expect(await doc('SKU-1')).toMatchObject({ name: 'Hex Bolt M8' });
  });

  it('treats a second delivery of the same document as a duplicate', async () => {
    await send(pimDocument('SKU-1', 3));
    const before = await doc('SKU-1');
    expect(await send(pimDocument('SKU-1', 3))).toEqual({
      status: 200,
      body: { status: 'duplicate', documentId: 'SKU-1@3' },
    });
    expect(await doc('SKU-1')).toEqual(before);
  });

  it('keeps the newer version when an older one arrives late, and records the stale one as a conflict', async () => {
    await send(pimDocument('SKU-1', 5, { name: 'Version five' }));
    await send(pimDocument('SKU-1', 4, { name: 'Version four' }));

    expect(await doc('SKU-1')).toMatchObject({ name: 'Version five', provenance: { content: { sourceVersion: '5' } } });
    const data = await graph(
      '{ catalogConflicts { totalCount nodes { entityId fieldGroup source sourceVersion reason currentSource currentSourceVersion } } }',
    );
    expect(data.catalogConflicts).toEqual({
      totalCount: 1,
      nodes: [
        {
          entityId: 'SKU-1',
          fieldGroup: 'content',
          source: 'pim',
          sourceVersion: '4',
          reason: 'stale: version 4 ≤ applied 5',
          currentSource: 'pim',
          currentSourceVersion: '5',
        },
      ],
    });
  });

  it('refuses a PIM price as non-authoritative: price and its provenance unchanged, the conflict queryable', async () => {
    await h.subgraph.adapters.erpItems.importErpItems(itemMaster('SKU-1,2.00,USD,EA,ACTIVE,5,2026-11-02T08:00:00Z'), {
      adapterRun: 'erp-run',
    });
    const answer = await send(pimDocument('SKU-1', 6, { price: { amount: '0.01', currencyCode: 'USD' } }));

    expect(answer.status).toBe(200);
    const data = await graph(`{
      product(sku: "SKU-1") { name price { amount } provenance { field source sourceVersion adapterRun } }
      catalogConflicts(first: 5) { totalCount nodes { entityId fieldGroup source reason currentSource } }
    }`);
    expect(data.product).toEqual({
      name: 'PIM name v6',
      price: { amount: '2.00' },
      provenance: [
        { field: 'content', source: 'pim', sourceVersion: '6', adapterRun: 'pim:SKU-1@6' },
        { field: 'price', source: 'erp', sourceVersion: '5', adapterRun: 'erp-run' },
        { field: 'status', source: 'erp', sourceVersion: '5', adapterRun: 'erp-run' },
        { field: 'uom', source: 'erp', sourceVersion: '5', adapterRun: 'erp-run' },
      ],
    });
    expect(data.catalogConflicts).toEqual({
      totalCount: 1,
      nodes: [
        {
          entityId: 'SKU-1',
          fieldGroup: 'price',
          source: 'pim',
          reason: 'non-authoritative source: pim does not master price (authoritative: erp)',
          currentSource: 'erp',
        },
      ],
    });
  });

  it('keeps malformed JSON and invalid documents as dead letters with the reason', async () => {
    const malformed = await send('{"sku": "SKU-1",');
    expect(malformed).toMatchObject({ status: 202, body: { status: 'dead-lettered', stage: 'parse' } });
    expect(malformed.body.reason).toMatch(/^malformed JSON/);
    const invalid = await send(
      JSON.stringify({ sku: 'SKU-1', version: 'two', observedAt: 'soon', name: '', category: 'x' }),
    );
    expect(invalid.body.reason).toMatch(/^invalid document: .*version.*observedAt.*name/s);
    expect(await h.subgraph.adapters.stores.deadLetters.count({ connector: 'pim-products', status: 'open' })).toBe(2);
  });

  it('dead-letters content for an unknown SKU and applies it when re-driven after the ERP created the item', async () => {
    const early = await send(pimDocument('NEW-9', 1, { name: 'Brand new widget' }));
    expect(early).toMatchObject({ status: 202, body: { stage: 'apply', reason: 'Product "NEW-9" was not found' } });

    await h.subgraph.adapters.erpItems.importErpItems(itemMaster('NEW-9,7.00,USD,EA,ACTIVE,1,2026-11-02T08:00:00Z'));
    expect(await doc('NEW-9')).toMatchObject({ name: 'NEW-9', category: 'uncategorized' });

    const redriven = await h.subgraph.adapters.pim!.redrive(early.body.deadLetterId as string);
    expect(redriven).toMatchObject({ status: 'applied', documentId: 'NEW-9@1' });
    expect(await doc('NEW-9')).toMatchObject({
      name: 'Brand new widget',
      category: 'fasteners',
      price: { amount: '7.00' },
    });
    expect(await h.subgraph.adapters.stores.deadLetters.get(early.body.deadLetterId as string)).toMatchObject({
      status: 'resolved',
      resolution: 're-driven',
    });
  });
});
