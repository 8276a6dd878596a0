import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryEventBus } from '@fulfillment-mesh/events';
import { createLogger, directoryOf, openStore } from '@fulfillment-mesh/runtime';
import { createCatalogSubgraph } from '../subgraphs/catalog/src/server.ts';
const silent = createLogger({ service: 'x', level: 'silent' });
for (const n of (process.argv[2] ?? '1000,2000').split(',').map(Number)) {
  const dir = await mkdtemp(join(tmpdir(), 'imp-'));
  const store = await openStore({ subgraph: 'catalog', dataDir: dir });
  const bus = createMemoryEventBus({ logger: silent });
  const sg = await createCatalogSubgraph({ store, logger: silent, bus, services: directoryOf({}), adapters: {} });
  await sg.start();
  const rows = ['sku,price,currency,uom,status,version,observed_at'];
  for (let i = 0; i < n; i++) rows.push(`IMP-${i},1.00,USD,EA,ACTIVE,1,2026-11-02T08:00:00Z`);
  const t = performance.now();
  const s = await sg.adapters.erpItems.importErpItems(rows.join('\n'));
  console.log(n, Math.round(performance.now() - t), 'ms', s.applied);
  await sg.close(); await bus.close();
}
