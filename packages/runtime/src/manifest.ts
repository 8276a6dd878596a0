import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One subgraph in the manifest. */
export interface SubgraphEntry {
  name: string;
  /** Schema file, relative to the repository root. */
  schema: string;
  /** Default port when the subgraph runs on its own. */
  port: number;
  /** Default URL; `<NAME>_URL` in the environment overrides it. */
  url: string;
  /** Codegen mappers: GraphQL type → resolver parent (`../store/models.js#Doc`, relative to `src/generated/`). */
  mappers?: Record<string, string>;
  /** Who answers for the subgraph (docs/dependency-map.md, the operations console). */
  owner?: { team: string; contact: string };
  /** What it promises: availability (`"99.9%"`) and the p99 latency target of one subgraph fetch, in ms. */
  sla?: { availability: string; p99LatencyMs: number };
  /** Event types it produces and consumes; written by `npm run docs` from its event contracts, checked by npm test. */
  events?: { produces: string[]; consumes: string[] };
  /** External systems it talks to: `in` (they call or feed it) or `out` (it calls them), via what (ADAPTERS.md). */
  adapters?: { system: string; direction: 'in' | 'out'; via: string }[];
}

/** The mesh topology: subgraph name → schema file → URL, read by composition, the gateway, codegen and tests. */
export interface MeshManifest {
  root: string;
  gateway: { port: number };
  subgraphs: SubgraphEntry[];
}

const FILE = 'mesh.manifest.json';

/** Finds the repository root (the folder holding mesh.manifest.json) above `from`. */
export function findRepoRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, FILE))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${FILE} not found above ${from}`);
    dir = parent;
  }
}

/** Loads the manifest; URLs take `<NAME>_URL` overrides from `env`. */
export function loadManifest(env: NodeJS.ProcessEnv = process.env, root: string = findRepoRoot()): MeshManifest {
  const raw = JSON.parse(readFileSync(join(root, FILE), 'utf8')) as Omit<MeshManifest, 'root'>;
  return {
    root,
    gateway: raw.gateway,
    subgraphs: raw.subgraphs.map((s) => ({ ...s, url: env[`${s.name.toUpperCase()}_URL`] ?? s.url })),
  };
}

/** Reads a subgraph's schema SDL from the manifest entry. */
export function readSubgraphSchema(manifest: MeshManifest, name: string): string {
  const entry = manifest.subgraphs.find((s) => s.name === name);
  if (!entry) throw new Error(`subgraph "${name}" is not in ${FILE}`);
  return readFileSync(join(manifest.root, entry.schema), 'utf8');
}
