import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { findRepoRoot } from '@fulfillment-mesh/runtime';
import { freePort, untilExit, waitFor } from './wait.js';

/** The services of the mesh, each with a dist entry point (`npm run build` first). */
export type ServiceName = 'gateway' | 'catalog' | 'inventory' | 'orders' | 'shipments' | 'operations';
export const SUBGRAPH_NAMES = ['catalog', 'inventory', 'orders', 'shipments', 'operations'] as const;

const root = findRepoRoot();
const entryOf = (name: ServiceName) =>
  join(root, name === 'gateway' ? 'gateway' : `subgraphs/${name}`, 'dist/index.js');

/** One service running as its own node process. */
export interface ServiceProcess {
  readonly name: ServiceName;
  readonly pid: number;
  readonly port: number;
  /** `http://127.0.0.1:<port>` (append /graphql, /readyz, /healthz). */
  readonly origin: string;
  /** `<origin>/graphql`. */
  readonly url: string;
  /** Everything it wrote to stdout and stderr so far (pino JSON lines). */
  output(): string;
  /** Exit code and signal once it has exited; `exitCode` below is the synchronous view. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** undefined while it runs. */
  readonly exitCode: number | null | undefined;
  /** GET /readyz and /healthz: status and JSON body (status 0 when nothing answers). */
  probe(path: '/readyz' | '/healthz'): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Polls /readyz until 200 (fails with the process output when it exits or the deadline passes). */
  waitReady(timeoutMs?: number): Promise<void>;
  /** Sends `signal` (default SIGTERM) and resolves with how it exited. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `node <service>/dist/index.js` with `env` on top of PATH/HOME only (no inherited REDIS_URL etc.):
 * PORT (free one when absent), HOST 127.0.0.1, LOG_LEVEL info. Does not wait for readiness (see waitReady).
 */
export async function startService(name: ServiceName, env: Record<string, string>): Promise<ServiceProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child: ChildProcess = spawn(process.execPath, [entryOf(name)], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = untilExit(child);
  const origin = `http://127.0.0.1:${port}`;
  const probe: ServiceProcess['probe'] = async (path) => {
    try {
      const res = await fetch(origin + path, { signal: AbortSignal.timeout(2_000) });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    } catch {
      return { status: 0, body: {} };
    }
  };
  return {
    name,
    pid: child.pid ?? -1,
    port,
    origin,
    url: `${origin}/graphql`,
    output: () => output,
    exited,
    get exitCode() {
      return child.exitCode ?? (child.signalCode ? null : undefined);
    },
    probe,
    async waitReady(timeoutMs = 30_000) {
      await waitFor(
        `${name} (pid ${child.pid}) /readyz 200`,
        async () => {
          if (child.exitCode !== null || child.signalCode !== null) {
            throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output}`);
          }
          return (await probe('/readyz')).status === 200;
        },
        timeoutMs,
      ).catch((error: Error) => {
        throw new Error(`${error.message}\n--- ${name} output ---\n${output}`);
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Options of {@link startTopology}. */
export interface TopologyOptions {
  /** REDIS_URL of every service (omit for none). */
  redisUrl?: string;
  /** DATA_DIR shared by the subgraphs (each uses `<dataDir>/<name>/`); seed it first with seedDataDir. */
  dataDir: string;
  /** How many gateway replicas over the same subgraphs; default 1. */
  gateways?: number;
  /** Extra environment for every process. */
  env?: Record<string, string>;
  /** Wait for every /readyz; default true. */
  waitReady?: boolean;
}

/** Every subgraph and N gateways as separate processes sharing one identity secret. */
export interface Topology {
  subgraphs: Record<(typeof SUBGRAPH_NAMES)[number], ServiceProcess>;
  gateways: ServiceProcess[];
  /** The environment every process got (REDIS_URL, DATA_DIR, FM_IDENTITY_SECRET, <NAME>_URL, ...). */
  env: Record<string, string>;
  /** Starts one more process of `name` with the topology's env (plus `extra`), e.g. a restart or a second writer. */
  start(name: ServiceName, extra?: Record<string, string>): Promise<ServiceProcess>;
  /** SIGKILLs whatever still runs (afterAll). */
  close(): Promise<void>;
}

/**
 * Starts the five subgraphs (free ports, known up front so each gets every `<NAME>_URL`) and the gateway(s),
 * then waits for them to be ready. A random FM_IDENTITY_SECRET is shared by all.
 */
export async function startTopology(options: TopologyOptions): Promise<Topology> {
  const ports = Object.fromEntries(await Promise.all(SUBGRAPH_NAMES.map(async (n) => [n, await freePort()] as const)));
  const env: Record<string, string> = {
    FM_IDENTITY_SECRET: randomBytes(32).toString('hex'),
    DATA_DIR: options.dataDir,
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...Object.fromEntries(
      SUBGRAPH_NAMES.map((n) => [`${n.toUpperCase()}_URL`, `http://127.0.0.1:${ports[n]}/graphql`]),
    ),
    ...options.env,
  };
  const started: ServiceProcess[] = [];
  const start = async (name: ServiceName, extra: Record<string, string> = {}) => {
    const service = await startService(name, { ...env, ...extra });
    started.push(service);
    return service;
  };
  const close = async () => {
    await Promise.all(started.map((s) => s.stop('SIGKILL')));
  };
  try {
    const subgraphs = Object.fromEntries(
      await Promise.all(SUBGRAPH_NAMES.map(async (n) => [n, await start(n, { PORT: String(ports[n]) })] as const)),
    ) as Topology['subgraphs'];
    const gateways = await Promise.all(Array.from({ length: options.gateways ?? 1 }, () => start('gateway')));
    if (options.waitReady !== false)
      await Promise.all([...Object.values(subgraphs), ...gateways].map((s) => s.waitReady(60_000)));
    return { subgraphs, gateways, env, start, close };
  } catch (error) {
    await close();
    throw error;
  }
}
