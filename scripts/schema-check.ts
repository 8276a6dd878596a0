/**
 * Schema governance (CI runs it as `npm run schema:check`): composes the supergraph from mesh.manifest.json and
 * compares its API schema with the released baseline, gateway/schema-baseline.graphql. Fails on breaking
 * changes not declared in gateway/schema-changes.json and on deprecations without a removal version or date;
 * reports dangerous and safe changes. Checks against reality (docs/governance.md): every persisted document
 * registered by a client (`<DATA_DIR>/access/manifests`, or Redis `<prefix>manifest:*` with REDIS_URL) must
 * validate against the new schema, and with `--usage <file>` (a usage export), or `--usage redis`, every
 * operation observed in the last `--usage-days N` (default 30) days is validated and deprecated elements past
 * their "Remove after" date that are still used fail. `--release` (after the check passes) makes the current
 * API schema the baseline and empties the deliberate list. For tests and reviews: `--schema <file>` checks that
 * API schema instead of composing, `--baseline <file>`, `--changes <file>`, `--manifests <dir>` (`none`: skip).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import {
  checkSchema,
  createRedisUsageStore,
  DEFAULT_REDIS_PREFIX,
  exportUsage,
  openAccessRedis,
  parseUsageExport,
  registeredDocumentsInDir,
  registeredDocumentsInRedis,
  schemaChangesFileSchema,
  type RegisteredDocument,
  type UsageExport,
} from '@fulfillment-mesh/access';
import { composeSupergraph, loadManifest } from '@fulfillment-mesh/gateway/compose';
import { createLogger } from '@fulfillment-mesh/runtime';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};

const manifest = loadManifest({});
const baselineFile = resolve(option('--baseline') ?? join(manifest.root, 'gateway', 'schema-baseline.graphql'));
const changesFile = resolve(option('--changes') ?? join(manifest.root, 'gateway', 'schema-changes.json'));
const show = (file: string) => relative(process.cwd(), file) || file;

let current: string;
const schemaFile = option('--schema');
if (schemaFile) current = readFileSync(schemaFile, 'utf8');
else {
  const composed = composeSupergraph(manifest);
  if (!composed.ok) fail('Composition failed:\n' + composed.errors.map((e) => `  - ${e}`).join('\n'));
  current = (composed as { apiSchemaSdl: string }).apiSchemaSdl;
}

let baseline = '';
try {
  baseline = readFileSync(baselineFile, 'utf8');
} catch {
  fail(
    `${show(baselineFile)} is missing: it holds the last released API schema (create it from gateway/api-schema.graphql).`,
  );
}
const parsed = schemaChangesFileSchema.safeParse(JSON.parse(readFileSync(changesFile, 'utf8')));
if (!parsed.success)
  fail(
    `${show(changesFile)} must look like { "deliberate": [{ "change": "<description>", "reason": "<why>" }] }: ${parsed.error?.message}`,
  );

const redisUrl = process.env.REDIS_URL;
const accessPrefix = process.env.ACCESS_REDIS_PREFIX ?? DEFAULT_REDIS_PREFIX;
const needsRedis = option('--usage') === 'redis' || (redisUrl !== undefined && option('--manifests') === undefined);
const redis = needsRedis
  ? redisUrl
    ? await openAccessRedis(redisUrl, {
        name: 'schema-check',
        logger: createLogger({ service: 'schema-check', level: 'warn' }),
      })
    : fail('--usage redis needs REDIS_URL')
  : undefined;

try {
  const manifestsOption = option('--manifests');
  const registered: RegisteredDocument[] =
    manifestsOption === 'none'
      ? []
      : redis && manifestsOption === undefined
        ? await registeredDocumentsInRedis(redis.redis, accessPrefix)
        : await registeredDocumentsInDir(
            resolve(manifestsOption ?? join(process.env.DATA_DIR ?? join(manifest.root, 'data'), 'access')),
          );

  const usageOption = option('--usage');
  const days = Number(option('--usage-days') ?? 30);
  if (!Number.isInteger(days) || days <= 0) fail(`--usage-days must be a positive whole number of days`);
  const since = new Date(Date.now() - days * 86_400_000);
  let usage: UsageExport | undefined;
  if (usageOption === 'redis' && redis) {
    const prefix = `${process.env.REDIS_PREFIX ?? 'fm'}:usage:`;
    usage = await exportUsage(createRedisUsageStore({ redis: redis.redis, prefix }), since);
  } else if (usageOption) {
    let text = '';
    try {
      text = readFileSync(usageOption, 'utf8');
    } catch (error) {
      fail(`${usageOption}: cannot read the usage export (${(error as Error).message})`);
    }
    try {
      const all = parseUsageExport(text, usageOption);
      const from = since.toISOString();
      usage = {
        ...all,
        since: all.since > from ? all.since : from,
        operations: all.operations.filter((op) => op.lastSeen >= from),
      };
    } catch (error) {
      fail((error as Error).message);
    }
  }

  const result = checkSchema({
    baseline,
    current,
    changes: parsed.data!,
    changesFile: show(changesFile),
    registered,
    ...(usage ? { usage } : {}),
  });
  console.log(
    `Comparing the ${schemaFile ? show(resolve(schemaFile)) : 'composed API schema'} with ${show(baselineFile)}\n`,
  );
  console.log(result.report);
  if (!result.ok) process.exitCode = 1;
  else if (args.includes('--release')) {
    writeFileSync(baselineFile, current);
    writeFileSync(changesFile, JSON.stringify({ deliberate: [] }, null, 2) + '\n');
    console.log(`\nReleased: ${show(baselineFile)} is now the current API schema; ${show(changesFile)} was emptied.`);
  }
} finally {
  await redis?.close();
}
