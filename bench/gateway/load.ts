import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { Agent, request } from 'undici';
import { IDENTITY_HEADER, signRequestIdentity, type Client } from '@fulfillment-mesh/access';
import { CONSOLE, DIRECT_PLANS, PARTNER, STOREFRONT, type Scenario } from './queries.js';

/**
 * The load generator, a process of its own (the gateways' CPU is not shared with it): autocannon against a
 * gateway, or, for `direct`, a closed loop of the same concurrency making the subgraph requests of the query plan.
 */
export interface LoadJob {
  target: string;
  direct?: { subgraphs: Record<string, string>; secret: string; client: Client };
  scenario: Scenario;
  durationMs: number;
  connections: number;
  headers: Record<string, string>;
  skus: string[];
  hotSku: string;
  /** API keys to rotate over, one per request (several console users); else `headers` as given. */
  apiKeys?: string[];
  /** Partner scenario on our gateway: send the registered document's id instead of its text. */
  documentId?: string;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

const documentOf = (scenario: Scenario) =>
  scenario === 'console' ? CONSOLE : scenario === 'partner' ? PARTNER : STOREFRONT;

function bodies(job: LoadJob): () => string {
  let i = 0;
  return () => {
    const variables =
      job.scenario === 'storefront'
        ? { sku: job.skus[i++ % job.skus.length] }
        : job.scenario === 'storefront-hot'
          ? { sku: job.hotSku }
          : {};
    if (job.documentId) return JSON.stringify({ documentId: job.documentId, variables });
    return JSON.stringify({ query: documentOf(job.scenario), variables });
  };
}

async function viaAutocannon(job: LoadJob): Promise<LoadResult> {
  const next = bodies(job);
  let rotation = 0;
  const result = await autocannon({
    url: job.target,
    method: 'POST',
    connections: job.connections,
    duration: job.durationMs / 1000,
    headers: { 'content-type': 'application/json', ...job.headers },
    requests: [
      {
        setupRequest: (req: { headers?: Record<string, string> } & Record<string, unknown>) => {
          const key = job.apiKeys?.[rotation++ % job.apiKeys.length];
          return { ...req, body: next(), ...(key ? { headers: { ...req.headers, 'x-api-key': key } } : {}) };
        },
      },
    ],
  });
  const requests = result.requests.total;
  return {
    requests,
    rps: requests / (job.durationMs / 1000),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function direct(job: LoadJob): Promise<LoadResult> {
  const plan = DIRECT_PLANS[job.scenario === 'storefront-hot' ? 'storefront' : job.scenario];
  const agent = new Agent({ connections: 64, keepAliveTimeout: 30_000 });
  const { subgraphs, secret, client } = job.direct!;
  let i = 0;
  const latencies: number[] = [];
  let errors = 0;
  const one = async () => {
    const input = { sku: job.scenario === 'storefront' ? job.skus[i++ % job.skus.length] : job.hotSku };
    const requestId = randomUUID();
    const identity = signRequestIdentity(client, { secret, requestId });
    const previous: Record<string, any> = {};
    for (const group of plan) {
      await Promise.all(
        group.map(async (step) => {
          const res = await request(subgraphs[step.subgraph]!, {
            method: 'POST',
            dispatcher: agent,
            headers: {
              'content-type': 'application/json',
              'x-request-id': requestId,
              [IDENTITY_HEADER]: identity.next(),
            },
            body: JSON.stringify({ query: step.query, variables: step.variables(input, previous) }),
          });
          const json = (await res.body.json()) as { data?: unknown; errors?: unknown[] };
          if (res.statusCode !== 200 || json.errors) errors++;
          previous[step.subgraph] = json.data;
        }),
      );
    }
  };
  const end = performance.now() + job.durationMs;
  await Promise.all(
    Array.from({ length: job.connections }, async () => {
      while (performance.now() < end) {
        const started = performance.now();
        try {
          await one();
        } catch {
          errors++;
        }
        latencies.push(performance.now() - started);
      }
    }),
  );
  await agent.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    requests: latencies.length,
    rps: latencies.length / (job.durationMs / 1000),
    p50: at(0.5),
    p99: at(0.99),
    errors,
  };
}

process.on('message', (job: LoadJob | { type: 'stop' }) => {
  if ('type' in job) process.exit(0);
  void (job.direct ? direct(job) : viaAutocannon(job)).then(
    (result) => process.send!({ type: 'result', result }),
    (error: unknown) => process.send!({ type: 'error', message: (error as Error).stack ?? String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'ready' });
