import { fork, type ChildProcess } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { request } from 'undici';
import { generateDataset } from '@fulfillment-mesh/seed-data';
import { createGatewayAccess } from '../../gateway/src/server.js';
import type { LoadJob, LoadResult } from './load.js';
import { CONSOLE, PARTNER, STOREFRONT, type Scenario } from './queries.js';
import { benchClients, type BenchConfig, type BenchRole } from './shared.js';

/**
 * `npm run bench -- gateway` (issue 16): our gateway side by side with a bare @apollo/gateway, Hive Gateway and
 * Hive Gateway with its response cache, and direct subgraph calls, over the same five real subgraph processes
 * (default dataset, embedded store, Redis backbone). Each gateway is a process of its own; the load comes from
 * another (autocannon; a closed loop of the plan's subgraph requests for `direct`). Rounds are interleaved (the
 * peer order rotates per round), ratios are medians over rounds. Then a WMS-adapter writer changes stock while
 * readers read through the two caching gateways: stale reads and invalidation latency.
 * BENCH_QUICK=1: one round of 2 s per measurement (development). The full run stops itself within 10 minutes.
 * BENCH_PROFILE=<dir>: CPU profiles of the subgraphs under our console load, <dir>/<subgraph>.cpuprofile.
 * Needs `npm run build` first: the gateway and subgraph processes run the built packages.
 */
const QUICK = process.env.BENCH_QUICK === '1';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 5));
const DURATION_MS = QUICK ? 1_500 : 2_000; // per measurement
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const BUDGET_MS = 10 * 60_000; // 10 minutes
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
// Children run the built packages (dist, as production does; `npm run build` first): quicker to start than sources.
const TSX = ['--import', 'tsx'];
const root = fileURLToPath(new URL('../..', import.meta.url));
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const startedAt = Date.now();

process.on('unhandledRejection', (error) => {
  console.error('gateway benchmark failed:', error);
  process.exit(1);
});
process.on('beforeExit', (code) =>
  console.error(`gateway benchmark: nothing left to wait for (exit ${code}) before the report`),
);
const budget = setTimeout(() => {
  console.error(`gateway benchmark exceeded ${BUDGET_MS} ms; aborting`);
  for (const child of children) child.kill('SIGKILL');
  process.exit(2);
}, BUDGET_MS);

type Peer = 'ours' | 'ours-usage' | 'ours-cached' | 'apollo' | 'hive' | 'hive-cached' | 'direct';
const PEERS_BY_SCENARIO: Record<Scenario, Peer[]> = {
  storefront: ['ours', 'ours-usage', 'ours-cached', 'apollo', 'hive', 'hive-cached', 'direct'],
  'storefront-hot': ['ours', 'ours-cached', 'apollo', 'hive', 'hive-cached', 'direct'],
  console: ['ours', 'ours-usage', 'apollo', 'hive', 'direct'],
  partner: ['ours', 'apollo', 'hive', 'direct'],
};
// BENCH_SCENARIOS=console,partner measures only those (development; the committed results come from all four).
for (const scenario of Object.keys(PEERS_BY_SCENARIO) as Scenario[]) {
  if (process.env.BENCH_SCENARIOS && !process.env.BENCH_SCENARIOS.split(',').includes(scenario))
    delete PEERS_BY_SCENARIO[scenario];
}
// BENCH_PEERS=ours,ours-usage measures only those peers, side by side (e.g. the usage-reporting overhead alone);
// such a partial run writes bench/results/gateway-partial.{json,md} and leaves the full results alone.
const PARTIAL = process.env.BENCH_PEERS?.split(',').filter(Boolean);
if (PARTIAL)
  for (const scenario of Object.keys(PEERS_BY_SCENARIO) as Scenario[])
    PEERS_BY_SCENARIO[scenario] = PEERS_BY_SCENARIO[scenario].filter((peer) => PARTIAL.includes(peer));
const RESULTS = PARTIAL || process.env.BENCH_SCENARIOS ? 'gateway-partial' : 'gateway';
const ROLE: Record<Scenario, BenchRole> = {
  storefront: 'storefront',
  'storefront-hot': 'storefront',
  console: 'console',
  partner: 'partner',
};
const SUBGRAPH_NAMES = ['catalog', 'inventory', 'orders', 'shipments', 'operations'];

const children: ChildProcess[] = [];
// Whatever happens to this process, no child outlives it.
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});
let cpuSeq = 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Forks a child and resolves with its `ready` message (or fails after `timeoutMs`). */
function start(
  script: string,
  env: Record<string, string>,
  timeoutMs = 300_000,
): Promise<{ child: ChildProcess; ready: Record<string, any> }> {
  const child = fork(here(script), [], {
    cwd: root,
    execArgv: TSX,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `${script} ${JSON.stringify(env.BENCH_PEER ?? env.BENCH_SUBGRAPH ?? '')} not ready in ${timeoutMs} ms`,
          ),
        ),
      timeoutMs,
    );
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    child.on('message', function onReady(m: { type: string }) {
      if (m.type !== 'ready') return;
      clearTimeout(timer);
      child.off('message', onReady);
      resolve({ child, ready: m });
    });
  });
}

function ask<T>(child: ChildProcess, type: string, field: string): Promise<T> {
  const id = ++cpuSeq;
  return new Promise((resolve) => {
    const onMessage = (m: { type: string; id?: number } & Record<string, unknown>) => {
      if (m.type === type && m.id === id) {
        child.off('message', onMessage);
        resolve(m[field] as T);
      }
    };
    child.on('message', onMessage);
    child.send({ type, id });
  });
}
const cpuMs = async (child: ChildProcess) => {
  const cpu = await ask<NodeJS.CpuUsage>(child, 'cpu', 'cpu');
  return (cpu.user + cpu.system) / 1000;
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? 0 : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round2 = (n: number) => Math.round(n * 100) / 100;
const documentIdOf = (document: string) => `sha256:${createHash('sha256').update(document).digest('hex')}`;

// ---- set up: subgraphs, access, gateways, load generator
const dataset = generateDataset();
const partnerId = dataset.orders[0]!.customer.id;
const ports = await Promise.all(SUBGRAPH_NAMES.map(() => freePort()));
const cfg: BenchConfig = {
  redisUrl: REDIS_URL,
  prefix: `fm-bench-gw-${randomBytes(4).toString('hex')}`,
  identitySecret: randomBytes(32).toString('hex'),
  wmsSecret: randomBytes(16).toString('hex'),
  subgraphs: Object.fromEntries(SUBGRAPH_NAMES.map((name, i) => [name, `http://127.0.0.1:${ports[i]}/graphql`])),
  partnerId,
};
const env = { BENCH_CONFIG: JSON.stringify(cfg) };
console.log(`gateway bench: ${ROUNDS} round(s) × ${DURATION_MS} ms, ${CONNECTIONS} connections, prefix ${cfg.prefix}`);
const subgraphs = Object.fromEntries(
  await Promise.all(
    SUBGRAPH_NAMES.map(
      async (name) => [name, (await start('./subgraph-process.ts', { ...env, BENCH_SUBGRAPH: name })).child] as const,
    ),
  ),
);

const redis = createClient({ url: REDIS_URL });
await redis.connect();
const access = createGatewayAccess({
  identitySecret: cfg.identitySecret,
  redis: redis as never,
  redisPrefix: `${cfg.prefix}:access:`,
  rateLimit: false,
});
const clients = benchClients(partnerId);
// One storefront backend and one partner integration are one client each; consoles are people: the console load
// rotates over CONSOLE_USERS keys, so in-flight sharing (per identity) does not merge different users' requests.
const CONSOLE_USERS = 16;
const apiKeys: Record<BenchRole, string[]> = { storefront: [], console: [], partner: [] };
for (const role of ['storefront', 'console', 'partner'] as const) {
  const { kind, id, scopes } = clients[role];
  for (let i = 0; i < (role === 'console' ? CONSOLE_USERS : 1); i++) {
    const client = {
      id: role === 'console' ? `${id}-${i}` : id,
      kind: kind as never,
      scopes: [...scopes],
      ...(role === 'partner' ? { partnerId } : {}),
    };
    apiKeys[role].push((await access.clients.createClient(client)).apiKey);
  }
}
await access.manifests.registerManifest(clients.partner.id, { [documentIdOf(PARTNER)]: PARTNER });

const gatewayPeers = ['ours', 'ours-usage', 'ours-cached', 'apollo', 'hive', 'hive-cached'] as const;
const gateways = Object.fromEntries(
  await Promise.all(
    gatewayPeers.map(async (peer) => {
      const { child, ready } = await start('./gateway-process.ts', { ...env, BENCH_PEER: peer });
      return [peer, { child, url: ready.url as string }] as const;
    }),
  ),
) as Record<(typeof gatewayPeers)[number], { child: ChildProcess; url: string }>;
const loader = (await start('./load.ts', {})).child;

const active = dataset.products.filter((p) => p.status === 'ACTIVE').map((p) => p.sku);
const dcs = new Set(dataset.locations.filter((l) => l.kind === 'DC').map((l) => l.id));
// The hot SKU has free stock at a DC, so every +1 the WMS writer makes there shows in its availability.
const hotPosition = dataset.positions.find(
  (p) => dcs.has(p.locationId) && active.includes(p.sku) && p.onHand - p.reserved - p.safetyStock > 10,
)!;
const hotSku = hotPosition.sku;
const skus = [hotSku, ...active.filter((sku) => sku !== hotSku).slice(0, 299)];

function job(peer: Peer, scenario: Scenario, durationMs: number): LoadJob {
  const role = ROLE[scenario];
  const ours = peer === 'ours' || peer === 'ours-usage' || peer === 'ours-cached';
  return {
    target: peer === 'direct' ? '' : gateways[peer].url,
    ...(peer === 'direct'
      ? { direct: { subgraphs: cfg.subgraphs, secret: cfg.identitySecret, client: clients[role] } }
      : {}),
    scenario,
    durationMs,
    connections: CONNECTIONS,
    headers: ours ? { 'x-api-key': apiKeys[role][0]! } : { 'x-bench-as': role },
    ...(ours && apiKeys[role].length > 1 ? { apiKeys: apiKeys[role] } : {}),
    skus,
    hotSku,
    ...(ours && scenario === 'partner' ? { documentId: documentIdOf(PARTNER) } : {}),
  };
}

function load(j: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { type: string; result?: LoadResult; message?: string }) => {
      if (m.type !== 'result' && m.type !== 'error') return;
      loader.off('message', onMessage);
      if (m.type === 'result') resolve(m.result!);
      else reject(new Error(m.message));
    };
    loader.on('message', onMessage);
    loader.send(j);
  });
}

/** One request of each scenario through each gateway: the answers must be whole (no errors) to be compared. */
async function probe(peer: Exclude<Peer, 'direct'>, scenario: Scenario): Promise<string | undefined> {
  const j = job(peer, scenario, 0);
  const variables = scenario.startsWith('storefront') ? { sku: hotSku } : {};
  const body = j.documentId
    ? { documentId: j.documentId, variables }
    : { query: scenario === 'console' ? CONSOLE : scenario === 'partner' ? PARTNER : STOREFRONT, variables };
  const res = await request(j.target, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...j.headers },
    body: JSON.stringify(body),
  });
  const json = (await res.body.json()) as { data?: unknown; errors?: { message: string }[] };
  if (res.statusCode !== 200 || json.errors?.length || !json.data)
    return `${res.statusCode} ${JSON.stringify(json.errors ?? json).slice(0, 300)}`;
  return undefined;
}

const probeFailures: string[] = [];
for (const scenario of Object.keys(PEERS_BY_SCENARIO) as Scenario[]) {
  for (const peer of PEERS_BY_SCENARIO[scenario]) {
    if (peer === 'direct') continue;
    const failure = await probe(peer, scenario);
    if (failure) {
      probeFailures.push(`${peer}/${scenario}: ${failure}`);
      console.error(`probe failed: ${peer}/${scenario}: ${failure}`);
    }
  }
}

// ---- rounds
interface Measurement extends LoadResult {
  round: number;
  gatewayCpuMsPerRequest: number | null;
  subgraphCpuMsPerRequest: Record<string, number>;
}
const measurements: Record<string, Measurement[]> = {};
async function measure(peer: Peer, scenario: Scenario, round: number) {
  const gatewayChild = peer === 'direct' ? undefined : gateways[peer].child;
  // BENCH_PROFILE=<dir>: the subgraphs' CPU profile of our gateway's console load (the first round).
  const profiling = process.env.BENCH_PROFILE && scenario === 'console' && peer === 'ours' && round === 1;
  if (profiling) for (const n of SUBGRAPH_NAMES) subgraphs[n]!.send({ type: 'profile-start' });
  const before = await Promise.all([
    gatewayChild ? cpuMs(gatewayChild) : 0,
    ...SUBGRAPH_NAMES.map((n) => cpuMs(subgraphs[n]!)),
  ]);
  const result = await load(job(peer, scenario, DURATION_MS));
  const after = await Promise.all([
    gatewayChild ? cpuMs(gatewayChild) : 0,
    ...SUBGRAPH_NAMES.map((n) => cpuMs(subgraphs[n]!)),
  ]);
  if (profiling) await Promise.all(SUBGRAPH_NAMES.map((n) => ask(subgraphs[n]!, 'profile-stop', 'done')));
  const idle = (i: number) => (i === 0 ? 0 : idleCpuMsPerSecond[i - 1]! * (DURATION_MS / 1000));
  const per = (i: number) =>
    result.requests > 0 ? round2(Math.max(0, after[i]! - before[i]! - idle(i)) / result.requests) : 0;
  const m: Measurement = {
    ...result,
    round,
    gatewayCpuMsPerRequest: gatewayChild ? per(0) : null,
    subgraphCpuMsPerRequest: Object.fromEntries(SUBGRAPH_NAMES.map((n, i) => [n, per(i + 1)])),
  };
  (measurements[`${scenario}:${peer}`] ??= []).push(m);
  console.log(
    `round ${round} ${scenario.padEnd(14)} ${peer.padEnd(11)} ${result.rps.toFixed(0).padStart(6)} rps  p50 ${result.p50.toFixed(1)} ms  p99 ${result.p99.toFixed(1)} ms  gw ${m.gatewayCpuMsPerRequest ?? '-'} ms/req  errors ${result.errors}`,
  );
}

// Background work of the subgraphs (operations' monitor, inventory's sweeper, consumers) is not request cost:
// its rate over an idle window is subtracted from every measurement.
const IDLE_MS = 3_000;
const idleBefore = await Promise.all(SUBGRAPH_NAMES.map((n) => cpuMs(subgraphs[n]!)));
await new Promise((resolve) => setTimeout(resolve, IDLE_MS)); // a measurement window, not synchronisation
const idleAfter = await Promise.all(SUBGRAPH_NAMES.map((n) => cpuMs(subgraphs[n]!)));
const idleCpuMsPerSecond = SUBGRAPH_NAMES.map((_n, i) => (idleAfter[i]! - idleBefore[i]!) / (IDLE_MS / 1000));

// Warm-up: JIT, plan caches, keep-alive pools.
for (const scenario of Object.keys(PEERS_BY_SCENARIO) as Scenario[])
  for (const peer of PEERS_BY_SCENARIO[scenario]) await load(job(peer, scenario, 500));
// Each round must fit before the budget (with a minute left for the stale-read phase and the report); on a busy
// shared machine start-up can take minutes, so fewer rounds may complete, and the report says how many did.
let roundsCompleted = 0;
let roundMs = 0;
for (let round = 1; round <= ROUNDS; round++) {
  const roundStarted = Date.now();
  if (round > 1 && Date.now() - startedAt + roundMs + 60_000 > BUDGET_MS) {
    console.error(
      `stopping after ${roundsCompleted} round(s): the next one would not fit the ${BUDGET_MS / 60_000}-minute budget`,
    );
    break;
  }
  for (const scenario of Object.keys(PEERS_BY_SCENARIO) as Scenario[]) {
    const peers = PEERS_BY_SCENARIO[scenario];
    const rotated = [...peers.slice(round % peers.length), ...peers.slice(0, round % peers.length)];
    for (const peer of rotated) await measure(peer, scenario, round);
  }
  roundsCompleted = round;
  roundMs = Date.now() - roundStarted;
}

console.log('stale reads: WMS writer against ours (cached) and Hive (cached)');
// ---- stale reads: a WMS-adapter writer changes the hot SKU's stock while readers read through the caches
const position = hotPosition;
const inventoryBase = new URL(cfg.subgraphs.inventory!).origin;
const available = async (peer: 'ours-cached' | 'hive-cached') => {
  const j = job(peer, 'storefront-hot', 0);
  const res = await request(j.target, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...j.headers },
    body: JSON.stringify({ query: STOREFRONT, variables: { sku: hotSku } }),
  });
  const json = (await res.body.json()) as { data?: { product?: { availability?: { available?: number } } } };
  return json.data?.product?.availability?.available ?? -1;
};
let sequence = Date.now();
async function wmsWrite(delta: number) {
  const body = JSON.stringify({
    source: `wms:${position.locationId}`,
    sequence: String(sequence++),
    observedAt: new Date().toISOString(),
    adjustments: [{ sku: hotSku, locationId: position.locationId, delta, reason: 'adjusted' }],
  });
  const res = await request(`${inventoryBase}/adapters/wms/adjustments`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-wms-signature': createHmac('sha256', cfg.wmsSecret).update(body).digest('hex'),
    },
    body,
  });
  const text = await res.body.text();
  if (res.statusCode >= 300) throw new Error(`WMS adjustment refused: ${res.statusCode} ${text}`);
}

/**
 * Readers read the hot SKU through both caching gateways in a loop; the writer makes WRITES +1 adjustments. A read
 * is stale when it began after our gateway had handled the write's event (evicted) and still shows a value from
 * before that write; Hive's reads are judged against the same instants (its cache only expires).
 */
const WRITES = QUICK ? 10 : 30;
const writes: { committedAt: number; invalidatedAt: number; value: number }[] = [];
const reads: Record<'ours-cached' | 'hive-cached', { startedAt: number; value: number }[]> = {
  'ours-cached': [],
  'hive-cached': [],
};
let writing = true;
const baseline = await available('ours-cached');
const readers = (['ours-cached', 'hive-cached'] as const).flatMap((peer) =>
  Array.from({ length: 4 }, async () => {
    while (writing) {
      const startedAt = performance.now();
      reads[peer].push({ startedAt, value: await available(peer) });
    }
  }),
);
const hiveBaseline = await available('hive-cached');
type CacheCounters = { entityCache: { events: number; invalidationMs: { p99: number; p50: number; count: number } } };
const cacheEvents = async () =>
  (await ask<CacheCounters>(gateways['ours-cached'].child, 'stats', 'stats')).entityCache.events;
for (let i = 1; i <= WRITES; i++) {
  const seen = await cacheEvents();
  await wmsWrite(1);
  const committedAt = performance.now();
  // The write's event has been handled (its entries evicted) once the gateway counted it: reads from then on
  // must show the new value.
  const deadline = committedAt + 5_000;
  while ((await cacheEvents()) <= seen && performance.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 2));
  writes.push({ committedAt, invalidatedAt: performance.now(), value: baseline + i });
  await new Promise((resolve) => setTimeout(resolve, 150)); // writer pacing, not synchronisation
}
await new Promise((resolve) => setTimeout(resolve, 300)); // reads after the last write
writing = false;
await Promise.all(readers);
// The writes must have landed (through the gateway without the cache), or no read could be judged.
const finalValue = await (async () => {
  const j = job('ours', 'storefront-hot', 0);
  const res = await request(j.target, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...j.headers },
    body: JSON.stringify({ query: STOREFRONT, variables: { sku: hotSku } }),
  });
  return (
    ((await res.body.json()) as { data?: { product?: { availability?: { available?: number } } } }).data?.product
      ?.availability?.available ?? -1
  );
})();
if (finalValue !== baseline + WRITES)
  console.error(`stale check: expected ${baseline + WRITES} after the writes, read ${finalValue}`);
const staleCount = (peer: 'ours-cached' | 'hive-cached', base: number) =>
  reads[peer].filter((r) => {
    const due = writes.filter((w) => w.invalidatedAt < r.startedAt).at(-1);
    return due !== undefined && r.value < due.value - baseline + base;
  }).length;
const oursStats = await ask<{
  entityCache: { invalidationMs: { p99: number; p50: number; count: number }; hits: number; misses: number };
}>(gateways['ours-cached'].child, 'stats', 'stats');

// ---- stop and report
for (const child of children) child.send({ type: 'stop' });
await Promise.all(
  children.map((c) => (c.exitCode !== null ? undefined : new Promise((resolve) => c.once('exit', resolve)))),
);
await redis.quit();
clearTimeout(budget);

const rps = (scenario: Scenario, peer: Peer) => median((measurements[`${scenario}:${peer}`] ?? []).map((m) => m.rps));
const ratioPerRound = (scenario: Scenario, a: Peer, b: Peer) =>
  round2(
    median(
      (measurements[`${scenario}:${a}`] ?? []).map(
        (m, i) => m.rps / (measurements[`${scenario}:${b}`]?.[i]?.rps ?? NaN),
      ),
    ),
  );
const subgraphCpu = (scenario: Scenario, peer: Peer) =>
  Object.fromEntries(
    SUBGRAPH_NAMES.map((n) => [
      n,
      round2(median((measurements[`${scenario}:${peer}`] ?? []).map((m) => m.subgraphCpuMsPerRequest[n]!))),
    ]),
  );
const consoleCpu = subgraphCpu('console', 'ours');
const version = (pkg: string) =>
  (JSON.parse(readFileSync(`${root}node_modules/${pkg}/package.json`, 'utf8')) as { version: string }).version;

const summary = Object.fromEntries(
  Object.entries(measurements).map(([key, list]) => [
    key,
    {
      rps: round2(median(list.map((m) => m.rps))),
      p50Ms: round2(median(list.map((m) => m.p50))),
      p99Ms: round2(median(list.map((m) => m.p99))),
      gatewayCpuMsPerRequest:
        list[0]?.gatewayCpuMsPerRequest === null
          ? null
          : round2(median(list.map((m) => m.gatewayCpuMsPerRequest ?? 0))),
      subgraphCpuMsPerRequest: Object.fromEntries(
        SUBGRAPH_NAMES.map((n) => [n, round2(median(list.map((m) => m.subgraphCpuMsPerRequest[n]!)))]),
      ),
      errors: list.reduce((s, m) => s + m.errors, 0),
      rounds: list.map((m) => round2(m.rps)),
    },
  ]),
);
const results = {
  benchmark: 'gateway',
  date: new Date().toISOString(),
  quick: QUICK,
  machine: {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadAverageAtEnd: loadavg().map(round2),
    shared: true,
  },
  idleSubgraphCpuMsPerSecond: Object.fromEntries(SUBGRAPH_NAMES.map((n, i) => [n, round2(idleCpuMsPerSecond[i]!)])),
  setup: {
    consoleUsers: CONSOLE_USERS,
    rounds: roundsCompleted,
    roundsPlanned: ROUNDS,
    durationMsPerMeasurement: DURATION_MS,
    connections: CONNECTIONS,
    skusRotated: skus.length,
    dataset: 'generateDataset() defaults',
  },
  ratios: {
    storefrontVsHive: ratioPerRound('storefront', 'ours', 'hive'),
    // Throughput lost to usage reporting (issue 19 goal ≤ 0.03): 1 − rps(usage on) / rps(usage off), per round.
    usageReportingOverhead: round2(1 - ratioPerRound('storefront', 'ours-usage', 'ours')),
    usageReportingOverheadConsole: round2(1 - ratioPerRound('console', 'ours-usage', 'ours')),
    storefrontVsBareApollo: ratioPerRound('storefront', 'ours', 'apollo'),
    storefrontVsDirect: ratioPerRound('storefront', 'ours', 'direct'),
    hotStorefrontVsHive: ratioPerRound('storefront-hot', 'ours', 'hive'),
    consoleVsHive: ratioPerRound('console', 'ours', 'hive'),
    consoleVsDirect: ratioPerRound('console', 'ours', 'direct'),
    partnerVsHive: ratioPerRound('partner', 'ours', 'hive'),
    cachedStorefrontVsHive: ratioPerRound('storefront', 'ours-cached', 'hive'),
    cachedStorefrontVsHiveCached: ratioPerRound('storefront', 'ours-cached', 'hive-cached'),
  },
  rps: { storefront: { ours: rps('storefront', 'ours'), hive: rps('storefront', 'hive') } },
  subgraphCpuMsPerConsoleRequest: round2(Object.values(consoleCpu).reduce((a, b) => a + b, 0)),
  subgraphCpuMsPerConsoleRequestBySubgraph: consoleCpu,
  cache: {
    staleReadsAfterInvalidation: staleCount('ours-cached', baseline),
    hiveCachedStaleReads: staleCount('hive-cached', hiveBaseline),
    reads: { ours: reads['ours-cached'].length, hive: reads['hive-cached'].length },
    writes: WRITES,
    writesLanded: finalValue === baseline + WRITES,
    invalidationP99Ms: oursStats.entityCache.invalidationMs.p99,
    invalidationP50Ms: oursStats.entityCache.invalidationMs.p50,
    invalidationEvents: oursStats.entityCache.invalidationMs.count,
  },
  versions: {
    node: process.version,
    '@apollo/gateway': version('@apollo/gateway'),
    '@apollo/server': version('@apollo/server'),
    '@graphql-hive/gateway': version('@graphql-hive/gateway'),
    '@graphql-hive/gateway-runtime': version('@graphql-hive/gateway-runtime'),
    autocannon: version('autocannon'),
  },
  probeFailures,
  scenarios: summary,
  elapsedSeconds: Math.round((Date.now() - startedAt) / 1000),
};
writeFileSync(`${root}bench/results/${RESULTS}.json`, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(`${root}bench/results/${RESULTS}.md`, renderMarkdown(results));
console.log(
  JSON.stringify(
    {
      ratios: results.ratios,
      subgraphCpuMsPerConsoleRequest: results.subgraphCpuMsPerConsoleRequest,
      cache: results.cache,
    },
    null,
    2,
  ),
);
process.exit(0);

function renderMarkdown(r: typeof results): string {
  const rows = Object.entries(r.scenarios)
    .map(([key, s]) => {
      const [scenario, peer] = key.split(':');
      const sub = Object.values(s.subgraphCpuMsPerRequest).reduce((a, b) => a + b, 0);
      return `| ${scenario} | ${peer} | ${s.rps} | ${s.p50Ms} | ${s.p99Ms} | ${s.gatewayCpuMsPerRequest ?? '—'} | ${round2(sub)} | ${s.errors} |`;
    })
    .join('\n');
  const ratios = Object.entries(r.ratios)
    .map(([k, v]) => `| \`ratios.${k}\` | ${v} |`)
    .join('\n');
  return `# Gateway benchmark (\`npm run bench -- gateway\`)

${r.date}${r.quick ? ' — QUICK mode (1 short round: development figures only)' : ''}. Machine: ${r.machine.cpus} × ${r.machine.model},
${r.machine.memoryGiB} GiB, **shared with other engineers' work** (load average at the end ${r.machine.loadAverageAtEnd.join(' / ')}):
figures are noisy; ratios are medians of per-round ratios over ${r.setup.rounds} interleaved round(s) of ${r.setup.durationMsPerMeasurement} ms,
${r.setup.connections} connections, load from a separate process (autocannon; \`direct\` is a closed loop making the plan's subgraph requests).

| ratio | value |
|---|---|
${ratios}

Subgraph CPU per console request (ours): **${r.subgraphCpuMsPerConsoleRequest} ms** (${Object.entries(
    r.subgraphCpuMsPerConsoleRequestBySubgraph,
  )
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}).

Cache: ${r.cache.staleReadsAfterInvalidation} stale reads after invalidation through ours (${r.cache.reads.ours} reads, ${r.cache.writes} WMS writes;
Hive with its response cache: ${r.cache.hiveCachedStaleReads} stale of ${r.cache.reads.hive}); invalidation commit → eviction p99 ${r.cache.invalidationP99Ms} ms
(p50 ${r.cache.invalidationP50Ms} ms, ${r.cache.invalidationEvents} events). A read is stale when it began after our gateway had
handled the write's event and shows an older value (Hive judged against the same instants).

| scenario | peer | RPS | p50 ms | p99 ms | gateway CPU ms/req | subgraph CPU ms/req | errors |
|---|---|---|---|---|---|---|---|
${rows}

Versions: ${Object.entries(r.versions)
    .map(([k, v]) => `${k} ${v}`)
    .join(
      ', ',
    )}.${r.probeFailures.length ? `\n\nProbe failures (answers with errors, not comparable): ${r.probeFailures.join('; ')}` : ''}
`;
}
