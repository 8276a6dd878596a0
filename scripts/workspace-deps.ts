/**
 * Checks that the arrows of the house point down: every workspace declares each workspace it imports (in
 * dependencies or devDependencies), and imports none above it — layers `packages/` ← `subgraphs/` ← `gateway/`
 * (and `console/`) ← `tools/`. Subgraphs import no other subgraph, and no relative import leaves its workspace.
 * Prints each violation with file and line and exits 1 when there is one (npm test runs it). The repository's own
 * end-to-end suites (`test/`, and `console/test/`, which drives a whole mesh in a browser) sit above every layer.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCOPE = '@fulfillment-mesh/';
/** Lower layers first; a workspace may import its own layer (except subgraphs) and the ones below. */
const LAYERS: ReadonlyArray<{ name: string; of: (dir: string) => boolean }> = [
  { name: 'packages', of: (dir) => dir.startsWith('packages/') },
  { name: 'subgraphs', of: (dir) => dir.startsWith('subgraphs/') },
  { name: 'gateway', of: (dir) => dir === 'gateway' || dir === 'console' },
  { name: 'tools', of: (dir) => dir.startsWith('tools/') },
];
const SOURCE_DIRS = ['src', 'test', 'bench'];
const SKIP = new Set(['node_modules', 'dist', 'generated', 'gql']);
/** Folders that belong to the repository-level e2e suites, not to their workspace (see the header). */
const E2E = new Set(['console/test']);

interface Workspace {
  dir: string;
  name: string;
  layer: number;
  declared: Set<string>;
}

function workspaces(): Workspace[] {
  const globs = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
  const dirs = globs.flatMap((glob) =>
    glob.endsWith('/*')
      ? readdirSync(join(ROOT, glob.slice(0, -2)), { withFileTypes: true })
          .filter((e) => e.isDirectory())
          .map((e) => `${glob.slice(0, -2)}/${e.name}`)
      : [glob],
  );
  return dirs.flatMap((dir) => {
    let pkg: { name: string; dependencies?: object; devDependencies?: object; peerDependencies?: object };
    try {
      pkg = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as typeof pkg;
    } catch {
      return []; // a folder without package.json is no workspace
    }
    const layer = LAYERS.findIndex((l) => l.of(dir));
    if (layer < 0) throw new Error(`${dir}: no layer (add it to LAYERS in scripts/workspace-deps.ts)`);
    const declared = new Set(
      [pkg.dependencies, pkg.devDependencies, pkg.peerDependencies].flatMap((d) => Object.keys(d ?? {})),
    );
    return [{ dir, name: pkg.name, layer, declared }];
  });
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield path;
  }
}

const IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;

/** Every violation of the rules above, as `file:line message`. */
export function violations(): string[] {
  const all = workspaces();
  const byName = new Map(all.map((w) => [w.name, w]));
  const found: string[] = [];
  for (const ws of all) {
    for (const sub of SOURCE_DIRS) {
      const base = join(ROOT, ws.dir, sub);
      if (E2E.has(`${ws.dir}/${sub}`)) continue;
      if (!statSync(base, { throwIfNoEntry: false })?.isDirectory()) continue;
      for (const file of sourceFiles(base)) {
        const lines = readFileSync(file, 'utf8').split('\n');
        lines.forEach((text, index) => {
          for (const match of text.matchAll(IMPORT)) {
            const specifier = match[1]!;
            const where = `${relative(ROOT, file)}:${index + 1}`;
            if (specifier.startsWith('.')) {
              const target = relative(join(ROOT, ws.dir), resolve(dirname(file), specifier));
              if (target.startsWith(`..${sep}`))
                found.push(`${where} ${ws.name} reaches outside its folder: '${specifier}'`);
              continue;
            }
            if (!specifier.startsWith(SCOPE)) continue;
            const name = specifier.split('/').slice(0, 2).join('/');
            if (name === ws.name) continue;
            const target = byName.get(name);
            if (!target) {
              found.push(`${where} imports ${name}, which is no workspace`);
              continue;
            }
            if (!ws.declared.has(name))
              found.push(`${where} ${ws.name} imports ${name} without declaring it in ${ws.dir}/package.json`);
            if (target.layer > ws.layer) {
              found.push(
                `${where} ${ws.name} (${LAYERS[ws.layer]!.name}) imports ${name} from the higher layer ${LAYERS[target.layer]!.name}`,
              );
            } else if (target.layer === ws.layer && LAYERS[ws.layer]!.name === 'subgraphs') {
              found.push(
                `${where} subgraph ${ws.name} imports subgraph ${name}: meet through the graph and events instead`,
              );
            }
          }
        });
      }
    }
  }
  return found;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const found = violations();
  if (found.length > 0) {
    console.error(
      `Workspace imports that break the layers (packages <- subgraphs <- gateway <- tools):\n${found.map((v) => `  - ${v}`).join('\n')}`,
    );
    process.exit(1);
  }
  console.log('every workspace import is declared and points down');
}
