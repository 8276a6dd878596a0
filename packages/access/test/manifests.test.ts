import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFileManifestRegistry,
  createMemoryManifestRegistry,
  createRedisManifestRegistry,
  documentHash,
  verifyManifest,
  type ManifestRegistry,
} from '../src/index.js';
import type { RedisClient } from '../src/redis.js';
import { connectRedis, deleteKeys, randomPrefix } from './helpers.js';

/** The manifest graphql-codegen generates for the repository's own e2e operations. */
const generated = JSON.parse(
  readFileSync(new URL('../../../test/generated/persisted-documents.json', import.meta.url), 'utf8'),
) as Record<string, string>;
const [firstId, firstDocument] = Object.entries(generated)[0] as [string, string];
const extra = 'query Categories { categories }';

let redis: RedisClient;
const prefix = randomPrefix();
const dir = mkdtempSync(join(tmpdir(), 'fm-access-manifests-'));
beforeAll(async () => {
  redis = await connectRedis();
});
afterAll(async () => {
  await deleteKeys(redis, prefix);
  await redis.quit();
  rmSync(dir, { recursive: true, force: true });
});

describe('verifying a manifest', () => {
  it('accepts graphql-codegen’s persisted-documents.json', () => {
    const entries = verifyManifest(generated);
    expect(entries).toHaveLength(Object.keys(generated).length);
    expect(entries[0]).toEqual({ hash: firstId.slice('sha256:'.length), document: firstDocument });
  });

  it('refuses the whole manifest when one hash does not match its document, naming the entry', () => {
    const tampered = { ...generated, [firstId]: firstDocument.replace('channel', 'channel total { amount }') };
    expect(() => verifyManifest(tampered)).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(new RegExp(`^Manifest entry "${firstId}" does not match its document`)),
      }),
    );
  });

  it('refuses ids that are not SHA-256 hashes, documents that do not parse, and empty manifests', () => {
    expect(() => verifyManifest({ 'md5:abc': extra })).toThrow(
      'Manifest entry "md5:abc" is not a SHA-256 hash (expected sha256:<64 hex digits>)',
    );
    const broken = 'query {';
    expect(() => verifyManifest({ [documentHash(broken)]: broken })).toThrow(
      /is not a valid GraphQL document: Syntax Error/,
    );
    expect(() => verifyManifest({})).toThrow('The manifest has no operations');
    expect(() => verifyManifest([])).toThrow(/must be a JSON object/);
  });
});

const registries: [string, () => ManifestRegistry][] = [
  ['Redis', () => createRedisManifestRegistry({ redis, prefix })],
  ['files', () => createFileManifestRegistry({ dir })],
  [
    'memory',
    (() => {
      const shared = createMemoryManifestRegistry();
      return () => shared;
    })(),
  ],
];

describe.each(registries)('trusted documents in %s', (_name, open) => {
  it('are found by hash for the client that registered them, and for no other client', async () => {
    const registry = open();
    expect(await registry.registerManifest('acme', generated)).toEqual({ added: 4, total: 4 });
    const hash = firstId.slice('sha256:'.length);
    expect(await registry.lookup('acme', hash)).toBe(firstDocument);
    expect(await registry.lookup('globex', hash)).toBeNull();
  });

  it('add to what is registered unless replaced, and list operation names', async () => {
    const registry = open();
    expect(await registry.registerManifest('acme', { [documentHash(extra)]: extra })).toEqual({ added: 1, total: 5 });
    const listed = await registry.listOperations('acme');
    expect(listed.map((o) => o.operationName).sort()).toEqual([
      'Categories',
      'OrderJourney',
      'OrdersWithEverything',
      'ProductWithAvailability',
      'ProductsPage',
    ]);
    expect(await registry.registerManifest('acme', { [documentHash(extra)]: extra }, { replace: true })).toEqual({
      added: 1,
      total: 1,
    });
    expect(await registry.lookup('acme', firstId.slice('sha256:'.length))).toBeNull();
  });
});
