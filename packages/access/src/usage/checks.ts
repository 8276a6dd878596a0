import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';
import { z } from 'zod';
import type { RedisClient } from '../redis.js';
import { deprecatedElements } from './coordinates.js';
import type { UsageExport } from './reader.js';

/** A document registered by a client (persisted-operations manifest). */
export interface RegisteredDocument {
  clientId: string;
  hash: string;
  document: string;
}

/** Every registered document of every client in the embedded registry folder (`<dir>/manifests/<client>.json`). */
export async function registeredDocumentsInDir(dir: string): Promise<RegisteredDocument[]> {
  let files: string[];
  try {
    files = (await readdir(join(dir, 'manifests'))).filter((f) => f.endsWith('.json'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const found: RegisteredDocument[] = [];
  for (const file of files.sort()) {
    const clientId = decodeURIComponent(file.slice(0, -'.json'.length));
    const documents = z
      .record(z.string(), z.string())
      .parse(JSON.parse(await readFile(join(dir, 'manifests', file), 'utf8')));
    for (const [hash, document] of Object.entries(documents)) found.push({ clientId, hash, document });
  }
  return found;
}

/** Every registered document of every client in Redis (`<prefix>manifest:<clientId>` hashes). */
export async function registeredDocumentsInRedis(redis: RedisClient, prefix: string): Promise<RegisteredDocument[]> {
  const found: RegisteredDocument[] = [];
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}manifest:*`, COUNT: 500 })) {
    for (const key of keys) {
      const documents = (await redis.hGetAll(key)) as Record<string, string>;
      const clientId = key.slice(`${prefix}manifest:`.length);
      for (const [hash, document] of Object.entries(documents)) found.push({ clientId, hash, document });
    }
  }
  return found.sort((a, b) => a.clientId.localeCompare(b.clientId) || a.hash.localeCompare(b.hash));
}

/** Outcome of {@link checkOperations}: report lines, failures (each fails the check) and warnings. */
export interface OperationCheckResult {
  lines: string[];
  failures: string[];
}

/**
 * Checks the new API schema against reality: every registered document must still validate (a broken one fails
 * even when the breaking change is declared, until its owner re-registers a document that validates); every
 * observed operation (usage export) that no longer validates is reported with its client, and fails unless
 * `declaredBreaks` is true (the schema diff then already lists the declared change); a deprecated element past its
 * "Remove after" date that still has usage fails; every deprecated element in use is listed with its clients.
 */
export function checkOperations(input: {
  schema: string | GraphQLSchema;
  registered: RegisteredDocument[];
  usage?: UsageExport;
  /** Every breaking change of the schema diff is declared deliberate. */
  declaredBreaks: boolean;
  now?: Date;
}): OperationCheckResult {
  const schema = typeof input.schema === 'string' ? buildSchema(input.schema) : input.schema;
  const today = (input.now ?? new Date()).toISOString().slice(0, 10);
  const lines: string[] = [];
  const failures: string[] = [];
  const errorsOf = (document: string): string[] => {
    try {
      return validate(schema, parse(document)).map((e) => e.message);
    } catch (error) {
      return [(error as Error).message];
    }
  };

  const broken = input.registered.flatMap((doc) => {
    const errors = errorsOf(doc.document);
    return errors.length > 0 ? [{ doc, errors }] : [];
  });
  lines.push('', `Registered persisted documents (${input.registered.length}, ${broken.length} broken):`);
  for (const { doc, errors } of broken) {
    lines.push(
      `  FAIL  client "${doc.clientId}" document sha256:${doc.hash}${nameOf(doc.document)}: ${errors.join('; ')}`,
    );
    lines.push(`        the client must re-register a document that validates before this change can land`);
  }
  if (broken.length > 0) failures.push(`${broken.length} registered document${broken.length > 1 ? 's' : ''} broken`);

  if (input.usage) {
    const observed = input.usage.operations;
    const breaks = observed.flatMap((op) => {
      if (op.document === null) return [];
      const errors = errorsOf(op.document);
      return errors.length > 0 ? [{ op, errors }] : [];
    });
    lines.push('', `Observed operations since ${input.usage.since} (${observed.length}, ${breaks.length} broken):`);
    for (const { op, errors } of breaks)
      lines.push(
        `  ${input.declaredBreaks ? 'warn' : 'FAIL'}  client "${op.clientId}"${op.clientVersion ? `@${op.clientVersion}` : ''} (${op.clientKind}) operation ${op.name ?? '(anonymous)'} sha256:${op.hash}, ${op.count} call${op.count === 1 ? '' : 's'}, last ${op.lastSeen}: ${errors.join('; ')}`,
      );
    if (breaks.length > 0 && !input.declaredBreaks)
      failures.push(`${breaks.length} observed operation${breaks.length > 1 ? 's' : ''} broken`);

    const deprecated = deprecatedElements(schema);
    const inUse: string[] = [];
    let overdue = 0;
    for (const element of [...deprecated.values()].sort((a, b) => a.coordinate.localeCompare(b.coordinate))) {
      const using = observed.filter((op) => op.coordinates.includes(element.coordinate));
      if (using.length === 0) continue;
      const clients = [...new Set(using.map((op) => op.clientId))].sort();
      const calls = using.reduce((sum, op) => sum + op.count, 0);
      const past = element.removeAfter !== null && element.removeAfter < today;
      if (past) overdue += 1;
      inUse.push(
        `  ${past ? 'FAIL' : 'warn'}  ${element.coordinate} (${element.removeAfter ? `remove after ${element.removeAfter}` : 'no removal date'}${past ? ', date passed' : ''}): ${calls} call${calls === 1 ? '' : 's'} by ${clients.map((c) => `"${c}"`).join(', ')}`,
      );
    }
    lines.push('', `Deprecated elements still in use (${inUse.length}):`, ...inUse);
    if (overdue > 0)
      failures.push(`${overdue} deprecated element${overdue > 1 ? 's' : ''} past their date still in use`);
  }
  return { lines, failures };
}

function nameOf(document: string): string {
  const match = /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(document);
  return match ? ` (${match[1]})` : '';
}
