import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Client } from '@fulfillment-mesh/access';
import { createEventRegistry, defineEvent } from '@fulfillment-mesh/events';
import { consoleDir, createGateway, meshSubscriptions, readSupergraph } from '@fulfillment-mesh/gateway';
import { startMesh, type RunningMesh } from '@fulfillment-mesh/mesh';
import { createLogger, loadManifest } from '@fulfillment-mesh/runtime';
import { product, shipTo, tinyDataset } from '../../test/fixtures.js';
import { eventually, post } from '../../test/helpers.js';

/**
 * The console in Debian's Chromium (CHROMIUM_PATH or /usr/bin/chromium) against a whole in-memory mesh on random
 * ports: sign-in, order search and live detail, inventory, operations. Every page gets an axe check at 1280 px and
 * 390 px with no horizontal page scroll, and a screenshot under test-results/.
 */
const SHOTS = 'test-results/console';
/** Budget of the longest journeys (several pages, axe at two widths); default 120_000 // 2 minutes on a shared machine. */
const JOURNEY_TIMEOUT_MS = 120_000;
let mesh: RunningMesh;
let browser: Browser;
let keys: Record<'console' | 'operator' | 'storefront' | 'partner', string>;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // NUT is scarce on purpose: orders for more than 1 are backordered, which raises a BACKORDER exception.
  const dataset = tinyDataset([product('BOLT', '2.50'), product('NUT', '0.10')], {
    BOLT: { 'dc-east': 100 },
    NUT: { 'dc-east': 1 },
  });
  mesh = await startMesh({ inMemory: true, randomPorts: true, dataset, rateLimit: false });
  const key = async (kind: 'console' | 'operator' | 'storefront' | 'partner') =>
    (await mesh.headersFor(kind))['x-api-key']!;
  keys = {
    console: await key('console'),
    operator: await key('operator'),
    storefront: await key('storefront'),
    partner: await key('partner'),
  };
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await mesh?.close();
});

const gql = async <T>(query: string, variables: Record<string, unknown> = {}) => {
  const res = await post<T, Record<string, unknown>>(mesh.gatewayUrl, query, variables, { 'x-api-key': keys.operator });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data as T;
};

/** What Chromium refused under the console's Content-Security-Policy, per page (each must stay empty). */
const refused = new WeakMap<Page, string[]>();

async function openPage(url: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const seen: string[] = [];
  refused.set(page, seen);
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) seen.push(message.text());
  });
  await page.goto(url);
  return page;
}

async function signedIn(key: string, width = 1280): Promise<Page> {
  const page = await openPage(mesh.consoleUrl, width);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return page;
}

/** No serious or critical axe violations, and no horizontal page scroll at 1280 and 390 px; a screenshot of each. */
async function checkPage(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const axe = await new AxeBuilder({ page }).analyze();
    const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      `${name} at ${width}px`,
    ).toEqual([]);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${name} scrolls horizontally at ${width}px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  expect(refused.get(page), `${name} broke the Content-Security-Policy`).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function placeShippedOrder(externalId: string) {
  const placed = await gql<{ placeOrder: { order: { id: string } } }>(
    `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } } }`,
    {
      input: {
        channel: 'WEB',
        externalId,
        customer: { id: 'c-1', name: 'Acme Co' },
        shipTo,
        lines: [{ sku: 'BOLT', quantity: 3 }],
      },
    },
  );
  const id = placed.placeOrder.order.id;
  await gql(`mutation($id: ID!) { releaseOrder(id: $id) { status } }`, { id });
  type View = { order: { shipments: { id: string; lines: { lineId: string; quantity: number }[] }[] } };
  const view = await eventually(
    () => gql<View>(`query($id: ID!) { order(id: $id) { shipments { id lines { lineId quantity } } } }`, { id }),
    (v) => v.order.shipments.length === 1,
  );
  const shipment = view.order.shipments[0]!;
  await gql(`mutation($input: ConfirmShipmentInput!) { confirmShipment(input: $input) { shipment { status } } }`, {
    input: {
      shipmentId: shipment.id,
      lines: shipment.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
      carrier: 'UPS',
      service: 'Ground',
      trackingNumber: `1Z${externalId}`,
    },
  });
  return { id, shipmentId: shipment.id };
}

describe('the console in a real browser', () => {
  it('serves /console as an HTML page whose scripts load, with a strict CSP and long-cached assets', async () => {
    const res = await fetch(mesh.consoleUrl);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    // Styles only from files or from <style> elements carrying this response's nonce, never arbitrary inline ones.
    const nonce = /style-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce, csp).toBeDefined();
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const html = await res.text();
    expect(html).toContain(`<meta property="csp-nonce" nonce="${nonce}">`);
    const again = await fetch(new URL('orders/any/deep/link', mesh.consoleUrl));
    expect(again.headers.get('content-security-policy')).not.toContain(nonce);
    expect(await again.text()).toContain('<div id="root">');
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(new URL(script!, mesh.consoleUrl), { headers: { 'accept-encoding': 'br, gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    // Sent precompressed (the build writes .br and .gz beside each asset); fetch decodes it back to the script.
    expect(asset.headers.get('content-encoding')).toBe('br');
    expect(await asset.text()).toMatch(/\S/);
    const plain = await fetch(new URL(script!, mesh.consoleUrl), { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect((await fetch(new URL('assets/no-such-file.js', mesh.consoleUrl))).status).toBe(404);
  });

  it('gives a browser the GraphQL IDE at /graphql, under its own policy that lets the editor style itself', async () => {
    const page = await openPage(mesh.gatewayUrl);
    const res = await page.request.get(mesh.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(res.headers()['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    await page.locator('.graphiql-container').waitFor();
    await page.locator('.monaco-editor').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/graphql-ide-1280.png` });
    expect(refused.get(page), 'the IDE broke its Content-Security-Policy').toEqual([]);
    await page.context().close();
  });

  it('shows "key not recognised" for a wrong key and refuses a partner key', async () => {
    const page = await signedIn('fm_not-a-real-key');
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('Key not recognised');
    await checkPage(page, 'sign-in');
    await page.getByLabel('API key').fill(keys.partner);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('Partner keys cannot use the console');
    await page.context().close();
  });

  it('shows a storefront key no order pages', async () => {
    const page = await signedIn(keys.storefront);
    await page.getByTestId('client-kind').waitFor();
    expect(await page.getByTestId('client-kind').innerText()).toBe('storefront');
    expect(await page.getByRole('link', { name: 'Orders' }).count()).toBe(0);
    expect(page.url()).toContain('/console/inventory');
    await page.goto(new URL('/console/orders', mesh.consoleUrl).href);
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('do not allow it');
    await page.context().close();
  });

  it(
    'signs in with a console key, searches an order, opens it and sees tracking arrive live',
    async () => {
      const { id, shipmentId } = await placeShippedOrder('live-1');
      const page = await signedIn(keys.console);
      await page.getByTestId('client-kind').waitFor();
      expect(await page.getByTestId('client-kind').innerText()).toBe('console');
      await page.getByLabel('Customer id').fill('c-1');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL(/customer=c-1/);
      await page.getByRole('link', { name: id }).click();
      await page.getByRole('heading', { name: new RegExp(`Order ${id}`) }).waitFor();
      await page.getByTestId('timeline').getByText('SHIPPED', { exact: true }).waitFor();
      await checkPage(page, 'order-detail');

      await gql(`mutation($input: RecordTrackingEventInput!) { recordTrackingEvent(input: $input) { status } }`, {
        input: {
          shipmentId,
          status: 'DELIVERED',
          at: new Date().toISOString(),
          location: 'Trenton, NJ',
          description: 'Delivered to dock',
        },
      });
      const shipment = page.getByTestId(`shipment-${shipmentId}`);
      await shipment.getByText('DELIVERED', { exact: true }).waitFor({ timeout: 2_000 });
      await page.getByTestId('timeline').getByText('DELIVERED', { exact: true }).waitFor({ timeout: 2_000 });

      await page.goto(new URL('/console/orders', mesh.consoleUrl).href);
      await page.getByText(/orders match/).waitFor();
      await checkPage(page, 'order-search');
      await page.goto(new URL('/console/orders/ord-does-not-exist', mesh.consoleUrl).href);
      await page.getByRole('heading', { name: 'Order not found' }).waitFor();
      await checkPage(page, 'order-not-found');
      await page.context().close();
    },
    JOURNEY_TIMEOUT_MS,
  );

  it('updates the inventory page when stock is adjusted', async () => {
    const page = await signedIn(keys.console);
    await page.getByTestId('client-kind').waitFor();
    await page.goto(new URL('/console/inventory?sku=BOLT', mesh.consoleUrl).href);
    const onHand = page.getByTestId('onhand-dc-east');
    await onHand.waitFor();
    const before = Number(await onHand.innerText());
    await checkPage(page, 'inventory');
    await gql(`mutation($input: AdjustInventoryInput!) { adjustInventory(input: $input) { onHand } }`, {
      input: { sku: 'BOLT', locationId: 'dc-east', delta: { onHand: 7 }, reason: 'RECEIVED' },
    });
    await expect.poll(async () => Number(await onHand.innerText()), { timeout: 5_000 }).toBe(before + 7);
    await page.context().close();
  });

  it(
    'lets an operator replay a dead letter and see the dead letters fall',
    async () => {
      // A consumer of placed orders that refuses them until told otherwise: each placed order becomes a dead letter.
      let fail = true;
      const placed = defineEvent({
        type: 'orders.order.placed',
        version: 1,
        description: 'probe',
        schema: z.looseObject({}),
      });
      const consumer = await mesh.bus.consume({
        stream: 'orders',
        group: 'console-probe',
        consumer: 'probe-1',
        registry: createEventRegistry([placed]),
        maxAttempts: 1,
        blockMs: 100,
        follows: (type) => type === 'orders.order.placed',
        handler: () => {
          if (fail) throw new Error('probe refused the event');
        },
      });
      try {
        await placeShippedOrder('dlq-1');
        await placeShippedOrder('dlq-2');
        await eventually(
          () =>
            gql<{ integrationHealth: { stream: string; deadLetters: number }[] }>(
              '{ integrationHealth { stream deadLetters } }',
            ),
          (h) => (h.integrationHealth.find((s) => s.stream === 'orders')?.deadLetters ?? 0) >= 2,
        );
        fail = false;
        const page = await signedIn(keys.operator);
        await page.getByTestId('client-kind').waitFor();
        await page.goto(new URL('/console/operations', mesh.consoleUrl).href);
        const count = page.getByTestId('dead-letters-orders');
        await count.waitFor();
        const before = Number(await count.innerText());
        expect(before).toBeGreaterThanOrEqual(2);
        await checkPage(page, 'operations');
        await page.getByRole('combobox', { name: 'Stream' }).selectOption('orders');
        await page.getByRole('region', { name: 'Dead letters of orders, newest first' }).waitFor();
        const letters = page.getByRole('region', { name: 'Dead letters of orders, newest first' });
        await page.screenshot({ path: `${SHOTS}/operations-dead-letters-1280.png`, fullPage: true });
        const probeRows = letters.getByRole('row').filter({ hasText: 'console-probe' });
        await probeRows.first().getByRole('button', { name: 'Inspect' }).click();
        await page.getByRole('dialog', { name: 'Dead letter' }).getByText('probe refused the event').first().waitFor();
        await page.keyboard.press('Escape');
        // Replay one: the count falls by one; then replay the rest.
        await probeRows.first().getByRole('button', { name: 'Replay', exact: true }).click();
        await page
          .getByRole('dialog', { name: 'Replay this dead letter?' })
          .getByRole('button', { name: 'Confirm' })
          .click();
        await expect.poll(async () => Number(await count.innerText()), { timeout: 10_000 }).toBe(before - 1);
        await page.getByRole('button', { name: /Replay all/ }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
        await expect.poll(async () => Number(await count.innerText()), { timeout: 10_000 }).toBe(0);
        await page.context().close();
      } finally {
        await consumer.stop();
      }
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'lets an operator acknowledge and resolve an exception, and shows new ones live',
    async () => {
      const backordered = async (externalId: string) => {
        const placed = await gql<{ placeOrder: { order: { id: string } } }>(
          `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } } }`,
          {
            input: {
              channel: 'WEB',
              externalId,
              customer: { id: 'c-2', name: 'Scarce Co' },
              shipTo,
              lines: [{ sku: 'NUT', quantity: 5 }],
            },
          },
        );
        const id = placed.placeOrder.order.id;
        type Found = { exceptions: { nodes: { id: string; summary: string }[] } };
        const found = await eventually(
          () =>
            gql<Found>(
              `query($s: String) { exceptions(filter: { kind: [BACKORDER], subject: $s }) { nodes { id summary } } }`,
              { s: id },
            ),
          (f) => f.exceptions.nodes.length === 1,
        );
        return { orderId: id, exception: found.exceptions.nodes[0]! };
      };
      const first = await backordered('backorder-1');
      const page = await signedIn(keys.operator);
      await page.getByTestId('client-kind').waitFor();

      // The order detail lists the order's open exception.
      await page.goto(new URL(`/console/orders/${first.orderId}`, mesh.consoleUrl).href);
      await page
        .getByRole('region', { name: 'Open exceptions about this order' })
        .getByText(first.exception.summary)
        .waitFor();
      // Operators see where each line's product data came from (the seed wrote it).
      const lines = page.getByRole('region', { name: 'Order lines with live availability' });
      await lines.getByText(/price from seed, version 1, observed/).waitFor();
      await checkPage(page, 'order-detail-operator');

      await page.goto(new URL('/console/operations?tab=exceptions', mesh.consoleUrl).href);
      await page.getByLabel('Kind').selectOption('BACKORDER');
      await page.waitForURL(/kind=BACKORDER/);
      const status = page.getByTestId(`exception-status-${first.exception.id}`);
      await status.getByText('OPEN', { exact: true }).waitFor();
      await checkPage(page, 'operations-exceptions');

      // A new exception appears while the queue is open, without reload.
      const second = await backordered('backorder-2');
      await page
        .getByRole('alert')
        .filter({ hasText: 'New exception' })
        .getByText(second.exception.summary)
        .waitFor({ timeout: 5_000 });
      await page.getByTestId(`exception-status-${second.exception.id}`).waitFor({ timeout: 5_000 });

      const row = page.getByRole('row').filter({ has: status });
      await row.getByRole('button', { name: 'Acknowledge' }).click();
      let dialog = page.getByRole('dialog', { name: `Acknowledge: ${first.exception.summary}` });
      await dialog.getByLabel('Note (optional)').fill('looking into supply');
      await dialog.getByRole('button', { name: 'Acknowledge' }).click();
      await status.getByText('ACKNOWLEDGED', { exact: true }).waitFor();

      await row.getByRole('button', { name: 'Assign' }).click();
      dialog = page.getByRole('dialog', { name: `Assign: ${first.exception.summary}` });
      await dialog.getByLabel('Assignee').fill('dana');
      await dialog.getByRole('button', { name: 'Assign' }).click();
      await page.getByTestId(`exception-assignee-${first.exception.id}`).getByText('dana').waitFor();

      await row.getByRole('button', { name: 'Resolve' }).click();
      dialog = page.getByRole('dialog', { name: `Resolve: ${first.exception.summary}` });
      await dialog.getByLabel('Note (optional)').fill('restocked');
      await dialog.getByRole('button', { name: 'Resolve' }).click();
      // The default filter shows work still to do: the resolved exception leaves the queue, the other stays.
      await status.waitFor({ state: 'detached' });
      await page.getByTestId(`exception-status-${second.exception.id}`).waitFor();
      await page.getByLabel('Status').selectOption('RESOLVED');
      await status.getByText('RESOLVED', { exact: true }).waitFor();

      type Stored = { exception: { status: string; assignee: string; notes: { text: string }[] } };
      const stored = await gql<Stored>(`query($id: ID!) { exception(id: $id) { status assignee notes { text } } }`, {
        id: first.exception.id,
      });
      expect(stored.exception).toMatchObject({
        status: 'RESOLVED',
        assignee: 'dana',
        notes: [{ text: 'looking into supply' }, { text: 'restocked' }],
      });

      await page.getByRole('tab', { name: 'Conflicts' }).click();
      await page
        .getByText(/No mastering conflicts|Mastering conflicts/)
        .first()
        .waitFor();
      await checkPage(page, 'operations-conflicts');
      await page.context().close();
    },
    JOURNEY_TIMEOUT_MS,
  );

  it('shows an offline banner while the gateway is down and reconnects when it is back on the same port', async () => {
    // A gateway of its own in front of the mesh's subgraphs, so this test can stop it and start it again.
    const manifest = loadManifest();
    const gatewayOn = (port: number) =>
      createGateway<Client>({
        subgraphs: mesh.subgraphs,
        supergraphSdl: readSupergraph(manifest),
        logger: createLogger({ service: 'gateway-restarted' }),
        access: mesh.access,
        subscriptions: meshSubscriptions({ bus: mesh.bus, root: manifest.root, access: mesh.access }),
        console: { dir: consoleDir(manifest.root), ide: false },
      }).serve({ port, host: '127.0.0.1' });
    let gateway = await gatewayOn(0);
    const port = gateway.port;
    try {
      const page = await openPage(new URL('/console/inventory?sku=BOLT', gateway.url).href);
      await page.getByLabel('API key').fill(keys.console);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const onHand = page.getByTestId('onhand-dc-east');
      await onHand.waitFor();
      const offline = page.getByRole('status').filter({ hasText: 'Live updates are disconnected' });
      expect(await offline.count()).toBe(0);

      await gateway.close();
      await offline.waitFor({ timeout: 5_000 });
      await page.screenshot({ path: `${SHOTS}/offline-banner-1280.png` });

      gateway = await gatewayOn(port);
      await offline.waitFor({ state: 'detached', timeout: 10_000 });
      // Live again: an adjustment made through the mesh reaches the open page.
      const before = Number(await onHand.innerText());
      await gql(`mutation($input: AdjustInventoryInput!) { adjustInventory(input: $input) { onHand } }`, {
        input: { sku: 'BOLT', locationId: 'dc-east', delta: { onHand: 2 }, reason: 'RECEIVED' },
      });
      await expect.poll(async () => Number(await onHand.innerText()), { timeout: 5_000 }).toBe(before + 2);
      await page.context().close();
    } finally {
      await gateway.close();
    }
  });
});
