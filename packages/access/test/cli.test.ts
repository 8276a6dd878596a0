import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import {
  accessRedisPrefix,
  createAuthenticator,
  createFileClientStore,
  createRedisClientStore,
  DEFAULT_REDIS_PREFIX,
  documentHash,
} from '../src/index.js';
import { createServer as createNetServer } from 'node:net';
import { connectRedis, deleteKeys, randomPrefix, REDIS_URL } from './helpers.js';

const cwd = mkdtempSync(join(tmpdir(), 'fm-access-cli-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

/** Runs the CLI, capturing what it prints. */
async function cli(args: string, env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    args.match(/"[^"]*"|\S+/g)!.map((a) => a.replace(/^"|"$/g, '')),
    { env, cwd, out: (t) => out.push(t), err: (t) => err.push(t) },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const manifestFile = join(cwd, 'persisted-documents.json');
const operation = 'query PartnerOrders { orders { totalCount } }';
writeFileSync(manifestFile, JSON.stringify({ [`sha256:${documentHash(operation)}`]: operation }));

describe('the access CLI on the embedded file stores', () => {
  it('creates a partner client and prints its key once', async () => {
    const created = await cli(
      'clients create --kind partner --scopes "orders:read catalog:read" --partner ACME --id acme-portal',
    );
    expect(created.code).toBe(0);
    expect(created.out).toContain(
      'Created partner client acme-portal for partner ACME with scopes: orders:read catalog:read.',
    );
    const key = /\n {2}(fm_\S+)\n/.exec(created.out)?.[1];
    const authenticate = createAuthenticator({ apiKeys: createFileClientStore({ dir: join(cwd, 'data/access') }) });
    await expect(authenticate({ 'x-api-key': key })).resolves.toMatchObject({ id: 'acme-portal', partnerId: 'ACME' });
  });

  it('lists clients in a table without keys', async () => {
    const listed = await cli('clients list');
    expect(listed.out).toMatch(
      /^ID\s+KIND\s+PARTNER\s+SCOPES\s+CREATED\nacme-portal\s+partner\s+ACME\s+orders:read catalog:read\s+\d{4}-/,
    );
    expect(listed.out).not.toContain('fm_');
  });

  it('registers and lists a manifest, and refuses a tampered one naming the entry', async () => {
    expect((await cli(`manifests register acme-portal ${manifestFile}`)).out).toContain(
      'Registered 1 operations for acme-portal (1 new, 1 in total)',
    );
    expect((await cli('manifests list acme-portal')).out).toBe(
      `${'DOCUMENT ID'.padEnd(71)}  OPERATION\nsha256:${documentHash(operation)}  PartnerOrders`,
    );
    const bad = join(cwd, 'bad.json');
    writeFileSync(bad, JSON.stringify({ [`sha256:${documentHash(operation)}`]: `${operation} ` }));
    const refused = await cli(`manifests register acme-portal ${bad}`);
    expect(refused).toMatchObject({
      code: 1,
      err: expect.stringMatching(/^Manifest entry "sha256:[0-9a-f]{64}" does not match its document/),
    });
  });

  it('revokes a client, and says so when there is none', async () => {
    expect(await cli('clients revoke acme-portal')).toMatchObject({
      code: 0,
      out: 'Revoked client acme-portal: its API key no longer works.',
    });
    expect(await cli('clients revoke acme-portal')).toMatchObject({ code: 1 });
  });

  it('explains its usage on a wrong command', async () => {
    const wrong = await cli('clients create --kind robot');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(
      /^--kind must be one of storefront, console, partner, operator, service\nUsage: fm-access/,
    );
  });
});

describe('the access CLI with REDIS_URL', () => {
  const prefix = randomPrefix();
  const env = { REDIS_URL, ACCESS_REDIS_PREFIX: prefix };
  afterAll(async () => {
    const redis = await connectRedis();
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('creates the client in Redis', async () => {
    const created = await cli('clients create --kind console --scopes orders:read --id cs-desk', env);
    expect(created.out).toContain(`Stored in Redis at 127.0.0.1:6379 (prefix ${prefix})`);
    const redis = await connectRedis();
    try {
      expect((await createRedisClientStore({ redis, prefix }).listClients()).map((c) => c.id)).toEqual(['cs-desk']);
    } finally {
      await redis.quit();
    }
  });
});

describe('the access CLI with only REDIS_PREFIX', () => {
  const base = randomPrefix().replace(/:$/, '');
  afterAll(async () => {
    const redis = await connectRedis();
    await deleteKeys(redis, `${base}:`);
    await redis.quit();
  });

  it('stores keys under <REDIS_PREFIX>:access:, where a gateway of that deployment looks for them', async () => {
    const env = { REDIS_URL, REDIS_PREFIX: base };
    const created = await cli('clients create --kind console --scopes orders:read --id other-mesh', env);
    expect(created.out).toContain(`(prefix ${base}:access:)`);
    const redis = await connectRedis();
    try {
      const store = (prefix: string) => createRedisClientStore({ redis, prefix }).listClients();
      expect((await store(accessRedisPrefix(env))).map((c) => c.id)).toEqual(['other-mesh']);
      expect((await store(DEFAULT_REDIS_PREFIX)).map((c) => c.id)).not.toContain('other-mesh');
    } finally {
      await redis.quit();
    }
  });
});

describe('the access CLI when Redis does not answer', () => {
  it('says so at once, naming the host, and exits 1', async () => {
    const server = createNetServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const result = await cli('clients list', { REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(result).toMatchObject({ code: 1, out: '' });
    expect(result.err).toMatch(new RegExp(`^Redis at 127\\.0\\.0\\.1:${port} does not answer`));
  });
});
