import { createLogger, envString } from '@fulfillment-mesh/runtime';
import { accessRedisPrefix } from '@fulfillment-mesh/access';
import { startMesh } from './mesh.js';

/** `npm run seed [-- --reset]`: seeds empty stores, or with --reset wipes and reseeds every subgraph. */
const reset = process.argv.includes('--reset');
const mongodbUri = envString(process.env, 'MONGODB_URI');
const redisUrl = envString(process.env, 'REDIS_URL');
const mesh = await startMesh({
  logger: createLogger({ service: 'seed', level: 'warn' }),
  dataDir: envString(process.env, 'DATA_DIR') ?? 'data',
  ...(mongodbUri ? { mongodbUri } : {}),
  ...(redisUrl
    ? {
        redisUrl,
        redisPrefix: envString(process.env, 'REDIS_PREFIX') ?? 'fm',
        accessRedisPrefix: accessRedisPrefix(process.env),
      }
    : {}),
  randomPorts: true,
  seed: reset ? 'reset' : 'if-empty',
});
await mesh.close();
for (const [name, count] of Object.entries(mesh.seeded))
  console.log(
    `${name.padEnd(10)} ${count > 0 ? `${count} documents written` : 'already had data; kept (use --reset to reseed)'}`,
  );
