import {
  Kind,
  isTypeDefinitionNode,
  isTypeExtensionNode,
  parse,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
} from 'graphql';
import type { CostConfig, ListSizeConfig } from './cost.js';

const FEDERATION_LINK = /^https:\/\/specs\.apollo\.dev\/federation\/v\d+\.\d+$/;
const COST_LINK = /^https:\/\/specs\.apollo\.dev\/cost\/v\d+\.\d+$/;

/**
 * Derives the {@link CostConfig} from SDL that uses `@cost(weight:)` and `@listSize(assumedSize:,
 * slicingArguments:, sizedFields:)`: subgraph schemas (federation v2.9 `@link` imports) or the composed
 * supergraph (the `cost` spec link). On field definitions they key `Type.field`; `@cost` on an object, scalar
 * or enum keys `Type`. Where subgraphs disagree on a shared coordinate the highest weight wins.
 * `@cost` on arguments and input fields is not modelled.
 */
export function costConfigFromSdl(sdls: readonly (string | DocumentNode)[]): CostConfig {
  const config: CostConfig = { fieldWeights: {}, listSizes: {} };
  for (const sdl of sdls) {
    const document = typeof sdl === 'string' ? parse(sdl) : sdl;
    const names = directiveNames(document);
    for (const definition of document.definitions) collect(definition, names, config);
  }
  return config;
}

interface Names {
  cost: Set<string>;
  listSize: Set<string>;
}

function directiveNames(document: DocumentNode): Names {
  const names: Names = { cost: new Set(['federation__cost']), listSize: new Set(['federation__listSize']) };
  let linked = false;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const link of (definition.directives ?? []).filter((d) => d.name.value === 'link')) {
      const url = String(argument(link, 'url') ?? '');
      const as = argument(link, 'as');
      if (FEDERATION_LINK.test(url)) {
        linked = true;
        if (typeof as === 'string') (names.cost.add(`${as}__cost`), names.listSize.add(`${as}__listSize`));
      } else if (COST_LINK.test(url)) {
        linked = true;
        const namespace = typeof as === 'string' ? as : 'cost';
        names.cost.add(namespace); // a spec's main directive carries the link's name
        names.listSize.add(`${namespace}__listSize`);
      } else continue;
      for (const entry of asArray(argument(link, 'import'))) {
        const [name, alias] =
          typeof entry === 'string'
            ? [entry, entry]
            : [field(entry, 'name'), field(entry, 'as') ?? field(entry, 'name')];
        if (name === '@cost' && alias) names.cost.add(alias.slice(1));
        if (name === '@listSize' && alias) names.listSize.add(alias.slice(1));
      }
    }
  }
  if (!linked) (names.cost.add('cost'), names.listSize.add('listSize'));
  return names;
}

function collect(definition: DefinitionNode, names: Names, config: CostConfig): void {
  if (!isTypeDefinitionNode(definition) && !isTypeExtensionNode(definition)) return;
  const typeName = definition.name.value;
  const typeWeight = weightOf(definition.directives ?? [], names);
  if (typeWeight !== undefined) setWeight(config, typeName, typeWeight);
  if (!('fields' in definition) || !definition.fields) return;
  for (const fieldNode of definition.fields) {
    if (fieldNode.kind !== Kind.FIELD_DEFINITION) continue; // input fields: @cost not modelled
    const coordinate = `${typeName}.${fieldNode.name.value}`;
    const weight = weightOf(fieldNode.directives ?? [], names);
    if (weight !== undefined) setWeight(config, coordinate, weight);
    const listSize = (fieldNode.directives ?? []).find((d) => names.listSize.has(d.name.value));
    if (listSize) config.listSizes[coordinate] = listSizeOf(listSize);
  }
}

function weightOf(directives: readonly ConstDirectiveNode[], names: Names): number | undefined {
  const cost = directives.find((d) => names.cost.has(d.name.value));
  const weight = cost && argument(cost, 'weight');
  return typeof weight === 'number' ? weight : typeof weight === 'string' ? Number(weight) : undefined;
}

function setWeight(config: CostConfig, key: string, weight: number): void {
  config.fieldWeights[key] = Math.max(config.fieldWeights[key] ?? weight, weight);
}

function listSizeOf(directive: ConstDirectiveNode): ListSizeConfig {
  const assumedSize = argument(directive, 'assumedSize');
  const slicingArguments = asArray(argument(directive, 'slicingArguments')).filter(
    (s): s is string => typeof s === 'string',
  );
  const sizedFields = asArray(argument(directive, 'sizedFields')).filter((s): s is string => typeof s === 'string');
  return {
    ...(assumedSize !== undefined && assumedSize !== null ? { assumedSize: Number(assumedSize) } : {}),
    ...(slicingArguments.length > 0 ? { slicingArguments } : {}),
    ...(sizedFields.length > 0 ? { sizedFields } : {}),
  };
}

function argument(directive: ConstDirectiveNode, name: string): unknown {
  const node = directive.arguments?.find((a) => a.name.value === name)?.value;
  return node === undefined ? undefined : valueFromASTUntyped(node);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function field(value: unknown, key: string): string | undefined {
  const v = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' ? v : undefined;
}
