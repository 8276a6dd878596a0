import { pathToFileURL } from 'node:url';
import { createLogger, DomainError } from '@fulfillment-mesh/runtime';
import type { EventBus, StreamHealth } from './bus.js';
import { formatDuration, formatTable } from './cli-table.js';
import { createRedisEventBus } from './redis/bus.js';

const USAGE = `Usage: events <command>

  list                                       streams and consumer groups with their health
  tail <stream> [--from <entry id>]          print events as they arrive (Ctrl-C stops)
  dlq <stream> [--first <n>] [--after <id>] [--oldest]
                                             dead letters, newest first
  replay dlq <stream> <id> [<id>...]         re-drive dead letters to the group that failed them
  replay stream <stream> <group> <from> [to] re-deliver a range (entry ids or ISO times) to one group

Environment: REDIS_URL (required), EVENTS_PREFIX (key prefix, default fm), LOG_LEVEL.`;

/** What the CLI talks to; tests pass their own streams, environment and stop signal. */
export interface CliIo {
  env?: Readonly<Record<string, string | undefined>>;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  /** Stops `tail`; default: SIGINT. */
  signal?: AbortSignal;
}

/** Runs the operator CLI with `argv` (without node and script); resolves with the exit code (0 ok, 1 failed, 2 usage). */
export async function main(argv: readonly string[], io: CliIo = {}): Promise<number> {
  const env = io.env ?? process.env;
  const out = io.stdout ?? ((text: string) => void process.stdout.write(`${text}\n`));
  const err = io.stderr ?? ((text: string) => void process.stderr.write(`${text}\n`));
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help') {
    (command ? out : err)(USAGE);
    return command ? 0 : 2;
  }
  const url = env.REDIS_URL;
  if (!url) {
    err(
      'REDIS_URL is not set: the events CLI needs the Redis server of the event backbone, e.g. REDIS_URL=redis://127.0.0.1:6379',
    );
    return 2;
  }
  let bus: EventBus | undefined;
  try {
    bus = await createRedisEventBus({
      url,
      prefix: env.EVENTS_PREFIX ?? 'fm',
      logger: createLogger({ service: 'events-cli', level: env.LOG_LEVEL ?? 'silent' }),
    });
    return await run(bus, command, args, { out, err, signal: io.signal });
  } catch (error) {
    if (error instanceof DomainError) {
      err(`${error.code}: ${error.message}`);
      return 1;
    }
    err(`Failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await bus?.close();
  }
}

interface Output {
  out(text: string): void;
  err(text: string): void;
  signal: AbortSignal | undefined;
}

async function run(bus: EventBus, command: string, args: string[], io: Output): Promise<number> {
  const { positional, flags } = parseArgs(args);
  const [first, second, third, fourth, fifth] = positional;
  if (command === 'list') {
    io.out(renderHealth(await bus.health()));
    return 0;
  }
  if (command === 'tail' && first) {
    const signal = io.signal ?? interruptSignal();
    await bus.tail({
      streams: [first],
      onReady: () => io.out(`Tailing ${first} (Ctrl-C to stop)…`),
      ...(flags.from ? { fromId: flags.from } : {}),
      signal,
      handler: (event, { entryId }) =>
        io.out(
          `${entryId}  ${event.time}  ${event.type} v${event.dataversion}  ${event.subject}  seq=${event.sequence ?? '-'}  id=${event.id}`,
        ),
    });
    return 0;
  }
  if (command === 'dlq' && first) {
    const page = await bus.deadLetters(first, {
      first: flags.first ? Number(flags.first) : 20,
      ...(flags.after ? { after: flags.after } : {}),
      order: flags.oldest ? 'oldest' : 'newest',
    });
    const rows = page.items.map((d) => [
      d.id,
      d.group,
      d.eventType,
      d.subject,
      d.attempts.length,
      d.deadLetteredAt,
      d.reason,
    ]);
    io.out(formatTable(['ID', 'GROUP', 'TYPE', 'SUBJECT', 'ATTEMPTS', 'DEAD-LETTERED AT', 'REASON'], rows));
    io.out(
      `${page.items.length} of ${page.total} dead letter(s)${page.next ? `; next page: --after ${page.next}` : ''}`,
    );
    return 0;
  }
  if (command === 'replay' && first === 'dlq' && second && third) {
    const result = await bus.replayDeadLetters(second, positional.slice(2));
    io.out(`Re-drove ${result.replayed} dead letter(s) of ${second} to ${result.groups.join(', ') || 'no group'}`);
    if (result.missing.length > 0) io.out(`Not found: ${result.missing.join(', ')}`);
    return result.missing.length > 0 ? 1 : 0;
  }
  if (command === 'replay' && first === 'stream' && second && third && fourth) {
    const result = await bus.replayStream(second, third, { from: fourth, ...(fifth ? { to: fifth } : {}) });
    io.out(`Replayed ${result.replayed} event(s) of ${second} to group ${third}`);
    return 0;
  }
  io.err(USAGE);
  return 2;
}

/** The `list` output: one table of streams, one of consumer groups. */
export function renderHealth(health: readonly StreamHealth[]): string {
  if (health.length === 0) return 'No streams yet.';
  const streams = formatTable(
    ['STREAM', 'LENGTH', 'LAST EVENT', 'DEAD LETTERS', 'PUBLISHED'],
    health.map((s) => [s.stream, s.length, s.lastEventTime, s.deadLetters, s.counters.published]),
  );
  const groups = formatTable(
    [
      'STREAM',
      'GROUP',
      'BACKLOG',
      'PENDING',
      'OLDEST PENDING',
      'CONSUMERS',
      'PROCESSED',
      'RETRIED',
      'DEAD-LETTERED',
      'REPLAYED',
      'STALE',
      'DUPLICATE',
      'SKIPPED',
    ],
    health.flatMap((s) =>
      s.groups.map((g) => [
        s.stream,
        g.group,
        g.backlog,
        g.pending,
        formatDuration(g.oldestPendingAgeMs),
        g.consumers,
        g.counters.processed,
        g.counters.retried,
        g.counters.deadLettered,
        g.counters.replayed,
        g.counters.stale,
        g.counters.duplicate,
        g.counters.skipped,
      ]),
    ),
  );
  return `${streams}\n\n${groups}`;
}

function parseArgs(args: readonly string[]): { positional: string[]; flags: Record<string, string> } {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) positional.push(arg);
    else if (arg === '--oldest') flags.oldest = 'true';
    else flags[arg.slice(2)] = args[(i += 1)] ?? '';
  }
  return { positional, flags };
}

function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  return controller.signal;
}

// Run when executed directly (`npx tsx packages/events/src/cli.ts list`), not when imported by tests.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
