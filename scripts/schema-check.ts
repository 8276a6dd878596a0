/**
 * Schema governance (CI runs it as `npm run schema:check`): composes the supergraph from mesh.manifest.json and
 * compares its API schema with the released baseline, gateway/schema-baseline.graphql. Fails on breaking
 * changes not declared in gateway/schema-changes.json and on deprecations without a removal version; reports
 * dangerous and safe changes. `--release` (after the check passes) makes the current API schema the baseline
 * and empties the deliberate list.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkSchema, schemaChangesFileSchema } from '@fulfillment-mesh/access';
import { composeSupergraph, loadManifest } from '@fulfillment-mesh/gateway/compose';

const manifest = loadManifest({});
const baselineFile = join(manifest.root, 'gateway', 'schema-baseline.graphql');
const changesFile = join(manifest.root, 'gateway', 'schema-changes.json');
const show = (file: string) => relative(manifest.root, file);

const composed = composeSupergraph(manifest);
if (!composed.ok) {
  console.error('Composition failed:\n' + composed.errors.map((e) => `  - ${e}`).join('\n'));
  process.exit(1);
}

let baseline: string;
try {
  baseline = readFileSync(baselineFile, 'utf8');
} catch {
  console.error(
    `${show(baselineFile)} is missing: it holds the last released API schema (create it from gateway/api-schema.graphql).`,
  );
  process.exit(1);
}
const parsed = schemaChangesFileSchema.safeParse(JSON.parse(readFileSync(changesFile, 'utf8')));
if (!parsed.success) {
  console.error(
    `${show(changesFile)} must look like { "deliberate": [{ "change": "<description>", "reason": "<why>" }] }: ${parsed.error.message}`,
  );
  process.exit(1);
}

const result = checkSchema({
  baseline,
  current: composed.apiSchemaSdl,
  changes: parsed.data,
  changesFile: show(changesFile),
});
console.log(`Comparing the composed API schema with ${show(baselineFile)}\n`);
console.log(result.report);
if (!result.ok) process.exit(1);

if (process.argv.includes('--release')) {
  writeFileSync(baselineFile, composed.apiSchemaSdl);
  writeFileSync(changesFile, JSON.stringify({ deliberate: [] }, null, 2) + '\n');
  console.log(`\nReleased: ${show(baselineFile)} is now the current API schema; ${show(changesFile)} was emptied.`);
}
