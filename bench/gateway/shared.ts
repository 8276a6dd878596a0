import { signRequestIdentity, type Client } from '@fulfillment-mesh/access';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { GRANTS } from '../../tools/mesh/src/grants.js';

/** What the orchestrator hands every child (JSON in `BENCH_CONFIG`). */
export interface BenchConfig {
  redisUrl: string;
  prefix: string;
  identitySecret: string;
  wmsSecret: string;
  /** Loopback URL of every subgraph, by name (ports chosen before any subgraph starts: orders calls inventory). */
  subgraphs: Record<string, string>;
  /** The customer the partner client belongs to. */
  partnerId: string;
}

/** Who the load acts as; peers without our access layer read it from `x-bench-as`, ours from the API key. */
export type BenchRole = 'storefront' | 'console' | 'partner';

export const config = (): BenchConfig => JSON.parse(process.env.BENCH_CONFIG ?? '{}') as BenchConfig;

/** The clients of each role, with the grants of docs/access.md (tools/mesh/src/grants.ts). */
export function benchClients(partnerId: string): Record<BenchRole, Client> {
  return {
    storefront: { kind: 'storefront', id: 'bench-storefront', scopes: GRANTS.storefront } as Client,
    console: { kind: 'console', id: 'bench-console', scopes: GRANTS.console } as Client,
    partner: { kind: 'partner', id: `bench-partner-${partnerId}`, partnerId, scopes: GRANTS.partner } as Client,
  };
}

/**
 * The identity header every subgraph requires, signed once per incoming request (our gateway does the same);
 * each subgraph fetch takes the next counter value. Peers call this from their fetch hooks.
 */
export function identitySigner(cfg: BenchConfig) {
  const clients = benchClients(cfg.partnerId);
  return (requestId: string, role: string | null | undefined) =>
    signRequestIdentity(clients[(role as BenchRole) in clients ? (role as BenchRole) : 'storefront'], {
      secret: cfg.identitySecret,
      requestId,
    });
}

/**
 * Replies to `{ type: 'cpu' }` with this process's CPU time and stops on `{ type: 'stop' }`. With BENCH_PROFILE=<dir>,
 * `profile-start` / `profile-stop` bracket a V8 CPU profile of the measured window only (seeding and start-up left
 * out), written to <dir>/<name>.cpuprofile for Chrome DevTools or speedscope.
 */
export function answerOrchestrator(stop: () => Promise<void>, name = 'process') {
  let session: Session | undefined;
  process.on('message', (m: { type: string; id?: number }) => {
    if (m.type === 'profile-start' && process.env.BENCH_PROFILE) {
      session = new Session();
      session.connect();
      session.post('Profiler.enable', () => session!.post('Profiler.start'));
    }
    if (m.type === 'profile-stop' && session) {
      session.post('Profiler.stop', (error, result) => {
        if (!error)
          writeFileSync(join(process.env.BENCH_PROFILE!, `${name}.cpuprofile`), JSON.stringify(result.profile));
        session?.disconnect();
        session = undefined;
        process.send!({ type: 'profile-stop', id: m.id, done: true });
      });
    }
    if (m.type === 'cpu')
      process.send!({ type: 'cpu', id: m.id, cpu: process.cpuUsage(), rss: process.memoryUsage().rss });
    if (m.type === 'stop') void stop().finally(() => process.exit(0));
  });
  process.on('disconnect', () => void stop().finally(() => process.exit(0)));
}
