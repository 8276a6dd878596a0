/**
 * `npm run docs`: writes docs/dependency-map.md — owners and SLAs (mesh.manifest.json), entities across subgraphs
 * (from the composed gateway/supergraph.graphql: each @key entity, the subgraph that defines it, those that extend
 * it with fields and those that only reference it), event flows producer → consumers (the event contracts), and
 * the external systems each subgraph's adapters touch (declared per subgraph in the manifest, after its
 * ADAPTERS.md) — with a Mermaid diagram. It also writes each subgraph's `events` (produces / consumes) into mesh.manifest.json from its
 * contracts. `--check` (`npm run docs:check`, part of npm test) writes nothing and fails when either is stale.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractPairs, type SubgraphContracts } from '@fulfillment-mesh/events';
import { loadManifest, type SubgraphEntry } from '@fulfillment-mesh/runtime';
import { Kind, parse, type ConstDirectiveNode, type ObjectTypeDefinitionNode } from 'graphql';
import { format, resolveConfig } from 'prettier';

const check = process.argv.includes('--check');
const manifest = loadManifest({});
const root = manifest.root;

const contracts: SubgraphContracts[] = [];
for (const { name } of manifest.subgraphs) {
  const module = (await import(`@fulfillment-mesh/${name}`)) as { eventContracts?: SubgraphContracts };
  if (!module.eventContracts) throw new Error(`@fulfillment-mesh/${name} exports no eventContracts`);
  contracts.push(module.eventContracts);
}

/** What a subgraph produces and consumes, by its contracts (types sorted, each once). */
function eventsOf(name: string): { produces: string[]; consumes: string[] } {
  const own = contracts.find((c) => c.subgraph === name);
  const unique = (xs: string[]) => [...new Set(xs)].sort();
  return {
    produces: unique((own?.published ?? []).map((d) => d.type)),
    consumes: unique((own?.consumed ?? []).flatMap((c) => c.registry.list().map((d) => d.type))),
  };
}

// Entities from the supergraph: @join__type(graph:, key:, resolvable:) per subgraph, @join__field(graph:) per field.
interface Entity {
  name: string;
  key: string;
  definedBy: string;
  extendedBy: { subgraph: string; fields: string[] }[];
  referencedBy: string[];
}
const supergraph = parse(readFileSync(join(root, 'gateway', 'supergraph.graphql'), 'utf8'));
const graphNames = new Map<string, string>();
for (const def of supergraph.definitions)
  if (def.kind === Kind.ENUM_TYPE_DEFINITION && def.name.value === 'join__Graph')
    for (const value of def.values ?? [])
      graphNames.set(value.name.value, String(arg(value.directives, 'join__graph', 'name')));

function arg(directives: readonly ConstDirectiveNode[] | undefined, name: string, argument: string): unknown {
  const node = directives?.find((d) => d.name.value === name)?.arguments?.find((a) => a.name.value === argument);
  if (!node) return undefined;
  const v = node.value;
  return v.kind === Kind.STRING || v.kind === Kind.ENUM ? v.value : v.kind === Kind.BOOLEAN ? v.value : undefined;
}

const entities: Entity[] = [];
for (const def of supergraph.definitions) {
  if (def.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
  const joins = (def.directives ?? []).filter((d) => d.name.value === 'join__type');
  const keyed = joins
    .map((d) => ({
      graph: graphNames.get(String(arg([d], 'join__type', 'graph'))) ?? '?',
      key: arg([d], 'join__type', 'key') as string | undefined,
      resolvable: arg([d], 'join__type', 'resolvable') !== false,
    }))
    .filter((j) => j.key !== undefined);
  if (keyed.length === 0) continue;
  const fieldsBy = fieldsPerGraph(
    def,
    keyed.map((j) => j.graph),
  );
  const keyFields = new Set(keyed.flatMap((j) => j.key!.split(/\s+/)));
  const resolvers = keyed.filter((j) => j.resolvable).map((j) => j.graph);
  // The defining subgraph is the one contributing most fields; the others that resolve it extend it.
  const definedBy = [...resolvers].sort((a, b) => (fieldsBy.get(b)?.length ?? 0) - (fieldsBy.get(a)?.length ?? 0))[0]!;
  entities.push({
    name: def.name.value,
    key: keyed[0]!.key!,
    definedBy,
    extendedBy: resolvers
      .filter((g) => g !== definedBy)
      .sort()
      .map((g) => ({ subgraph: g, fields: (fieldsBy.get(g) ?? []).filter((f) => !keyFields.has(f)) })),
    referencedBy: keyed
      .filter((j) => !j.resolvable)
      .map((j) => j.graph)
      .sort(),
  });
}
entities.sort((a, b) => a.name.localeCompare(b.name));

/** Non-key fields each graph resolves (a field without @join__field belongs to every graph of the type). */
function fieldsPerGraph(def: ObjectTypeDefinitionNode, graphs: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>(graphs.map((g) => [g, []]));
  for (const field of def.fields ?? []) {
    const joins = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
    const owners = joins.length
      ? joins
          .filter((d) => arg([d], 'join__field', 'external') !== true)
          .map((d) => graphNames.get(String(arg([d], 'join__field', 'graph'))) ?? '?')
      : graphs;
    for (const g of owners) out.get(g)?.push(field.name.value);
  }
  return out;
}

// Adapters: the external systems each subgraph declares in the manifest (their ADAPTERS.md tables differ in shape).
const adapters = manifest.subgraphs.flatMap((s) => (s.adapters ?? []).map((a) => ({ subgraph: s.name, ...a })));

const id = (s: string) => s.replace(/[^A-Za-z0-9]/g, '_');

function render(): string {
  const pairs = contractPairs(contracts);
  const lines: string[] = [
    '# Dependency map',
    '',
    '<!-- Generated by `npm run docs` (scripts/dependency-map.ts) from mesh.manifest.json, gateway/supergraph.graphql,',
    '     the event contracts and the adapters of the manifest. Do not edit by hand; `npm test` checks it is current. -->',
    '',
    '## Owners and SLAs',
    '',
    '| subgraph | owner | contact | availability | p99 latency target | produces | consumes |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const s of manifest.subgraphs) {
    const ev = eventsOf(s.name);
    lines.push(
      `| ${s.name} | ${s.owner?.team ?? '—'} | ${s.owner?.contact ?? '—'} | ${s.sla?.availability ?? '—'} | ${s.sla ? `${s.sla.p99LatencyMs} ms` : '—'} | ${ev.produces.length} event types | ${ev.consumes.length} event types |`,
    );
  }
  lines.push('', '## Entities', '', '| entity | key | defined by | extended by (fields) | referenced by |');
  lines.push('| --- | --- | --- | --- | --- |');
  for (const e of entities) {
    const ext = e.extendedBy.map((x) => `${x.subgraph} (${x.fields.join(', ') || 'key only'})`).join('; ') || '—';
    lines.push(`| ${e.name} | \`${e.key}\` | ${e.definedBy} | ${ext} | ${e.referencedBy.join(', ') || '—'} |`);
  }
  lines.push('', '## Event flows', '', '| stream | event | producer | consumers |', '| --- | --- | --- | --- |');
  const flows = new Map<string, { stream: string; producer: string; consumers: string[] }>();
  for (const p of pairs) {
    const flow = flows.get(p.type) ?? { stream: p.stream, producer: p.producer, consumers: [] };
    flow.consumers.push(p.consumer);
    flows.set(p.type, flow);
  }
  for (const [type, f] of flows)
    lines.push(`| ${f.stream} | \`${type}\` | ${f.producer} | ${f.consumers.join(', ')} |`);
  lines.push('', '## Adapters', '', '| subgraph | external system | direction | via |', '| --- | --- | --- | --- |');
  for (const a of adapters)
    lines.push(`| ${a.subgraph} | ${a.system} | ${a.direction} | ${a.via.replace(/\|/g, '\\|')} |`);
  lines.push('', '## Diagram', '', '```mermaid', 'flowchart LR');
  for (const s of manifest.subgraphs) lines.push(`  ${id(s.name)}["${s.name}"]`);
  for (const e of entities)
    for (const x of e.extendedBy) lines.push(`  ${id(x.subgraph)} -. "extends ${e.name}" .-> ${id(e.definedBy)}`);
  const streamEdges = new Map<string, number>();
  for (const p of pairs) {
    const k = `${p.producer}\u0000${p.consumer}\u0000${p.stream}`;
    streamEdges.set(k, (streamEdges.get(k) ?? 0) + 1);
  }
  for (const [k, n] of streamEdges) {
    const [producer, consumer, stream] = k.split('\u0000') as [string, string, string];
    lines.push(`  ${id(producer)} -- "${stream}: ${n} event type${n === 1 ? '' : 's'}" --> ${id(consumer)}`);
  }
  for (const system of [...new Set(adapters.map((a) => a.system))].sort())
    lines.push(`  ext_${id(system)}[("${system}")]`);
  const edges = new Set(
    adapters.map((a) =>
      a.direction === 'in'
        ? `  ext_${id(a.system)} ==> ${id(a.subgraph)}`
        : `  ${id(a.subgraph)} ==> ext_${id(a.system)}`,
    ),
  );
  lines.push(...edges);
  lines.push('```', '');
  return lines.join('\n');
}

const prettierFor = async (file: string, text: string) =>
  format(text, { ...((await resolveConfig(file)) ?? {}), filepath: file });

const docFile = join(root, 'docs', 'dependency-map.md');
const manifestFile = join(root, 'mesh.manifest.json');
const raw = JSON.parse(readFileSync(manifestFile, 'utf8')) as { subgraphs: SubgraphEntry[] };
for (const s of raw.subgraphs) s.events = eventsOf(s.name);
const next = {
  [docFile]: await prettierFor(docFile, render()),
  [manifestFile]: await prettierFor(manifestFile, JSON.stringify(raw, null, 2)),
};
const stale = Object.entries(next).filter(([file, text]) => !existsSync(file) || readFileSync(file, 'utf8') !== text);
if (check) {
  if (stale.length > 0) {
    console.error(
      `${stale.map(([f]) => f).join(' and ')} ${stale.length === 1 ? 'is' : 'are'} stale (the manifest's events must match the event contracts): run \`npm run docs\` and commit the result.`,
    );
    process.exit(1);
  }
  console.log('docs/dependency-map.md and the manifest events are up to date');
} else {
  for (const [file, text] of stale) writeFileSync(file, text);
  console.log(stale.length ? `wrote ${stale.map(([f]) => f).join(', ')}` : 'nothing to update');
}
