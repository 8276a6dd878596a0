import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createClient } from 'redis';
import { checkRedisUrl, isDomainError } from '@fulfillment-mesh/runtime';
import { isClientKind, CLIENT_KINDS } from './client.js';
import type { ClientStore } from './identity/client-store.js';
import { createFileClientStore } from './identity/file-client-store.js';
import { createRedisClientStore } from './identity/redis-client-store.js';
import { createFileManifestRegistry } from './persisted/file-registry.js';
import type { ManifestRegistry } from './persisted/manifest.js';
import { createRedisManifestRegistry } from './persisted/redis-registry.js';
import { accessRedisPrefix, DEFAULT_REDIS_PREFIX, type RedisClient } from './redis.js';

/** What the CLI talks to; tests pass their own. */
export interface CliDeps {
  env: NodeJS.ProcessEnv;
  cwd: string;
  out: (text: string) => void;
  err: (text: string) => void;
}

const USAGE = `Usage: fm-access <command>

  clients create --kind <${CLIENT_KINDS.join('|')}> --scopes "<scope> ..." [--partner <id>] [--id <client id>]
  clients list
  clients revoke <client id>
  manifests register <client id> <persisted-documents.json> [--replace]
  manifests list <client id>

With REDIS_URL set the CLI uses Redis (key prefix ACCESS_REDIS_PREFIX, else <REDIS_PREFIX>:access:, default ${DEFAULT_REDIS_PREFIX});
otherwise the embedded stores under ACCESS_DATA_DIR (default <DATA_DIR>/access, i.e. ./data/access).`;

/** Runs one CLI command; resolves to the process exit code (0 done, 1 refused or failed, 2 usage). */
export async function main(argv: string[], deps: Partial<CliDeps> = {}): Promise<number> {
  const {
    env = process.env,
    cwd = process.cwd(),
    out = (t: string) => console.log(t),
    err = (t: string) => console.error(t),
  } = deps;
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        kind: { type: 'string' },
        scopes: { type: 'string' },
        partner: { type: 'string' },
        id: { type: 'string' },
        replace: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    return usage(2, (error as Error).message);
  }
  const { values, positionals } = parsed;
  const [group, command, ...rest] = positionals;
  if (values.help || !group || !command) return usage(values.help ? 0 : 2);

  let backend: Backend;
  try {
    backend = await openBackend(env, cwd);
  } catch (error) {
    err((error as Error).message);
    return 1;
  }
  try {
    if (group === 'clients' && command === 'create') {
      const kind = values.kind;
      if (!isClientKind(kind)) return usage(2, `--kind must be one of ${CLIENT_KINDS.join(', ')}`);
      const scopes = (values.scopes ?? '').split(/[\s,]+/).filter(Boolean);
      const { client, apiKey } = await backend.clients.createClient({
        kind,
        scopes,
        ...(values.partner ? { partnerId: values.partner } : {}),
        ...(values.id ? { id: values.id } : {}),
      });
      out(
        `Created ${client.kind} client ${client.id}${client.partnerId ? ` for partner ${client.partnerId}` : ''} with scopes: ${client.scopes.join(' ') || '(none)'}.`,
      );
      out(
        `Stored in ${backend.where}.\n\nAPI key (shown once; only its hash is stored):\n\n  ${apiKey}\n\nSend it as the x-api-key header.`,
      );
      return 0;
    }
    if (group === 'clients' && command === 'list') {
      const clients = await backend.clients.listClients();
      if (clients.length === 0) out(`No clients in ${backend.where}.`);
      else
        out(
          table(
            ['ID', 'KIND', 'PARTNER', 'SCOPES', 'CREATED'],
            clients.map((c) => [c.id, c.kind, c.partnerId ?? '-', c.scopes.join(' ') || '-', c.createdAt]),
          ),
        );
      return 0;
    }
    if (group === 'clients' && command === 'revoke' && rest[0]) {
      if (await backend.clients.revokeClient(rest[0])) {
        out(`Revoked client ${rest[0]}: its API key no longer works.`);
        return 0;
      }
      err(`No client ${rest[0]} in ${backend.where}.`);
      return 1;
    }
    if (group === 'manifests' && command === 'register' && rest[0] && rest[1]) {
      const [clientId, file] = [rest[0], resolve(cwd, rest[1])];
      let manifest: unknown;
      try {
        manifest = JSON.parse(await readFile(file, 'utf8'));
      } catch (error) {
        err(`Cannot read ${file} as JSON: ${(error as Error).message}`);
        return 1;
      }
      const { added, total } = await backend.manifests.registerManifest(clientId, manifest, {
        replace: values.replace ?? false,
      });
      out(
        `Registered ${Object.keys(manifest as object).length} operations for ${clientId} (${added} new, ${total} in total) in ${backend.where}.`,
      );
      const known = (await backend.clients.listClients()).some((c) => c.id === clientId);
      if (!known)
        out(`Note: no API-key client ${clientId} exists; that is fine for a client that signs in with a JWT.`);
      return 0;
    }
    if (group === 'manifests' && command === 'list' && rest[0]) {
      const operations = await backend.manifests.listOperations(rest[0]);
      if (operations.length === 0) out(`No operations registered for ${rest[0]}.`);
      else
        out(
          table(
            ['DOCUMENT ID', 'OPERATION'],
            operations.map((o) => [`sha256:${o.hash}`, o.operationName ?? '(anonymous)']),
          ),
        );
      return 0;
    }
    return usage(2, `Unknown command: ${positionals.join(' ')}`);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    err(error.message);
    return 1;
  } finally {
    await backend.close();
  }

  function usage(code: number, problem?: string): number {
    if (problem) err(problem);
    (code === 0 ? out : err)(USAGE);
    return code;
  }
}

interface Backend {
  clients: ClientStore;
  manifests: ManifestRegistry;
  where: string;
  close(): Promise<void>;
}

async function openBackend(env: NodeJS.ProcessEnv, cwd: string): Promise<Backend> {
  if (env.REDIS_URL) {
    const url = new URL(checkRedisUrl(env.REDIS_URL));
    // A one-shot command: fail at once when Redis does not answer instead of reconnecting forever.
    const redis: RedisClient = createClient({
      url: env.REDIS_URL,
      socket: { reconnectStrategy: false, connectTimeout: 5_000 },
    });
    redis.on('error', () => undefined); // reported below, once
    try {
      await redis.connect();
    } catch (error) {
      throw new Error(`Redis at ${url.host} does not answer (${(error as Error).message || (error as Error).name})`, {
        cause: error,
      });
    }
    const prefix = accessRedisPrefix(env);
    return {
      clients: createRedisClientStore({ redis, prefix }),
      manifests: createRedisManifestRegistry({ redis, prefix }),
      where: `Redis at ${url.host} (prefix ${prefix})`, // host only: the URL may carry a password
      close: async () => void (await redis.quit()),
    };
  }
  // The same folder the gateway uses: <DATA_DIR>/access (ACCESS_DATA_DIR overrides).
  const dir = resolve(cwd, env.ACCESS_DATA_DIR || join(env.DATA_DIR || 'data', 'access'));
  return {
    clients: createFileClientStore({ dir }),
    manifests: createFileManifestRegistry({ dir }),
    where: dir,
    close: async () => {},
  };
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
