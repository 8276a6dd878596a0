import { pathToFileURL } from 'node:url';
import { createMemoryEventBus, createRedisEventBus } from '@fulfillment-mesh/events';
import { createLogger, envString, loadManifest, manifestDirectory, openStore } from '@fulfillment-mesh/runtime';
import { adapterOptionsFromEnv } from './index.js';
import { createOrdersSubgraph } from '../server.js';

const USAGE =
  'usage: orders-cli import-edi <file>   (reads MONGODB_URI or DATA_DIR, REDIS_URL and the adapter variables of ADAPTERS.md)';

/**
 * Operator commands of the orders subgraph. `import-edi <file>` receives an X12 file as if it had been posted to
 * /edi/inbound: prints the 997 on stdout and one line per purchase order on stderr; exits 1 when the envelope
 * was rejected or an order was dead-lettered. It writes to the same store as the running subgraph, whose outbox
 * relay publishes the orders' events.
 */
export async function cli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, file] = argv;
  if (command !== 'import-edi' || !file) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const logger = createLogger({ service: 'orders-cli' });
  const store = await openStore({
    subgraph: 'orders',
    mongodbUri: envString(env, 'MONGODB_URI'),
    dataDir: envString(env, 'DATA_DIR'),
  });
  const redisUrl = envString(env, 'REDIS_URL');
  const bus = redisUrl ? await createRedisEventBus({ url: redisUrl, logger }) : createMemoryEventBus({ logger });
  const subgraph = await createOrdersSubgraph({
    store,
    logger,
    bus,
    services: manifestDirectory(loadManifest(env)),
    options: { adapters: adapterOptionsFromEnv(env) },
  });
  try {
    const result = await subgraph.adapters.edi.importFile(file);
    process.stdout.write(result.acks.join(''));
    for (const reason of result.reasons) process.stderr.write(`rejected: ${reason}\n`);
    for (const outcome of result.orders)
      process.stderr.write(
        `${JSON.stringify(outcome.status === 'applied' ? { status: outcome.status, documentId: outcome.documentId, orderId: outcome.result.order._id } : outcome)}\n`,
      );
    return result.accepted && result.orders.every((o) => o.status === 'applied' || o.status === 'duplicate') ? 0 : 1;
  } finally {
    await subgraph.close();
    await bus.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exitCode = await cli(process.argv.slice(2));
