import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Outcome } from './clients.js';

/** One benchmark run: a scenario at one number of subscribers. */
export interface RunResult extends Outcome {
  scenario: string;
  subscribers: number;
  ratePerSecond: number;
  events: number;
  /** Time to open every socket, acknowledge it and register its subscription, in seconds. */
  connectSeconds: number;
  /** Gateway heap growth per subscriber after GC, from before the first connection to all subscribed. */
  heapPerSubscriberBytes: number;
  /** Gateway RSS growth per subscriber over the same span (includes socket buffers). */
  rssPerSubscriberBytes: number;
  /** Hydration queries the gateway executed for the run's events. */
  hydrations: number;
  slowConsumersClosed: number;
  socketsClosedEarly: number;
  /** CPU time used per wall-clock second from the first publish to the end of the drain (1 = one core busy). */
  gatewayCpuCores: number;
  clientCpuCores: number;
  /** Gateway CPU time per delivered result, in microseconds (robust to other load on the machine). */
  gatewayCpuMicrosPerDelivery: number;
  /** The machine's 1-minute load average when the run started (2 cores: above 2 means others compete for CPU). */
  loadAverage1m: number;
}

/** What the report says about the machine and the scenarios. */
export interface ReportContext {
  loadBefore: number;
  loadAfter: number;
  scenarios: readonly { name: string; ratePerSecond: number; durationMs: number; skus: number }[];
}

const RESULTS = new URL('../results/', import.meta.url);

/** Writes bench/results/subscriptions.json and .md. */
export async function writeReport(results: RunResult[], context: ReportContext): Promise<void> {
  const cpu = cpus();
  const environment = {
    node: process.version,
    cpu: `${cpu[0]?.model ?? 'unknown'} x ${cpu.length}`,
    at: new Date().toISOString(),
    loadAverage1m: { before: round(context.loadBefore), after: round(context.loadAfter) },
  };
  await mkdir(fileURLToPath(RESULTS), { recursive: true });
  await writeFile(
    new URL('subscriptions.json', RESULTS),
    `${JSON.stringify({ environment, scenarios: context.scenarios, results }, null, 2)}\n`,
  );

  const rows = results.map((r) =>
    [
      r.scenario,
      r.subscribers,
      r.ratePerSecond,
      r.events,
      r.expectedDeliveries,
      r.delivered,
      `**${r.lost}**`,
      r.duplicates,
      r.errors,
      r.hydrations,
      r.p50,
      r.p90,
      r.p99,
      r.max,
      r.heapPerSubscriberBytes,
      r.rssPerSubscriberBytes,
      r.gatewayCpuCores,
      r.gatewayCpuMicrosPerDelivery,
      r.clientCpuCores,
      r.loadAverage1m,
      r.connectSeconds,
    ]
      .map(String)
      .join(' | '),
  );
  const md = `# Subscription benchmark

Node ${environment.node}, ${environment.cpu}, ${environment.at}; 1-minute load average ${environment.loadAverage1m.before} before and
${environment.loadAverage1m.after} after (shared machine). Redis 7 on loopback.

One gateway process (a child process of its own; the two fixture subgraphs it hydrates from run in another) serves
graphql-ws on one port; the subscribers (one WebSocket each, the protocol spoken by hand to keep 10k clients light)
and the publisher share the parent process. No \`ulimit\` change was needed: each process stays under its 20,000
descriptors (10k sockets on each side of the loopback). Events are published to Redis Streams at a steady rate; the gateway's
one shared tail reads them, filters, hydrates each event once per hydration group through the federated query plan
(\`cursor sku onHand product { name }\`: \`name\` comes from the catalog subgraph) and fans the result out.
Latency is publish call → message parsed by the client, same clock; it includes the client process's own queueing
(10k sockets on one CPU). Memory per subscriber is the gateway's growth after GC, from no connection to all
subscribed (RSS also counts ws/net socket buffers). \`lost\` must be 0. \`gateway CPU\` / \`client CPU\`: cores busy
from the first publish to the end of the drain (1.00 = one core); \`gateway µs/delivery\`: the gateway's CPU time per
result delivered (hydration included), the figure least disturbed by other load; \`load\`: 1-minute load average
when the run started — above 2 (the core count) other processes were competing, and latency suffers first.

${context.scenarios.map((s) => `- **${s.name}**: ${s.ratePerSecond} events/s for ${s.durationMs / 1000} s; ${s.skus === 1 ? 'every subscriber takes every event' : `each subscriber watches one of ${s.skus} SKUs (\`skus\` filter), events cycle through them`}.`).join('\n')}

| scenario | subscribers | events/s | events | due | delivered | lost | dup | errors | hydrations | p50 ms | p90 ms | p99 ms | max ms | heap B/sub | RSS B/sub | gateway CPU | gateway µs/delivery | client CPU | load | connect s |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.map((r) => `| ${r} |`).join('\n')}

Reproduce: \`npx tsx --conditions=source bench/subscriptions/run.ts\` (\`BENCH_SIZES=1000\` for a quick run).
`;
  await writeFile(new URL('subscriptions.md', RESULTS), md);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
