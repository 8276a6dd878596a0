import { createLogger, envString, onShutdown, startTracing } from '@fulfillment-mesh/runtime';
import { accessRedisPrefix } from '@fulfillment-mesh/access';
import { startMesh } from './mesh.js';

/** `npm start`: the whole mesh in one process on the embedded store (or MONGODB_URI; REDIS_URL for the backbone), seeded on first start. */
// OTLP traces when OTEL_EXPORTER_OTLP_ENDPOINT is set (every OTEL_* variable applies); off and free otherwise.
const tracing = startTracing({ serviceName: 'fulfillment-mesh' });
const logger = createLogger({ service: 'mesh' });
const mongodbUri = envString(process.env, 'MONGODB_URI');
const redisUrl = envString(process.env, 'REDIS_URL');
const identitySecret = envString(process.env, 'FM_IDENTITY_SECRET');
const mesh = await startMesh({
  logger,
  dataDir: envString(process.env, 'DATA_DIR') ?? 'data',
  ...(mongodbUri ? { mongodbUri } : {}),
  ...(redisUrl
    ? {
        redisUrl,
        redisPrefix: envString(process.env, 'REDIS_PREFIX') ?? 'fm',
        accessRedisPrefix: accessRedisPrefix(process.env),
      }
    : {}),
  ...(identitySecret ? { identitySecret } : {}),
  adapterEnv: process.env,
});
onShutdown(
  logger,
  async () => {
    await mesh.close();
    await tracing?.shutdown();
  },
  { drain: mesh.drain },
);

const seededNow = Object.entries(mesh.seeded).filter(([, n]) => n > 0);
const sku = await firstSku(mesh.gatewayUrl);
const example = `{ product(sku: "${sku}") { name price { amount currencyCode } availability { available byLocation { location { name } available } } } }`;
process.stdout.write(
  [
    '',
    `Fulfillment Mesh is up: ${mesh.gatewayUrl}`,
    `  console    ${mesh.consoleUrl} (sign in with a console or operator key: npm run access -- clients create …)`,
    ...mesh.subgraphs.map((s) => `  ${s.name.padEnd(10)} ${s.url}`),
    seededNow.length > 0
      ? `  seeded: ${seededNow.map(([name, n]) => `${name} ${n}`).join(', ')}`
      : '  data: kept from the previous run',
    '',
    'Try:',
    `  curl -s ${mesh.gatewayUrl} -H 'content-type: application/json' \\`,
    `    -d '${JSON.stringify({ query: example })}'`,
    '',
  ].join('\n') + '\n',
);

/** A real SKU for the printed example (the seed is deterministic, but data may have been replaced). */
async function firstSku(url: string): Promise<string> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ products(first: 1, filter: { status: ACTIVE }) { nodes { sku } } }' }),
    });
    const body = (await res.json()) as { data?: { products: { nodes: { sku: string }[] } } };
    return body.data?.products.nodes[0]?.sku ?? 'FM-ELE-10105';
  } catch {
    return 'FM-ELE-10105';
  }
}
