/**
 * Fault-suite helpers (test/faults/*.faults.test.ts, `npm run test:faults`; needs `npm run build`: services run
 * from their dist entry points as separate node processes).
 *
 *   const redis = await startRedis({ persist: true });      // private redis-server on a free port, own --dir
 *   await redis.kill(); await redis.start();                 // outage by SIGKILL (or stop(): SIGTERM), same port
 *   const dataDir = await seedDataDir(dataset);              // embedded stores seeded, then released
 *   const mesh = await startTopology({ redisUrl: redis.url, dataDir, gateways: 2 });   // waits for every /readyz
 *   mesh.gateways[0].url; mesh.subgraphs.orders.stop('SIGKILL'); await mesh.start('orders', { PORT: ... });
 *   const key = await createApiKey(mesh.env, 'operator');    // x-api-key for a client kind (Redis or files)
 *   afterAll: await mesh.close(); await redis.close(); removeDir(dataDir);
 *
 * Every process is ended by its PID (ChildProcess.kill); nothing touches the shared Redis on 6379.
 */
export { ping, startRedis, type PrivateRedis } from './redis.js';
export { startService, startTopology, SUBGRAPH_NAMES, type ServiceName, type ServiceProcess, type Topology, type TopologyOptions } from './processes.js';
export { createApiKey, removeDir, seedDataDir } from './data.js';
export { freePort, untilExit, waitFor } from './wait.js';
