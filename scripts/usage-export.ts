/**
 * `npm run usage:export -- --since 30d --out usage.json`: writes the usage the gateways recorded (Redis under
 * `<REDIS_PREFIX>:usage:` with REDIS_URL, else `<DATA_DIR>/usage/usage.json`) as the export `schema:check
 * --usage <file>` reads: `{ generatedAt, since, operations: [{ hash, name, clientId, clientKind, clientVersion,
 * document, coordinates, count, lastSeen }] }`. `--since` takes a duration (30d, 12h, 90m) or an ISO date;
 * without `--out` the export goes to standard output.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createFileUsageStore,
  createRedisUsageStore,
  exportUsage,
  openAccessRedis,
  parseSince,
} from '@fulfillment-mesh/access';
import { createLogger } from '@fulfillment-mesh/runtime';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};

let since: Date;
try {
  since = parseSince(option('--since') ?? '30d');
} catch (error) {
  console.error(`--since: ${(error as Error).message}`);
  process.exit(1);
}
const out = option('--out');
const redisUrl = process.env.REDIS_URL;
const redis = redisUrl
  ? await openAccessRedis(redisUrl, {
      name: 'usage-export',
      logger: createLogger({ service: 'usage-export', level: 'warn' }),
    })
  : undefined;
try {
  const store = redis
    ? createRedisUsageStore({ redis: redis.redis, prefix: `${process.env.REDIS_PREFIX ?? 'fm'}:usage:` })
    : createFileUsageStore({ dir: join(process.env.DATA_DIR ?? 'data', 'usage') });
  const usage = await exportUsage(store, since);
  const text = JSON.stringify(usage, null, 2) + '\n';
  if (out) {
    writeFileSync(out, text);
    console.error(`Wrote ${usage.operations.length} operations since ${usage.since} to ${out}`);
  } else process.stdout.write(text);
} finally {
  await redis?.close();
}
