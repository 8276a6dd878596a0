import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import {
  createFileClientStore,
  createRedisClientStore,
  type ClientKind,
  type RedisClient,
} from '@fulfillment-mesh/access';
import { startMesh } from '@fulfillment-mesh/mesh';
import type { SeedDataset } from '@fulfillment-mesh/seed-data';

/**
 * A fresh DATA_DIR with every subgraph's embedded store seeded from `dataset` (the all-in-one seeds it in this
 * process, on an in-process bus, and closes again, releasing the stores), ready for startTopology.
 */
export async function seedDataDir(dataset: SeedDataset): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fm-faults-data-'));
  const mesh = await startMesh({ dataDir, dataset, randomPorts: true, seed: 'if-empty', rateLimit: false });
  await mesh.close();
  return dataDir;
}

/** Removes a temp folder (afterAll). */
export function removeDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/**
 * Creates a client of `kind` with `scopes` where the gateway started with `env` looks keys up (Redis at
 * REDIS_URL with the default prefix, else `<DATA_DIR>/access`); returns its `x-api-key` header.
 */
export async function createApiKey(
  env: Record<string, string>,
  kind: Exclude<ClientKind, 'service'>,
  scopes: string[],
): Promise<Record<string, string>> {
  if (env.REDIS_URL) {
    const redis = createClient({ url: env.REDIS_URL }) as RedisClient;
    await redis.connect();
    try {
      const { apiKey } = await createRedisClientStore({ redis }).createClient({ kind, scopes });
      return { 'x-api-key': apiKey };
    } finally {
      await redis.quit();
    }
  }
  const { apiKey } = await createFileClientStore({ dir: join(env.DATA_DIR ?? 'data', 'access') }).createClient({
    kind,
    scopes,
  });
  return { 'x-api-key': apiKey };
}
