/**
 * Event backbone benchmark on the real Redis (loopback): publish → consume throughput and publish-to-handler
 * latency for ~1 KB events, with 1 and 3 consumer groups. The publisher runs here; each group's consumer runs in
 * its own process (consumer.ts), as separate services would. Two runs per group count:
 *   - throughput: publish as fast as possible (64 publishes in flight) and drain; latency is mostly queueing;
 *   - paced: publish at a fixed rate below capacity; latency is the bus's own overhead.
 * Bounded (BENCH_EVENTS events, default 20_000, and 30 s per run), cleans its keys, writes
 * bench/results/events.json and bench/results/events.md.
 *
 *   npx tsx bench/events/run.ts            (REDIS_URL defaults to redis://127.0.0.1:6379)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { createLogger } from '@fulfillment-mesh/runtime';
import { createRedisEventBus } from '../../packages/events/src/index.js';
import { benchEvent } from './payload.js';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const events = Number(process.env.BENCH_EVENTS ?? 20_000);
const runLimitMs = 30_000; // 30 seconds per run
const pacedRate = 2_000; // events per second in the paced run
const pacedEvents = Math.min(events, 10_000);
const inFlight = 64;
const here = dirname(fileURLToPath(import.meta.url));

interface RunResult {
  mode: 'throughput' | 'paced';
  groups: number;
  published: number;
  delivered: number;
  publishPerSec: number;
  /** Deliveries per second summed over the groups, from the first publish to each group's last delivery. */
  deliveredPerSec: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  timedOut: boolean;
}

interface Done {
  latencies: number[];
  lastAt: number;
}

const now = () => performance.timeOrigin + performance.now();

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(2));
}

async function deleteKeys(prefix: string): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  for await (const keys of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 1000 }))
    if (keys.length > 0) await client.del(keys);
  await client.close();
}

/** Starts a consumer process; resolves once its group exists, with a promise of its final report. */
function startConsumer(
  prefix: string,
  group: string,
  expected: number,
): Promise<{ child: ChildProcess; done: Promise<Done> }> {
  const child = fork(join(here, 'consumer.ts'), [], { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    let finished: (done: Done) => void = () => undefined;
    const done = new Promise<Done>((r) => (finished = r));
    child.on('message', (message: { ready?: boolean; done?: boolean } & Done) => {
      if (message.ready) resolve({ child, done });
      if (message.done) finished(message);
    });
    child.once('error', reject);
    // Consumers only exit when killed after their report; one that dies earlier counts as having delivered nothing.
    child.once('exit', (code) => {
      reject(new Error(`consumer ${group} exited with ${code} before it was ready`));
      finished({ latencies: [], lastAt: 0 });
    });
    child.send({ url, prefix, group, expected });
  });
}

async function run(mode: RunResult['mode'], groups: number): Promise<RunResult> {
  const prefix = `bench-${randomUUID().slice(0, 8)}`;
  const count = mode === 'paced' ? pacedEvents : events;
  const publisher = await createRedisEventBus({
    url,
    prefix,
    logger: createLogger({ service: 'bench', level: 'warn' }),
  });
  const consumers = await Promise.all(
    Array.from({ length: groups }, (_, g) => startConsumer(prefix, `group-${g}`, count)),
  );
  try {
    const startedAt = now();
    const deadline = startedAt + runLimitMs;
    let published = 0;
    if (mode === 'throughput') {
      const lane = async () => {
        while (published < count && now() < deadline) await publisher.publish('bench', benchEvent(published++));
      };
      await Promise.all(Array.from({ length: inFlight }, lane));
    } else {
      const sends: Promise<string>[] = [];
      while (published < count && now() < deadline) {
        const wait = startedAt + (published * 1000) / pacedRate - now();
        if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
        sends.push(publisher.publish('bench', benchEvent(published++)));
      }
      await Promise.all(sends);
    }
    const publishedAt = now();
    const timeout = new Promise<'timeout'>((resolve) =>
      setTimeout(() => resolve('timeout'), Math.max(0, deadline - publishedAt)).unref(),
    );
    const all = Promise.all(consumers.map((c) => c.done));
    const timedOut = (await Promise.race([all, timeout])) === 'timeout';
    if (timedOut) for (const c of consumers) c.child.send({ finish: true });
    const reports = await all;
    const latencies = reports.flatMap((r) => r.latencies).sort((a, b) => a - b);
    const lastAt = Math.max(...reports.map((r) => r.lastAt || publishedAt));
    return {
      mode,
      groups,
      published,
      delivered: latencies.length,
      publishPerSec: Math.round(published / ((publishedAt - startedAt) / 1000)),
      deliveredPerSec: Math.round(latencies.length / ((lastAt - startedAt) / 1000)),
      latencyMs: {
        p50: percentile(latencies, 50),
        p90: percentile(latencies, 90),
        p99: percentile(latencies, 99),
        max: percentile(latencies, 100),
      },
      timedOut,
    };
  } finally {
    for (const c of consumers) c.child.kill();
    await publisher.close();
    await deleteKeys(prefix);
  }
}

async function redisVersion(): Promise<string> {
  const client = createClient({ url });
  await client.connect();
  const info = await client.info('server');
  await client.close();
  return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
}

const loadBefore = loadavg()[0];
const results: RunResult[] = [];
for (const groups of [1, 3]) {
  for (const mode of ['throughput', 'paced'] as const) {
    const r = await run(mode, groups);
    results.push(r);
    console.log(
      `${mode.padEnd(10)} groups=${groups} published=${r.published} delivered=${r.delivered} publish/s=${r.publishPerSec} ` +
        `delivered/s=${r.deliveredPerSec} p50=${r.latencyMs.p50}ms p99=${r.latencyMs.p99}ms${r.timedOut ? ' (timed out)' : ''}`,
    );
  }
}

const envelopeBytes = Buffer.byteLength(JSON.stringify(benchEvent(1)));
const environment = {
  date: new Date().toISOString(),
  node: process.version,
  redis: await redisVersion(),
  cpu: `${cpus()[0]?.model ?? 'unknown'} x ${cpus().length}`,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  // The machine is shared: a high load average means the numbers understate what the bus can do.
  loadAverage1m: { before: Number(loadBefore?.toFixed(2)), after: Number(loadavg()[0]?.toFixed(2)) },
};
const outDir = join(here, '..', 'results');
mkdirSync(outDir, { recursive: true });
const config = { events, pacedEvents, pacedRate, inFlight, runLimitMs, envelopeBytes, batchSize: 100 };
writeFileSync(join(outDir, 'events.json'), `${JSON.stringify({ environment, config, results }, null, 2)}\n`);
const rows = results.map(
  (r) =>
    `| ${r.mode} | ${r.groups} | ${r.published} | ${r.delivered} | ${r.publishPerSec} | ${r.deliveredPerSec} | ` +
    `${r.latencyMs.p50} | ${r.latencyMs.p90} | ${r.latencyMs.p99} | ${r.latencyMs.max} |${r.timedOut ? ' timed out' : ''}`,
);
writeFileSync(
  join(outDir, 'events.md'),
  `# Event backbone benchmark

Redis ${environment.redis} on loopback, Node ${environment.node}, ${environment.cpu}, ${environment.date};
1-minute load average ${environment.loadAverage1m.before} before and ${environment.loadAverage1m.after} after (shared machine).
${envelopeBytes}-byte envelopes on one stream. One publisher process; one consumer per group, each group in its own
process. \`throughput\`: ${inFlight} publishes in flight, then drain (latency is mostly queueing behind the backlog);
\`paced\`: ${pacedRate} events/s (latency is the bus's own overhead). Every delivery goes through the full consumer
pipeline (registry check with zod, dedupe, per-subject state, Lua settle). Reproduce: \`npx tsx bench/events/run.ts\`.
The publisher, the consumers and Redis share ${cpus().length} vCPUs, so the 3-group runs are CPU-bound: they show the
bus under contention more than its own limits.

| run | groups | published | delivered | publish/s | delivered/s (all groups) | p50 ms | p90 ms | p99 ms | max ms |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}
`,
);
console.log(`wrote ${join(outDir, 'events.json')} and events.md`);
