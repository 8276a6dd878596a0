import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createRedisEventBus, type EventBus } from '@fulfillment-mesh/events';
import { createClient } from 'redis';
import type { SubscriptionMetrics } from '../../gateway/src/subscriptions/metrics.js';
import { stockAdjusted } from '../../gateway/test/support/mesh.js';
import { SELECTION, createTally, openAll, summarise, type Outcome } from './clients.js';
import { writeReport, type RunResult } from './report.js';

/**
 * Subscription benchmark: 1k, 5k and 10k concurrent graphql-ws subscribers on one gateway process (its own child
 * process; the fixture subgraphs run in another; the clients and the publisher share this one), events published
 * to the real Redis at a steady rate.
 * Two scenarios per size: `broadcast` (every subscriber takes every event) and `filtered` (each watches one of
 * 100 SKUs). Bounded: every phase has a deadline and the whole run stops itself after `TOTAL_BUDGET_MS`.
 * Run: `npx tsx --conditions=source bench/subscriptions/run.ts`; writes bench/results/subscriptions.{json,md}.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SIZES = (process.env.BENCH_SIZES ?? '1000,5000,10000').split(',').map(Number);
const TOTAL_BUDGET_MS = 15 * 60_000; // 15 minutes, then the run aborts
const ONLY = process.env.BENCH_SCENARIOS?.split(',');
const SCENARIOS = [
  { name: 'broadcast', ratePerSecond: Number(process.env.BENCH_BROADCAST_RATE ?? 2), durationMs: 15_000, skus: 1 },
  { name: 'filtered', ratePerSecond: Number(process.env.BENCH_FILTERED_RATE ?? 50), durationMs: 15_000, skus: 100 },
] as const;
type Scenario = (typeof SCENARIOS)[number];

const deadline = setTimeout(() => {
  console.error(`benchmark exceeded ${TOTAL_BUDGET_MS} ms; aborting`);
  process.exit(2);
}, TOTAL_BUDGET_MS);

interface Snapshot {
  memory: NodeJS.MemoryUsage;
  cpu: NodeJS.CpuUsage;
  metrics: SubscriptionMetrics;
}

const TSX = ['--import', 'tsx', '--conditions=source'];

/** Topology of the fixture subgraphs (served by their own child process). */
interface Topology {
  subgraphs: { name: string; url: string }[];
  supergraphSdl: string;
}

/** Starts the fixture subgraphs in their own process. */
async function startSubgraphs() {
  const child = fork(fileURLToPath(new URL('./subgraphs-process.ts', import.meta.url)), [], {
    execArgv: TSX,
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const topology = await withTimeout(
    new Promise<Topology>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`subgraphs process exited with ${code}`)));
      child.once('message', (m: Topology) => resolve(m));
    }),
    60_000,
    'subgraphs start',
  );
  return { topology, stop: () => void child.send({ type: 'stop' }) };
}

/** Starts the gateway child and wraps its IPC. */
async function startGateway(prefix: string, topology: Topology) {
  const child: ChildProcess = fork(fileURLToPath(new URL('./gateway-process.ts', import.meta.url)), [], {
    execArgv: [
      '--expose-gc',
      '--max-old-space-size=4096',
      ...TSX,
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []),
    ],
    env: { ...process.env, BENCH_PREFIX: prefix, BENCH_TOPOLOGY: JSON.stringify(topology), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let seq = 0;
  const pending = new Map<number, (s: Snapshot) => void>();
  const ready = new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`gateway process exited with ${code}`)));
    child.on('message', (m: { type: string; id?: number; wsUrl?: string } & Partial<Snapshot>) => {
      if (m.type === 'ready') resolve(m.wsUrl!);
      if (m.type === 'snapshot') pending.get(m.id!)?.({ memory: m.memory!, cpu: m.cpu!, metrics: m.metrics! });
    });
  });
  const wsUrl = await withTimeout(ready, 60_000, 'gateway start');
  // Node cannot raise RLIMIT_NOFILE itself: say what the gateway runs with (raise it with `ulimit -n` before the run).
  console.log(`gateway process open-files limit (soft/hard): ${openFilesLimit(child.pid)}`);
  return {
    wsUrl,
    snapshot: () =>
      withTimeout(
        new Promise<Snapshot>((resolve) => {
          const id = ++seq;
          pending.set(id, resolve);
          child.send({ type: 'snapshot', id });
        }),
        30_000,
        'gateway snapshot',
      ),
    stop: () =>
      withTimeout(
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.send({ type: 'stop' });
        }),
        20_000,
        'gateway stop',
      ).catch(() => void child.kill('SIGKILL')),
  };
}

async function runOne(
  size: number,
  scenario: Scenario,
  bus: EventBus,
  prefix: string,
  topology: Topology,
): Promise<RunResult> {
  const events = Math.round((scenario.ratePerSecond * scenario.durationMs) / 1000);
  const loadAtStart = loadavg()[0]!;
  const gateway = await startGateway(prefix, topology);
  try {
    const baseline = await gateway.snapshot();
    const tally = createTally(size, events);
    const skuOf = (i: number) => `SKU-${i % scenario.skus}`;
    const query = (i: number) =>
      scenario.skus === 1
        ? `subscription { stockChanged { ${SELECTION} } }`
        : `subscription { stockChanged(skus: ["${skuOf(i)}"]) { ${SELECTION} } }`;
    const started = performance.now();
    const sockets = await withTimeout(
      openAll(gateway.wsUrl, size, events, query, tally),
      120_000,
      'opening subscribers',
    );
    await waitUntil(
      async () => (await gateway.snapshot()).metrics.subscriptions.total === size,
      60_000,
      'all subscriptions registered',
    );
    const connectMs = performance.now() - started;
    const loaded = await gateway.snapshot();

    // Steady rate: event k is published at start + k * interval (drift-corrected), never in bursts.
    const interval = 1000 / scenario.ratePerSecond;
    const t0 = performance.now();
    const clientCpu0 = process.cpuUsage();
    for (let k = 0; k < events; k++) {
      const due = t0 + k * interval;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      tally.publishedAt[k] = performance.now();
      void bus.publish('stock', stockAdjusted(skuOf(k), 'east-1', k));
    }
    const wanted = (s: number, e: number) => scenario.skus === 1 || s % scenario.skus === e % scenario.skus;
    let expectedTotal = 0;
    for (let s = 0; s < size; s++) for (let e = 0; e < events; e++) if (wanted(s, e)) expectedTotal++;
    await waitUntil(() => tally.received >= expectedTotal, 60_000, 'deliveries drained').catch(() => {});
    const outcome: Outcome = summarise(tally, size, events, wanted);
    const final = await gateway.snapshot();
    const wallMs = performance.now() - t0;
    const cpuShare = (from: NodeJS.CpuUsage, to: NodeJS.CpuUsage) =>
      round((to.user + to.system - from.user - from.system) / 1000 / wallMs);
    const clientCpu = process.cpuUsage();
    const gatewayCpuMs = (final.cpu.user + final.cpu.system - loaded.cpu.user - loaded.cpu.system) / 1000;
    for (const socket of sockets) socket.terminate();
    return {
      scenario: scenario.name,
      subscribers: size,
      ratePerSecond: scenario.ratePerSecond,
      events,
      connectSeconds: round(connectMs / 1000),
      heapPerSubscriberBytes: Math.round((loaded.memory.heapUsed - baseline.memory.heapUsed) / size),
      rssPerSubscriberBytes: Math.round((loaded.memory.rss - baseline.memory.rss) / size),
      hydrations: final.metrics.counters.hydrations - loaded.metrics.counters.hydrations,
      slowConsumersClosed: final.metrics.counters.slowConsumersClosed,
      socketsClosedEarly: tally.closed,
      gatewayCpuCores: cpuShare(loaded.cpu, final.cpu),
      gatewayCpuMicrosPerDelivery: Math.round((gatewayCpuMs * 1000) / Math.max(1, tally.received)),
      loadAverage1m: round(loadAtStart),
      clientCpuCores: cpuShare(clientCpu0, clientCpu),
      ...outcome,
    };
  } finally {
    await gateway.stop();
  }
}

async function main() {
  const prefix = `fmbench-subs-${randomUUID().slice(0, 8)}`;
  const bus = await createRedisEventBus({ url: REDIS_URL, prefix });
  const loadBefore = loadavg()[0]!;
  const results: RunResult[] = [];
  const subgraphs = await startSubgraphs();
  try {
    for (const size of SIZES) {
      for (const scenario of SCENARIOS.filter((s) => !ONLY || ONLY.includes(s.name))) {
        const result = await runOne(size, scenario, bus, prefix, subgraphs.topology);
        console.log(JSON.stringify(result));
        results.push(result);
      }
    }
  } finally {
    subgraphs.stop();
    await bus.close();
    await deleteKeys(prefix);
  }
  // Only the full default run is the benchmark of record; partial or profiled runs just print their lines.
  const partial = [
    'BENCH_SIZES',
    'BENCH_SCENARIOS',
    'BENCH_PROFILE',
    'BENCH_BROADCAST_RATE',
    'BENCH_FILTERED_RATE',
  ].some((name) => process.env[name]);
  if (partial) console.log('partial run: bench/results/subscriptions.{json,md} left as they were');
  else await writeReport(results, { loadBefore, loadAfter: loadavg()[0]!, scenarios: SCENARIOS });
  clearTimeout(deadline);
}

async function deleteKeys(prefix: string) {
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}:*`, COUNT: 1000 }))
    if (keys.length > 0) await redis.del(keys);
  await redis.close();
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms)),
  );
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function waitUntil(probe: () => boolean | Promise<boolean>, ms: number, what: string) {
  const end = performance.now() + ms;
  while (!(await probe())) {
    if (performance.now() > end) throw new Error(`${what}: not reached within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

await main();

/** The `Max open files` soft/hard limits of a process, from /proc (Linux); "unknown" elsewhere. */
function openFilesLimit(pid: number | undefined): string {
  try {
    const line = readFileSync(`/proc/${pid}/limits`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const [soft, hard] = line?.split(/\s{2,}/).slice(1, 3) ?? [];
    return soft && hard ? `${soft}/${hard}` : 'unknown';
  } catch {
    return 'unknown';
  }
}
