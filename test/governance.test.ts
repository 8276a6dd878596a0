import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

const BASELINE = /* GraphQL */ `
  type Query {
    order(id: ID!): Order
  }
  type Order {
    id: ID!
    note: String
    erpOrderNumber: String @deprecated(reason: "Use externalRef. Remove after 2020-01-01")
    externalRef: String
  }
`;
/** The next version: Order.note is gone. */
const WITHOUT_NOTE = BASELINE.replace('    note: String\n', '');
const REMOVAL_DECLARED = {
  deliberate: [{ change: 'Order.note was removed.', reason: 'Nobody reads notes any more' }],
};

const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const NOTE_DOC = 'query AcmeOrderNote($id: ID!) { order(id: $id) { id note } }';
const ID_DOC = 'query AcmeOrder($id: ID!) { order(id: $id) { id } }';
const ERP_DOC = 'query ErpNumbers { order(id: "1") { id erpOrderNumber } }';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A temp dir with the tiny baseline, the next schema, the changes file and the given partner manifests. */
function workspace(options: {
  schema: string;
  changes?: object;
  manifests?: Record<string, string[]>;
  usage?: string;
}) {
  dir = mkdtempSync(join(tmpdir(), 'fm-schema-check-'));
  writeFileSync(join(dir, 'baseline.graphql'), BASELINE);
  writeFileSync(join(dir, 'api.graphql'), options.schema);
  writeFileSync(join(dir, 'changes.json'), JSON.stringify(options.changes ?? { deliberate: [] }));
  mkdirSync(join(dir, 'access', 'manifests'), { recursive: true });
  for (const [client, docs] of Object.entries(options.manifests ?? {}))
    writeFileSync(
      join(dir, 'access', 'manifests', `${client}.json`),
      JSON.stringify(Object.fromEntries(docs.map((d) => [sha(d), d]))),
    );
  if (options.usage !== undefined) writeFileSync(join(dir, 'usage.json'), options.usage);
  return dir;
}

function usageExport(operations: { clientId: string; document: string; coordinates: string[]; count: number }[]) {
  const now = new Date().toISOString();
  return JSON.stringify({
    generatedAt: now,
    since: new Date(Date.now() - 30 * 86_400_000).toISOString(),
    operations: operations.map((op) => ({
      hash: sha(op.document),
      name: /query (\w+)/.exec(op.document)?.[1] ?? null,
      clientKind: 'partner',
      clientVersion: null,
      lastSeen: now,
      ...op,
    })),
  });
}

function schemaCheck(at: string, extra: string[] = []): Promise<{ code: number; output: string }> {
  const args = [
    '--conditions=source',
    join(ROOT, 'scripts', 'schema-check.ts'),
    '--schema',
    join(at, 'api.graphql'),
    '--baseline',
    join(at, 'baseline.graphql'),
    '--changes',
    join(at, 'changes.json'),
    '--manifests',
    join(at, 'access'),
    ...extra,
  ];
  const env = { ...process.env };
  delete env.REDIS_URL;
  return new Promise((done) => {
    execFile(TSX, args, { cwd: ROOT, env, timeout: 60_000 }, (error, stdout, stderr) =>
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

describe('schema:check against registered documents and observed usage', () => {
  it('fails a removal that breaks a registered partner document, naming the partner and the document, even when declared', async () => {
    const at = workspace({
      schema: WITHOUT_NOTE,
      changes: REMOVAL_DECLARED,
      manifests: { 'acme-wms': [NOTE_DOC, ID_DOC] },
    });
    const { code, output } = await schemaCheck(at);
    expect(code).toBe(1);
    expect(output).toContain(`FAIL  client "acme-wms" document sha256:${sha(NOTE_DOC)} (AcmeOrderNote)`);
    expect(output).toContain('Cannot query field "note" on type "Order"');
    expect(output).not.toContain(sha(ID_DOC));
    expect(output).toContain('Schema check FAILED: 1 registered document broken.');
  });

  it('passes a declared removal nobody registered or used, and one whose owner re-registered without the field', async () => {
    const at = workspace({
      schema: WITHOUT_NOTE,
      changes: REMOVAL_DECLARED,
      manifests: { 'acme-wms': [ID_DOC] },
      usage: usageExport([
        { clientId: 'acme-wms', document: ID_DOC, coordinates: ['Order.id', 'Query.order'], count: 4 },
      ]),
    });
    const { code, output } = await schemaCheck(at, ['--usage', join(at, 'usage.json')]);
    expect(output).toContain('Registered persisted documents (1, 0 broken)');
    expect(output).toContain('Schema check passed.');
    expect(code).toBe(0);
  });

  it('fails when a deprecated field past its removal date is still used, listing its clients', async () => {
    const at = workspace({
      schema: BASELINE,
      usage: usageExport([
        { clientId: 'legacy-erp', document: ERP_DOC, coordinates: ['Order.erpOrderNumber', 'Order.id'], count: 7 },
      ]),
    });
    const { code, output } = await schemaCheck(at, ['--usage', join(at, 'usage.json')]);
    expect(code).toBe(1);
    expect(output).toContain(
      'FAIL  Order.erpOrderNumber (remove after 2020-01-01, date passed): 7 calls by "legacy-erp"',
    );
    expect(output).toContain('1 deprecated element past their date still in use');
  });

  it('passes a deprecated field past its date that nobody uses', async () => {
    const at = workspace({
      schema: BASELINE,
      usage: usageExport([{ clientId: 'pos', document: ID_DOC, coordinates: ['Order.id', 'Query.order'], count: 2 }]),
    });
    const { code, output } = await schemaCheck(at, ['--usage', join(at, 'usage.json')]);
    expect(output).toContain('Deprecated elements still in use (0)');
    expect(code).toBe(0);
  });

  it('fails an observed operation the change breaks unless the change is declared', async () => {
    const usage = usageExport([
      { clientId: 'ops-board', document: NOTE_DOC, coordinates: ['Order.note', 'Query.order'], count: 3 },
    ]);
    const undeclared = await schemaCheck(workspace({ schema: WITHOUT_NOTE, usage }), [
      '--usage',
      join(dir!, 'usage.json'),
    ]);
    expect(undeclared.code).toBe(1);
    expect(undeclared.output).toContain('FAIL  client "ops-board" (partner) operation AcmeOrderNote');
    const declared = await schemaCheck(workspace({ schema: WITHOUT_NOTE, changes: REMOVAL_DECLARED, usage }), [
      '--usage',
      join(dir!, 'usage.json'),
    ]);
    expect(declared.output).toContain('warn  client "ops-board" (partner) operation AcmeOrderNote');
    expect(declared.code).toBe(0);
  });

  it('fails a usage export that is not JSON with the file and the position', async () => {
    const at = workspace({
      schema: BASELINE,
      usage: '{\n  "generatedAt": "2026-12-01T00:00:00Z",\n  "operations": [}\n',
    });
    const file = join(at, 'usage.json');
    const { code, output } = await schemaCheck(at, ['--usage', file]);
    expect(code).toBe(1);
    expect(output).toContain(`${file}:3:18: not valid JSON (ValueExpected at position 60)`);
  });
});
