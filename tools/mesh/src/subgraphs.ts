import type { SubgraphGuardOptions, UsageStore } from '@fulfillment-mesh/access';
import type { EventBus } from '@fulfillment-mesh/events';
import type {
  BaseRequestContext,
  Logger,
  MeshManifest,
  ServiceDirectory,
  Store,
  SubgraphDefinition,
} from '@fulfillment-mesh/runtime';
import type { SeedDataset } from '@fulfillment-mesh/seed-data';

/** A subgraph's name as mesh.manifest.json spells it (`catalog`, `inventory`, …). */
export type SubgraphName = string;

/** What every subgraph factory receives from the composition root. */
export interface SubgraphDeps {
  store: Store;
  logger: Logger;
  bus: EventBus;
  services: ServiceDirectory;
  /** Where adapters read their secrets and endpoints; absent: every adapter stays unconfigured (503). */
  adapterEnv?: NodeJS.ProcessEnv;
  /** Where the gateway records usage (the operations subgraph answers schemaUsage / clientUsage from it). */
  usage?: UsageStore;
}

/** How the composition root builds and seeds one subgraph. */
export interface SubgraphEntry {
  name: SubgraphName;
  /** `@policy` implementations of the subgraph's schema. */
  policies?: SubgraphGuardOptions['policies'];
  create(deps: SubgraphDeps): Promise<SubgraphDefinition<BaseRequestContext>>;
  seed(subgraph: SubgraphDefinition<BaseRequestContext>, dataset: SeedDataset, observedAt: string): Promise<number>;
}

/**
 * Every subgraph of the manifest, in its order (the start order): each one's package `@fulfillment-mesh/<name>`
 * exports from `./main` (its index.ts) a `meshModule` with its factory, seeder and policies. Adding a subgraph is
 * one manifest entry plus its folder (and the dependency in tools/mesh/package.json); nothing here names one.
 */
export async function loadSubgraphs(manifest: Pick<MeshManifest, 'subgraphs'>): Promise<SubgraphEntry[]> {
  const entries: SubgraphEntry[] = [];
  for (const { name } of manifest.subgraphs) {
    const specifier = `@fulfillment-mesh/${name}/main`;
    const module = (await import(specifier)) as { meshModule?: Omit<SubgraphEntry, 'name'> };
    if (!module.meshModule)
      throw new Error(`${specifier} exports no meshModule (see CONTRIBUTING.md, "Add a subgraph")`);
    entries.push({ name, ...module.meshModule });
  }
  return entries;
}
