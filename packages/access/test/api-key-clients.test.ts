import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAuthenticator,
  createFileClientStore,
  createMemoryClientStore,
  createRedisClientStore,
  hashApiKey,
  type ClientStore,
} from '../src/index.js';
import { connectRedis, deleteKeys, randomPrefix } from './helpers.js';
import type { RedisClient } from '../src/redis.js';

let redis: RedisClient;
const prefix = randomPrefix();
const dir = mkdtempSync(join(tmpdir(), 'fm-access-clients-'));

beforeAll(async () => {
  redis = await connectRedis();
});
afterAll(async () => {
  await deleteKeys(redis, prefix);
  await redis.quit();
  rmSync(dir, { recursive: true, force: true });
});

const stores: [string, () => ClientStore][] = [
  ['Redis', () => createRedisClientStore({ redis, prefix })],
  ['a clients.json file', () => createFileClientStore({ dir })],
  ['memory', () => createMemoryClientStore()],
];

describe.each(stores)('API-key clients in %s', (name, open) => {
  const id = `acme-${name.length}`;

  it('authenticates a created client by x-api-key and by Authorization: ApiKey', async () => {
    const store = open();
    const { apiKey, client } = await store.createClient({
      id: `${id}-auth`,
      kind: 'partner',
      scopes: ['orders:read'],
      partnerId: 'ACME',
    });
    expect(apiKey).toMatch(/^fm_[A-Za-z0-9_-]{43}$/);
    expect(client).toEqual({ id: `${id}-auth`, kind: 'partner', scopes: ['orders:read'], partnerId: 'ACME' });
    const authenticate = createAuthenticator({ apiKeys: store });
    await expect(authenticate({ 'x-api-key': apiKey })).resolves.toEqual(client);
    await expect(authenticate({ authorization: `ApiKey ${apiKey}` })).resolves.toEqual(client);
  });

  it('lists clients without key material and refuses a duplicate id', async () => {
    const store = open();
    await store.createClient({ id: `${id}-list`, kind: 'partner', scopes: ['orders:read'], partnerId: 'ACME' });
    const listed = await store.listClients();
    expect(listed.find((c) => c.id === `${id}-list`)).toEqual({
      id: `${id}-list`,
      kind: 'partner',
      scopes: ['orders:read'],
      partnerId: 'ACME',
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(listed)).not.toMatch(/fm_|keyHash/);
    await expect(store.createClient({ id: `${id}-list`, kind: 'console', scopes: [] })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `Client "${id}-list" already exists`,
    });
  });

  it('refuses a partner without a partner id and an id with spaces', async () => {
    const store = open();
    await expect(store.createClient({ kind: 'partner', scopes: [] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(store.createClient({ id: 'has space', kind: 'console', scopes: [] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('refuses a revoked key as unknown, without echoing it', async () => {
    const store = open();
    const { apiKey, client } = await store.createClient({ kind: 'console', scopes: ['orders:read'] });
    expect(client.id).toMatch(/^console-[0-9a-f]{8}$/);
    expect(await store.revokeClient(client.id)).toBe(true);
    expect(await store.revokeClient(client.id)).toBe(false);
    const authenticate = createAuthenticator({ apiKeys: store });
    const failure = await authenticate({ 'x-api-key': apiKey }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Unknown or revoked API key' });
    expect(String((failure as Error).message)).not.toContain(apiKey);
  });
});

describe('the clients.json file', () => {
  it('holds hashes only, never the key', async () => {
    const store = createFileClientStore({ dir });
    const { apiKey } = await store.createClient({ id: 'hash-only', kind: 'service', scopes: [] });
    const text = readFileSync(join(dir, 'clients.json'), 'utf8');
    expect(text).toContain(hashApiKey(apiKey));
    expect(text).not.toContain(apiKey);
  });

  it('is re-read when another process (the CLI) changes it', async () => {
    const gatewayView = createFileClientStore({ dir });
    const authenticate = createAuthenticator({ apiKeys: gatewayView, anonymous: false });
    await gatewayView.listClients(); // warm its cache
    const { apiKey } = await createFileClientStore({ dir }).createClient({ id: 'late', kind: 'console', scopes: [] });
    await expect(authenticate({ 'x-api-key': apiKey })).resolves.toMatchObject({ id: 'late' });
  });
});

describe('requests without an API key', () => {
  it('are the read-only anonymous storefront by default', async () => {
    const authenticate = createAuthenticator({ apiKeys: createMemoryClientStore() });
    await expect(authenticate({})).resolves.toEqual({
      id: 'anonymous',
      kind: 'storefront',
      scopes: ['catalog:read', 'inventory:read'],
      anonymous: true,
    });
  });

  it('are refused when anonymous access is off', async () => {
    const authenticate = createAuthenticator({ apiKeys: createMemoryClientStore(), anonymous: false });
    await expect(authenticate({})).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringMatching(/^Missing credentials: send an API key/),
    });
  });

  it('never fall back to anonymous when a credential is sent in an unknown scheme', async () => {
    const authenticate = createAuthenticator({ apiKeys: createMemoryClientStore() });
    const failure = await authenticate({ authorization: 'Basic c2VjcmV0' }).catch((e: unknown) => e);
    expect(failure).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringMatching(/^Unsupported Authorization header/),
    });
    expect((failure as Error).message).not.toContain('c2VjcmV0');
  });
});
