import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, removeDir, startService, waitFor, type ServiceProcess } from './support/index.js';

/** A single service process alone (in-process bus, embedded store): enough to see how it starts or refuses to. */
const secret = randomBytes(32).toString('hex');
const dirs: string[] = [];
const started: ServiceProcess[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'fm-faults-config-'));
  dirs.push(dir);
  return dir;
};
const start = async (env: Record<string, string>) => {
  const service = await startService('inventory', env);
  started.push(service);
  return service;
};
afterAll(async () => {
  await Promise.all(started.map((s) => s.stop('SIGKILL')));
  dirs.forEach(removeDir);
});

/** The lines a refused start printed: exactly one, without a stack trace. */
async function refusal(service: ServiceProcess): Promise<string> {
  const { code } = await Promise.race([
    service.exited,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`still running:\n${service.output()}`)), 20_000).unref(),
    ),
  ]);
  expect(code).toBe(1);
  const lines = service.output().trim().split('\n');
  expect(lines, service.output()).toHaveLength(1);
  expect(service.output()).not.toMatch(/\n\s+at /);
  return (JSON.parse(lines[0]!) as { msg: string }).msg;
}

describe('one writer per data directory', () => {
  it('refuses a second process on the same DATA_DIR at once, naming the directory and the PID holding it', async () => {
    const dataDir = tempDir();
    const first = await start({ FM_IDENTITY_SECRET: secret, DATA_DIR: dataDir });
    await first.waitReady();
    const second = await start({ FM_IDENTITY_SECRET: secret, DATA_DIR: dataDir });
    expect(await refusal(second)).toBe(
      `inventory cannot start: Data directory ${join(dataDir, 'inventory')} is locked by process ${first.pid} on ${hostname()}: the embedded store has a single writer. Stop that process, give this one its own DATA_DIR, or run replicas on MONGODB_URI.`,
    );
    expect(first.exitCode).toBeUndefined();
    expect((await first.probe('/readyz')).status).toBe(200);
  });

  it('takes over the lock of a process killed with SIGKILL', async () => {
    const dataDir = tempDir();
    const first = await start({ FM_IDENTITY_SECRET: secret, DATA_DIR: dataDir });
    await first.waitReady();
    await first.stop('SIGKILL');
    const next = await start({ FM_IDENTITY_SECRET: secret, DATA_DIR: dataDir });
    await next.waitReady();
  });
});

describe('bad configuration', () => {
  it('exits with one clear line when FM_IDENTITY_SECRET is missing', async () => {
    const service = await start({ DATA_DIR: tempDir() });
    expect(await refusal(service)).toMatch(/^inventory cannot start: FM_IDENTITY_SECRET must be set/);
  });

  it('exits with one clear line when DATA_DIR cannot be written', async () => {
    const file = join(tempDir(), 'not-a-folder');
    writeFileSync(file, '');
    const service = await start({ FM_IDENTITY_SECRET: secret, DATA_DIR: file });
    expect(await refusal(service)).toBe(
      `inventory cannot start: Data directory ${join(file, 'inventory')} cannot be created (ENOTDIR); set DATA_DIR to a writable folder`,
    );
  });

  it('exits with one clear line when REDIS_URL is not a Redis URL', async () => {
    const service = await start({ FM_IDENTITY_SECRET: secret, DATA_DIR: tempDir(), REDIS_URL: 'localhost:6379' });
    expect(await refusal(service)).toBe(
      'inventory cannot start: REDIS_URL must be a redis:// or rediss:// URL with a host, e.g. redis://127.0.0.1:6379',
    );
  });

  it('stays up but not ready on a REDIS_URL where nothing answers, logging the outage once per connection', async () => {
    const service = await start({
      FM_IDENTITY_SECRET: secret,
      DATA_DIR: tempDir(),
      REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
    });
    await waitFor('/healthz 200', async () => (await service.probe('/healthz')).status === 200, 30_000);
    const since = Date.now();
    // Long enough for several reconnect attempts (100 ms, 200 ms, 400 ms, … with jitter).
    await waitFor('three seconds of reconnect attempts', () => Date.now() - since >= 3_000, 5_000);
    expect(await service.probe('/readyz')).toMatchObject({
      status: 503,
      body: { status: 'unavailable', down: ['redis'] },
    });
    expect(service.exitCode).toBeUndefined();
    const warnings = service
      .output()
      .split('\n')
      .filter((line) => line.includes('redis unavailable'));
    const connections = warnings.map((line) => (JSON.parse(line) as { connection?: string }).connection);
    expect(connections.length).toBeGreaterThan(0);
    expect(new Set(connections).size, warnings.join('\n')).toBe(connections.length);
  });
});
