import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { envInt, loadManifest } from '@fulfillment-mesh/runtime';
import { serviceEnv, servicesOf, type ServiceEntry } from './topology.js';

/**
 * `npm run start:services [-- --reset]`: the production topology on one machine. Seeds empty stores (or, with
 * --reset, wipes and reseeds), then starts each subgraph and the gateway as its own node process on one Redis
 * (`REDIS_URL`, default redis://127.0.0.1:6379) with one `FM_IDENTITY_SECRET` (a random one for this run when
 * unset), `<SUBGRAPH>_URL` for every service, and prints the URLs once every /readyz answers. Ctrl-C (SIGINT) or
 * SIGTERM stops them all; if one exits on its own the others are stopped too and the command fails.
 */
const manifest = loadManifest(process.env);
const log = (line: string) => console.log(`[start:services] ${line}`);
const env: NodeJS.ProcessEnv = { ...process.env };
if (!env.REDIS_URL) {
  env.REDIS_URL = 'redis://127.0.0.1:6379';
  log(`REDIS_URL not set; using ${env.REDIS_URL}`);
}
if (!env.FM_IDENTITY_SECRET) {
  env.FM_IDENTITY_SECRET = randomBytes(32).toString('hex');
  log('FM_IDENTITY_SECRET not set; generated one for this run (set your own to keep it across runs)');
}
const shutdownMs = envInt(env, 'SHUTDOWN_TIMEOUT_MS', 10_000) + 5_000;
const children = new Map<string, ChildProcess>();
let stopping = false;

const run = (args: string[], extra: NodeJS.ProcessEnv = {}): ChildProcess =>
  spawn(process.execPath, args, {
    cwd: manifest.root,
    env: { ...serviceEnv(manifest, env), ...extra },
    stdio: ['ignore', 'inherit', 'inherit'],
  });

/** Stops every service: SIGTERM (the gateway first), SIGKILL for what is still running after the deadline. */
async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    const running = [...children.entries()]
      .reverse()
      .filter(([, child]) => child.exitCode === null && child.signalCode === null);
    log(`stopping ${running.map(([name]) => name).join(', ') || 'nothing'}`);
    await Promise.all(
      running.map(
        ([name, child]) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              log(`${name} did not stop within ${shutdownMs} ms; killing it`);
              child.kill('SIGKILL');
            }, shutdownMs);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  }
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

async function ready(service: ServiceEntry): Promise<void> {
  const url = `http://127.0.0.1:${service.port}/readyz`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    const status = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    if (stopping) return;
    if (Date.now() > deadline)
      throw new Error(`${service.name} was not ready at ${url} within 120 s (last status ${status || 'no answer'})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// Seeding runs before any service opens the stores (an embedded data directory has a single writer).
const seed = run([join('tools', 'mesh', 'dist', 'seed.js'), ...(process.argv.includes('--reset') ? ['--reset'] : [])]);
const seeded = await new Promise<number | null>((resolve) => seed.once('exit', (code) => resolve(code)));
if (seeded !== 0) {
  log(`seeding failed (exit ${seeded}); nothing started`);
  process.exit(1);
}

const services = servicesOf(manifest, env);
for (const service of services) {
  const child = run([service.entry], { PORT: String(service.port) });
  children.set(service.name, child);
  child.once('exit', (code, signal) => {
    if (stopping) return;
    log(`${service.name} exited (${signal ?? `code ${code}`}); stopping the others`);
    void stopAll(1);
  });
}
try {
  await Promise.all(services.map(ready));
} catch (error) {
  log((error as Error).message);
  await stopAll(1);
}
if (!stopping) {
  const host = env.HOST ?? '127.0.0.1';
  for (const s of services)
    log(`${s.name.padEnd(10)} http://${host}:${s.port}/graphql   (pid ${children.get(s.name)?.pid})`);
  const gateway = `http://${host}:${services.at(-1)!.port}`;
  log(`the graph: ${gateway}/graphql — console: ${gateway}/console/ — Ctrl-C stops all`);
}
