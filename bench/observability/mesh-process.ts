import { startMesh } from '@fulfillment-mesh/mesh';
import { createLogger } from '@fulfillment-mesh/runtime';
import { startTracing } from '@fulfillment-mesh/telemetry';
import { product, tinyDataset } from '../../test/fixtures.js';

/**
 * One mesh under test, alone in its process, in mode `BENCH_MODE`: `off` (no tracer provider: every span call is
 * the API's no-op) or `on` (the SDK with the OTLP/HTTP exporter, batched, to `OTEL_EXPORTER_OTLP_ENDPOINT`, the
 * parent's local receiver). IPC: `ready` with the gateway URL; `cpu` answers its CPU time so far; exits on `stop`.
 */
const mode = process.env.BENCH_MODE;
if ((mode !== 'on' && mode !== 'off') || !process.send)
  throw new Error('start me from bench/observability/run.ts (BENCH_MODE on|off, IPC)');
const tracing = mode === 'on' ? startTracing({ serviceName: 'bench-mesh' }) : undefined;
if (mode === 'on' && !tracing) throw new Error('tracing did not start: is OTEL_EXPORTER_OTLP_ENDPOINT set?');
const dataset = tinyDataset([product('BENCH-1', '9.90')], {
  'BENCH-1': { 'dc-east': 500, 'dc-central': 200, 'dc-west': 100 },
});
const mesh = await startMesh({
  inMemory: true,
  randomPorts: true,
  rateLimit: false,
  dataset,
  logger: createLogger({ service: 'bench-mesh', level: 'warn' }),
});
process.on('message', (message: { type: string }) => {
  // CPU time this process used so far (user + system, µs): the parent reads it around each load run.
  if (message.type === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send!({ type: 'cpu', micros: user + system });
    return;
  }
  if (message.type !== 'stop') return;
  void (async () => {
    await mesh.close();
    await tracing?.shutdown();
    process.exit(0);
  })();
});
process.send({ type: 'ready', url: mesh.gatewayUrl });
