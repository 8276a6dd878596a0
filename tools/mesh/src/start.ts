import { createLogger, envString, onShutdown } from '@fulfillment-mesh/runtime';
import { startMesh } from './mesh.js';

/** `npm start`: the whole mesh in one process on the embedded store (or MONGODB_URI), seeded on first start. */
const logger = createLogger({ service: 'mesh' });
const mongodbUri = envString(process.env, 'MONGODB_URI');
const mesh = await startMesh({ logger, dataDir: envString(process.env, 'DATA_DIR') ?? 'data', ...(mongodbUri ? { mongodbUri } : {}) });
onShutdown(logger, () => mesh.close());

const seededNow = Object.entries(mesh.seeded).filter(([, n]) => n > 0);
const example = `{ product(sku: "FM-FAS-00001") { name price { amount currencyCode } availability { available byLocation { location { name } available } } } }`;
process.stdout.write(
  [
    '',
    `Fulfillment Mesh is up: ${mesh.gatewayUrl}`,
    ...mesh.subgraphs.map((s) => `  ${s.name.padEnd(10)} ${s.url}`),
    seededNow.length > 0 ? `  seeded: ${seededNow.map(([name, n]) => `${name} ${n}`).join(', ')}` : '  data: kept from the previous run',
    '',
    'Try:',
    `  curl -s ${mesh.gatewayUrl} -H 'content-type: application/json' \\`,
    `    -d '${JSON.stringify({ query: example })}'`,
    '',
  ].join('\n') + '\n',
);
