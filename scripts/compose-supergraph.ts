/**
 * Composes the supergraph from the subgraph schemas named in mesh.manifest.json and writes
 * gateway/supergraph.graphql (what the gateway serves) and gateway/api-schema.graphql (what clients see,
 * used by codegen). With --check it writes nothing and fails when composition fails or either committed
 * file is stale (CI runs this).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph, loadManifest } from '@fulfillment-mesh/gateway/compose';

const manifest = loadManifest({});
const result = composeSupergraph(manifest);
if (!result.ok) {
  console.error('Composition failed:\n' + result.errors.map((e) => `  - ${e}`).join('\n'));
  process.exit(1);
}
const outputs = {
  [join(manifest.root, 'gateway', 'supergraph.graphql')]: result.supergraphSdl,
  [join(manifest.root, 'gateway', 'api-schema.graphql')]: result.apiSchemaSdl,
};
const check = process.argv.includes('--check');
let stale = false;
for (const [file, content] of Object.entries(outputs)) {
  if (check) {
    let committed = '';
    try {
      committed = readFileSync(file, 'utf8');
    } catch {
      // a missing file is stale
    }
    if (committed !== content) {
      console.error(`${file} is stale: run \`npm run supergraph\` and commit the result.`);
      stale = true;
    }
  } else {
    writeFileSync(file, content);
    console.log(`wrote ${file}`);
  }
}
if (stale) process.exit(1);
if (check) console.log('supergraph and API schema are up to date');
