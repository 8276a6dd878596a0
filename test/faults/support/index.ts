/**
 * Fault-suite helpers (test/faults/*.faults.test.ts, `npm run test:faults`; needs `npm run build`: services run
 * from their dist entry points as separate node processes).
 *
 *   const redis = await startRedis({ persist: true });  // private redis-server, free port, own --dir, AOF always
 *   await redis.kill(); await redis.start();             // outage by SIGKILL (stop(): SIGTERM); same port after
 *   const dataDir = await seedDataDir(dataset);          // embedded stores seeded in-process, then released
 *   const mesh = await startTopology({ redisUrl: redis.url, dataDir, gateways: 2 });  // waits for every /readyz
 *   mesh.gateways[0].url; mesh.subgraphs.orders.pid;     // ServiceProcess: url, origin, pid, output(), exitCode
 *   await mesh.subgraphs.orders.stop('SIGKILL');         // by PID; resolves with { code, signal }
 *   const again = await mesh.start('orders', { PORT: String(mesh.subgraphs.orders.port) }); await again.waitReady();
 *   const one = await startService('inventory', { FM_IDENTITY_SECRET, DATA_DIR });  // a single process, any env
 *   const auth = await createApiKey(mesh.env, 'operator', ['orders:write']);        // { 'x-api-key': … }
 *   afterAll: await mesh.close(); await redis.close(); removeDir(dataDir);
 *
 * startTopology's `waitReady: false` returns at once (e.g. started while Redis is down); probe('/readyz') and
 * waitReady() poll with a bounded deadline. Every process is ended by its PID; nothing touches Redis on 6379.
 */
export { ping, startRedis, type PrivateRedis } from './redis.js';
export {
  startService,
  startTopology,
  SUBGRAPH_NAMES,
  type ServiceName,
  type ServiceProcess,
  type Topology,
  type TopologyOptions,
} from './processes.js';
export { createApiKey, removeDir, seedDataDir } from './data.js';
export { freePort, untilExit, waitFor } from './wait.js';
