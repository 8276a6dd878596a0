/**
 * Channel ATP benchmark: inventory change → outbound ATP request arriving at a local fake Shopify Admin API, on
 * the embedded store and the in-process bus, with the default coalescing window (500 ms) included. Each change
 * adds one unit to one of BENCH_CHANNEL_SKUS SKUs (paced, BENCH_CHANNEL_RATE changes per second for
 * BENCH_CHANNEL_SECONDS), so each SKU's ATP only rises and a change counts as delivered when the first push of
 * its SKU with a quantity at least its resulting ATP arrives. BENCH_QUICK=1 runs a short version. Writes
 * bench/results/channels.json and bench/results/channels.md.
 *
 *   npx tsx --conditions=source bench/channels/run.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createMemoryEventBus } from '@fulfillment-mesh/events';
import { createLogger, directoryOf, openEmbeddedStore } from '@fulfillment-mesh/runtime';
import { createInventorySubgraph } from '../../subgraphs/inventory/src/server.js';
import { location, position } from '../../subgraphs/inventory/test/fixtures.js';
import { startFakeShopifyAdmin } from '../../subgraphs/inventory/test/fakes/shopify-admin.js';

const quick = process.env.BENCH_QUICK === '1';
const skus = Number(process.env.BENCH_CHANNEL_SKUS ?? 20);
const rate = Number(process.env.BENCH_CHANNEL_RATE ?? 100); // changes per second
const seconds = Number(process.env.BENCH_CHANNEL_SECONDS ?? (quick ? 3 : 15));
const windowMs = 500; // the default coalescing window
const here = dirname(fileURLToPath(import.meta.url));
const logger = createLogger({ service: 'bench-channels', level: 'silent' });

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;

async function main() {
  const shopify = await startFakeShopifyAdmin();
  const names = Array.from({ length: skus }, (_, i) => `BENCH-${String(i).padStart(3, '0')}`);
  names.forEach((sku, i) => shopify.variant(sku, `gid://shopify/InventoryItem/${1000 + i}`));
  const store = openEmbeddedStore();
  await store.collection('locations').insertMany([location('DC-EAST', { region: 'east', priority: 1 })]);
  await store.collection('positions').insertMany(names.map((sku) => position(sku, 'DC-EAST', { onHand: 10 })));
  const bus = createMemoryEventBus({ logger });
  const subgraph = await createInventorySubgraph({
    store,
    logger,
    bus,
    services: directoryOf({}),
    options: { sweepIntervalMs: 3_600_000 },
    adapters: {
      channelAtp: {
        windowMs,
        fullPushIntervalMs: 0,
        consume: { blockMs: 100 },
        shopify: {
          url: shopify.url,
          token: 'bench',
          apiVersion: '2026-10',
          channel: 'WEB',
          locations: { 'DC-EAST': 'gid://shopify/Location/1' },
        },
      },
    },
  });
  await subgraph.start();
  const seen: number[] = [];
  const ac = new AbortController();
  void bus.tail({
    streams: ['inventory'],
    signal: ac.signal,
    blockMs: 50,
    handler: (e) => void seen.push(Date.now() - Date.parse(e.time)),
  });

  const changes: { sku: string; atp: number; at: number }[] = [];
  const onHand = new Map(names.map((s) => [s, 10]));
  const total = Math.round(rate * seconds);
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1_000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const sku = names[i % names.length]!;
    await subgraph.services.stock.adjust({
      sku,
      locationId: 'DC-EAST',
      delta: { onHand: 1 },
      reason: 'RECEIVED',
      reference: null,
      expectedVersion: null,
      source: 'wms:dc-east',
      actor: 'bench',
    });
    onHand.set(sku, onHand.get(sku)! + 1);
    // Wall-clock time (the fake stamps arrivals with Date.now()); WEB holds 2 units back.
    changes.push({ sku, atp: onHand.get(sku)! - 2, at: Date.now() });
  }
  await subgraph.adapters.channelAtp.idle(30_000);
  // Let the last pushes land (bounded).
  const finalAtp = new Map(names.map((s) => [s, onHand.get(s)! - 2]));
  const pushesOf = () =>
    shopify.requests
      .filter((r) => /inventorySetQuantities/.test(String((r.body as { query?: string }).query)))
      .map((r) => {
        const q = (
          r.body as {
            variables: { input: { quantities: { inventoryItemId: string; quantity: number }[] } };
          }
        ).variables.input.quantities[0]!;
        return { sku: names[Number(q.inventoryItemId.split('/').pop()) - 1000]!, quantity: q.quantity, at: r.at };
      });
  await shopify.waitFor(
    () => names.every((s) => pushesOf().some((p) => p.sku === s && p.quantity === finalAtp.get(s))),
    30_000,
  );
  const pushes = pushesOf();

  const latencies = changes
    .map((c) => {
      const arrival = pushes.find((p) => p.sku === c.sku && p.quantity >= c.atp && p.at >= c.at - 1);
      return arrival ? arrival.at - c.at : NaN;
    })
    .filter((n) => Number.isFinite(n))
    .sort((a, b) => a - b);
  const result = {
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    changes: changes.length,
    pushes: pushes.length,
    coalescingWindowMs: windowMs,
    /** Change → event seen on the bus (tail), to separate the bus from the push. */
    busLagP95Ms: percentile(
      [...seen].sort((a, b) => a - b),
      95,
    ),
    counters: subgraph.adapters.metrics()['shopify-atp'],
    skus,
    changesPerSecond: rate,
    seconds,
    matched: latencies.length,
    quick,
    cpus: cpus().length,
    at: new Date().toISOString(),
  };
  ac.abort();
  await subgraph.close();
  await bus.close();
  await shopify.close();

  const out = join(here, '..', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'channels.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(
    join(out, 'channels.md'),
    [
      '# Channel ATP benchmark',
      '',
      `Inventory change → \`inventorySetQuantities\` arriving at a local fake Shopify, embedded store + in-process bus,`,
      `${skus} SKUs, ${rate} changes/s for ${seconds} s, coalescing window ${windowMs} ms (${cpus().length} CPUs, shared).`,
      '',
      '| changes | pushes | p50 ms | p95 ms | p99 ms |',
      '| ------- | ------ | ------ | ------ | ------ |',
      `| ${result.changes} | ${result.pushes} | ${result.p50Ms} | ${result.p95Ms} | ${result.p99Ms} |`,
      '',
    ].join('\n'),
  );
  console.log(JSON.stringify(result));
  if (!(result.p95Ms <= 1_000)) process.exitCode = 1;
}

await main();
