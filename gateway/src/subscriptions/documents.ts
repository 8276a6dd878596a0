import { parse, validate, type DocumentNode, type GraphQLError, type GraphQLSchema, type Source } from 'graphql';

/** A parse and a validate that remember their results; pass both to graphql-ws / graphql-sse. */
export interface DocumentCache {
  parse(source: string | Source): DocumentNode;
  validate(schema: GraphQLSchema, document: DocumentNode): readonly GraphQLError[];
}

/**
 * Thousands of clients send the same subscription text; parsing and validating it once saves CPU at connection
 * storms and keeps one AST instead of one per subscription (graphql-ws holds it for the subscription's life).
 * Documents are never mutated after parsing, so sharing them is safe. Bounded: least recently used texts go first.
 */
export function createDocumentCache(maxEntries = 1_000): DocumentCache {
  const documents = new Map<string, DocumentNode>();
  const validations = new WeakMap<DocumentNode, WeakMap<GraphQLSchema, readonly GraphQLError[]>>();
  return {
    parse(input) {
      // graphql-ws passes the query text; a Source (never sent by the transports) is parsed without caching.
      if (typeof input !== 'string') return parse(input);
      const source = input;
      const cached = documents.get(source);
      if (cached) {
        documents.delete(source);
        documents.set(source, cached);
        return cached;
      }
      const document = parse(source);
      documents.set(source, document);
      if (documents.size > maxEntries) documents.delete(documents.keys().next().value!);
      return document;
    },
    validate(schema, document) {
      let bySchema = validations.get(document);
      if (!bySchema) validations.set(document, (bySchema = new WeakMap()));
      let errors = bySchema.get(schema);
      if (!errors) bySchema.set(schema, (errors = validate(schema, document)));
      return errors;
    },
  };
}
