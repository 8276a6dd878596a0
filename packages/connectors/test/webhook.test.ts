import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError, openEmbeddedStore, type Store } from '@fulfillment-mesh/runtime';
import { z } from 'zod';
import {
  createConnectorMetrics,
  createWebhookHandler,
  openInboundStores,
  parseJson,
  shopifyVerifier,
  UnprocessableDocumentError,
  wooCommerceVerifier,
  type ConnectorMetrics,
  type InboundStores,
  type WebhookHandlerOptions,
} from '../src/index.js';
import { deferred, listen } from './support.js';

const orderSchema = z.object({
  id: z.string(),
  lines: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() })).min(1),
});
type ChannelOrder = z.infer<typeof orderSchema>;

describe('webhook handler', () => {
  let store: Store;
  let stores: InboundStores;
  let metrics: ConnectorMetrics;
  let catalog: Set<string>;
  let placed: Map<string, ChannelOrder>;
  let applyHook: (order: ChannelOrder) => Promise<void>;
  let server: Awaited<ReturnType<typeof listen>>;
  let handler: ReturnType<typeof createWebhookHandler<ChannelOrder, ChannelOrder, string>>;
  const verifier = shopifyVerifier('s3cret');

  const start = async (overrides: Partial<WebhookHandlerOptions<ChannelOrder, ChannelOrder, string>> = {}) => {
    handler = createWebhookHandler({
      name: 'test-orders',
      verify: verifier,
      parse: parseJson(orderSchema),
      documentId: (order) => order.id,
      map: (order) => {
        const unknown = order.lines.find((l) => !catalog.has(l.sku));
        if (unknown) throw new UnprocessableDocumentError(`unknown SKU ${unknown.sku}`);
        return order;
      },
      apply: async (order) => {
        await applyHook(order);
        placed.set(order.id, order);
        return `order-${order.id}`;
      },
      ...stores,
      metrics,
      maxBodyBytes: 1024,
      ...overrides,
    });
    server = await listen((req, res) => void handler(req, res, new URL(req.url ?? '/', 'http://x')));
  };
  const post = (body: string | Buffer, headers: Record<string, string> = verifier.sign(body)) =>
    fetch(`${server.url}/webhooks/orders`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    });
  const order = (id: string, sku = 'FM-1') => JSON.stringify({ id, lines: [{ sku, quantity: 2 }] });

  beforeEach(async () => {
    store = openEmbeddedStore();
    stores = await openInboundStores(store);
    metrics = createConnectorMetrics('test-orders');
    catalog = new Set(['FM-1']);
    placed = new Map();
    applyHook = async () => {};
  });
  afterEach(async () => {
    await server.close();
    await store.close();
  });

  it('applies a signed document once; a duplicate delivery changes nothing', async () => {
    await start();
    const first = await post(order('1001'));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: 'applied', documentId: '1001' });
    const again = await post(order('1001'));
    expect(await again.json()).toEqual({ status: 'duplicate', documentId: '1001' });
    expect(placed.size).toBe(1);
    expect(metrics.snapshot()).toMatchObject({ received: 2, applied: 1, duplicates: 1 });
  });

  it('answers an identical re-delivery with the result the first delivery got, and when it was applied', async () => {
    await start({ answer: (orderId) => ({ orderId }) });
    const first = await post(order('1002'));
    expect(await first.json()).toEqual({ status: 'applied', documentId: '1002', result: { orderId: 'order-1002' } });
    applyHook = async () => {
      throw new Error('a duplicate must not be applied again');
    };
    const again = (await (await post(order('1002'))).json()) as Record<string, unknown>;
    expect(again).toEqual({
      status: 'duplicate',
      documentId: '1002',
      result: { orderId: 'order-1002' },
      appliedAt: expect.any(String),
    });
    expect(Date.parse(again.appliedAt as string)).not.toBeNaN();
    expect(placed.size).toBe(1);
  });

  it('does not keep an answer too large for a receipt: the re-delivery is a plain duplicate', async () => {
    await start({ answer: () => ({ blob: 'x'.repeat(5_000) }) });
    const first = (await (await post(order('1003'))).json()) as Record<string, unknown>;
    expect(first.status).toBe('applied');
    expect(await (await post(order('1003'))).json()).toEqual({ status: 'duplicate', documentId: '1003' });
  });

  it('dead-letters a re-delivery under an applied id with changed content, naming the fields that differ', async () => {
    await start();
    expect(await (await post(order('1004'))).json()).toMatchObject({ status: 'applied' });
    const changed = JSON.stringify({ id: '1004', lines: [{ sku: 'FM-1', quantity: 5 }] });
    const res = await post(changed);
    expect(res.status).toBe(202);
    const body = (await res.json()) as {
      status: string;
      stage: string;
      reason: string;
      fields: string[];
      deadLetterId: string;
    };
    expect(body).toMatchObject({ status: 'dead-lettered', stage: 'dedupe', fields: ['lines[0].quantity'] });
    expect(body.reason).toBe(
      'document id "1004" was already applied with different content (differs in: lines[0].quantity); ' +
        'rule: a re-delivery under the same id must carry the same content, a change needs a new version',
    );
    expect(placed.get('1004')?.lines[0]?.quantity).toBe(2);
    expect(await stores.deadLetters.get(body.deadLetterId)).toMatchObject({ stage: 'dedupe', documentId: '1004' });
    // The identical document is still a plain duplicate, whatever its key order.
    const reordered = JSON.stringify({ lines: [{ quantity: 2, sku: 'FM-1' }], id: '1004' });
    expect(await (await post(reordered)).json()).toEqual({ status: 'duplicate', documentId: '1004' });
    expect(metrics.snapshot()).toMatchObject({ applied: 1, duplicates: 1, dedupeConflicts: 1 });
  });

  it('keeps a document breaking the input hygiene rules as a dead letter naming the field and the rule', async () => {
    await start();
    const cases: [string, string][] = [
      [
        JSON.stringify({ id: '1101', lines: [{ sku: 'FM-1', quantity: 1_000_000_000 }] }),
        'Invalid lines[0].quantity: expected at most 100000 (MAX_LINE_QUANTITY',
      ],
      [
        JSON.stringify({ id: '1102', lines: [{ sku: 'FM-1\u0000', quantity: 1 }] }),
        'Invalid lines[0].sku: expected no control characters (found U+0000)',
      ],
      [
        JSON.stringify({ id: '1103\u202e', lines: [{ sku: 'FM-1', quantity: 1 }] }),
        'Invalid id: expected no bidirectional override characters (found U+202E)',
      ],
    ];
    for (const [body, reason] of cases) {
      const res = await post(body);
      expect(res.status).toBe(202);
      expect(await res.json()).toMatchObject({
        status: 'dead-lettered',
        stage: 'parse',
        reason: expect.stringContaining(`invalid document: ${reason}`),
      });
    }
    expect(placed.size).toBe(0);
    // Surrounding spaces are trimmed, not refused.
    expect(
      await (await post(JSON.stringify({ id: ' 1104 ', lines: [{ sku: ' FM-1 ', quantity: 1 }] }))).json(),
    ).toEqual({ status: 'applied', documentId: '1104' });
    expect(placed.get('1104')?.lines[0]?.sku).toBe('FM-1');
  });

  it('refuses a body that is not JSON by its content-type with 415, applies and keeps nothing', async () => {
    await start();
    const body = order('1003');
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', '']) {
      const headers = { ...verifier.sign(body), ...(type ? { 'content-type': type } : {}) };
      const res = await fetch(`${server.url}/webhooks/orders`, {
        method: 'POST',
        body,
        headers: type ? headers : { ...headers, 'content-type': '' },
      });
      expect(res.status).toBe(415);
      expect((await res.json()) as { error: string }).toEqual({
        error: expect.stringMatching(/content-type .* is not supported; send one of application\/json/),
      });
    }
    expect(placed.size).toBe(0);
    expect(await stores.deadLetters.count()).toBe(0);
    expect(metrics.get('unsupportedMediaType')).toBe(3);
    const charset = await fetch(`${server.url}/webhooks/orders`, {
      method: 'POST',
      body,
      headers: { ...verifier.sign(body), 'content-type': 'application/json; charset=utf-8' },
    });
    expect(charset.status).toBe(200);
  });

  it('refuses an invalid signature with 401, counts it and keeps nothing', async () => {
    await start();
    const res = await post(order('1002'), shopifyVerifier('forged').sign(order('1002')));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'invalid signature' });
    expect((await post(order('1002'), {})).status).toBe(401);
    expect(metrics.get('invalidSignature')).toBe(2);
    expect(placed.size).toBe(0);
    expect(await stores.deadLetters.count()).toBe(0);
  });

  it("answers WooCommerce's unsigned activation ping with 200 and applies nothing", async () => {
    await start({ verify: wooCommerceVerifier('wc') });
    const res = await fetch(`${server.url}/webhooks/orders`, {
      method: 'POST',
      body: 'webhook_id=17',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'pong' });
    expect(metrics.get('pings')).toBe(1);
    expect(placed.size).toBe(0);
  });

  it('keeps a malformed document byte for byte as a dead letter and answers 202 with the reason', async () => {
    await start();
    const raw = Buffer.concat([Buffer.from('{"id":"1003",'), Buffer.from([0xff, 0xfe])]);
    const res = await post(raw);
    expect(res.status).toBe(202);
    const body = (await res.json()) as { status: string; deadLetterId: string; stage: string; reason: string };
    expect(body).toMatchObject({ status: 'dead-lettered', stage: 'parse' });
    expect(body.reason).toMatch(/^malformed JSON/);
    const letter = await stores.deadLetters.get(body.deadLetterId);
    expect(letter).toMatchObject({
      connector: 'test-orders',
      bodyEncoding: 'base64',
      status: 'open',
      documentId: null,
    });
    expect(Buffer.from(letter.body, 'base64').equals(raw)).toBe(true);
  });

  it('dead-letters an invalid document with the failing path', async () => {
    await start({ deadLetterStatus: 422 });
    const res = await post(JSON.stringify({ id: '1004', lines: [] }));
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      stage: 'parse',
      reason: 'invalid document: lines: Too small: expected array to have >=1 items',
    });
  });

  it('re-drives an unmappable document after the fix, exactly once', async () => {
    await start();
    const res = await post(order('1005', 'FM-NEW'));
    const { deadLetterId, reason, stage } = (await res.json()) as {
      deadLetterId: string;
      reason: string;
      stage: string;
    };
    expect({ status: res.status, stage, reason }).toEqual({ status: 202, stage: 'map', reason: 'unknown SKU FM-NEW' });

    const stillBroken = await handler.redrive(deadLetterId);
    expect(stillBroken).toMatchObject({ status: 'dead-lettered', deadLetterId });
    expect((await stores.deadLetters.get(deadLetterId)).attempts).toHaveLength(2);

    catalog.add('FM-NEW');
    expect(await handler.redrive(deadLetterId)).toEqual({
      status: 'applied',
      documentId: '1005',
      result: 'order-1005',
    });
    expect(await stores.deadLetters.get(deadLetterId)).toMatchObject({ status: 'resolved', resolution: 're-driven' });
    expect(await handler.redrive(deadLetterId)).toEqual({ status: 'duplicate', documentId: '1005' });
    expect(await (await post(order('1005', 'FM-NEW'))).json()).toEqual({ status: 'duplicate', documentId: '1005' });
    expect(placed.size).toBe(1);
    expect(await stores.deadLetters.count({ status: 'open' })).toBe(0);
  });

  it('lets a corrected redelivery of a dead-lettered document supersede its dead letter', async () => {
    await start();
    const { deadLetterId } = (await (await post(order('1006', 'FM-X'))).json()) as { deadLetterId: string };
    expect((await (await post(order('1006', 'FM-X'))).json()) as object).toMatchObject({ deadLetterId }); // no second dead letter
    expect(await stores.deadLetters.count()).toBe(1);
    expect(await (await post(order('1006', 'FM-1'))).json()).toEqual({ status: 'applied', documentId: '1006' });
    expect(await stores.deadLetters.get(deadLetterId)).toMatchObject({
      status: 'resolved',
      resolution: 'superseded by a later delivery',
    });
  });

  it('dead-letters a permanent domain refusal from apply', async () => {
    applyHook = async () => {
      throw new DomainError('INVALID_INPUT', 'Invalid quantity: expected at most 100, received 2000');
    };
    await start();
    expect(await (await post(order('1007'))).json()).toMatchObject({
      status: 'dead-lettered',
      stage: 'apply',
      reason: 'Invalid quantity: expected at most 100, received 2000',
    });
  });

  it('answers 503 on a transient failure and applies the retry', async () => {
    let failures = 1;
    applyHook = async () => {
      if (failures-- > 0) throw new DomainError('UNAVAILABLE', 'The inventory service is unavailable');
    };
    await start();
    const res = await post(order('1008'));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(await stores.deadLetters.count()).toBe(0);
    expect(await (await post(order('1008'))).json()).toEqual({ status: 'applied', documentId: '1008' });
  });

  it('applies concurrent deliveries of one document once and tells the other to retry', async () => {
    const entered = deferred();
    const release = deferred();
    applyHook = async () => {
      entered.resolve();
      await release.promise;
    };
    await start();
    const first = post(order('1009'));
    await entered.promise;
    const second = await post(order('1009'));
    expect(second.status).toBe(409);
    release.resolve();
    expect((await first).status).toBe(200);
    expect(placed.size).toBe(1);
  });

  it('refuses bodies over the limit with 413 and methods other than POST with 405', async () => {
    await start();
    expect((await post('x'.repeat(2048))).status).toBe(413);
    const get = await fetch(`${server.url}/webhooks/orders`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('answers 503 (so the sender retries) when even the dead letter cannot be written', async () => {
    stores = {
      ...stores,
      deadLetters: { ...stores.deadLetters, add: async () => Promise.reject(new Error('disk full')) },
    };
    await start();
    expect((await post('{broken')).status).toBe(503);
  });
});
