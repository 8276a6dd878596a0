/**
 * Writes the generated part of docs/events.md from the subgraphs' event contracts (each subgraph package named in
 * mesh.manifest.json exports `eventContracts`). Fails, writing nothing, when a contract is broken (a consumer
 * cannot read what its producer publishes). With --check it only fails when docs/events.md is stale (npm test).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkContracts,
  renderEventTables,
  replaceEventTables,
  type SubgraphContracts,
} from '@fulfillment-mesh/events';
import { loadManifest } from '@fulfillment-mesh/runtime';

const manifest = loadManifest({});
const all: SubgraphContracts[] = [];
for (const { name } of manifest.subgraphs) {
  const module = (await import(`@fulfillment-mesh/${name}`)) as { eventContracts?: SubgraphContracts };
  if (!module.eventContracts)
    throw new Error(`@fulfillment-mesh/${name} exports no eventContracts (src/events/contracts.ts)`);
  all.push(module.eventContracts);
}

const breaks = checkContracts(all);
if (breaks.length > 0) {
  console.error('Event contracts are broken:\n' + breaks.map((b) => `  - ${b.message}`).join('\n'));
  process.exit(1);
}
const file = join(manifest.root, 'docs', 'events.md');
const committed = readFileSync(file, 'utf8');
const next = replaceEventTables(committed, renderEventTables(all));
if (process.argv.includes('--check')) {
  if (next !== committed) {
    console.error(`${file} is stale: run \`npm run docs:events\` and commit the result.`);
    process.exit(1);
  }
  console.log('docs/events.md is up to date with the event contracts');
} else {
  writeFileSync(file, next);
  console.log(`wrote ${file}`);
}
