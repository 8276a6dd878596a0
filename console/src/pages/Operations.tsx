import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Code, Group, Loader, Modal, NativeSelect, Stack, Tabs, Text, Title } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ConfirmButton } from '../components/Confirm';
import { DataTable } from '../components/DataTable';
import { ErrorAlert } from '../components/errors';
import { useSession } from '../components/session-context';
import { Time } from '../components/Time';
import { graphql } from '../gql';
import type { AdapterHealthQuery, ConflictsQuery, DeadLettersQuery, IntegrationHealthQuery } from '../gql/graphql';
import { can } from '../session';
import { ExceptionsPanel } from './Exceptions';
import { ServiceLevels } from './OperationsServiceLevels';

/** How often the health view refreshes while open; default 5_000 // 5 seconds (health is computed, not pushed). */
const HEALTH_POLL_MS = 5_000;

const HEALTH = graphql(`
  query IntegrationHealth {
    integrationHealth {
      stream
      length
      lastEventTime
      deadLetters
      groups {
        group
        backlog
        pending
        oldestPendingAgeMs
        consumers
      }
    }
  }
`);
const ADAPTERS = graphql(`
  query AdapterHealth {
    adapterHealth {
      adapter
      direction
      lastSuccessAt
      lastFailureAt
      failuresLastHour
      backlog
    }
  }
`);
const DEAD_LETTERS = graphql(`
  query DeadLetters($stream: String!) {
    deadLetters(stream: $stream, first: 50) {
      totalCount
      nodes {
        id
        stream
        group
        reason
        lastError
        deadLetteredAt
        eventType
        subject
        envelope
        attempts {
          at
          error
        }
      }
    }
  }
`);
const REPLAY = graphql(`
  mutation ReplayDeadLetters($stream: String!, $ids: [ID!]!) {
    replayDeadLetters(stream: $stream, ids: $ids) {
      replayed
      missing
    }
  }
`);
const CONFLICTS = graphql(`
  query Conflicts {
    catalogConflicts(first: 20) {
      totalCount
      nodes {
        ...ConflictRow
      }
    }
    inventoryConflicts(first: 20) {
      totalCount
      nodes {
        ...ConflictRow
      }
    }
    ordersConflicts(first: 20) {
      totalCount
      nodes {
        ...ConflictRow
      }
    }
    shipmentsConflicts(first: 20) {
      totalCount
      nodes {
        ...ConflictRow
      }
    }
  }
  fragment ConflictRow on MasteringConflict {
    id
    entityId
    fieldGroup
    source
    sourceVersion
    observedAt
    reason
    currentSource
    currentSourceVersion
    at
  }
`);

type Stream = IntegrationHealthQuery['integrationHealth'][number];
type Adapter = AdapterHealthQuery['adapterHealth'][number];
type DeadLetter = DeadLettersQuery['deadLetters']['nodes'][number];
type Conflict = ConflictsQuery['catalogConflicts']['nodes'][number];
const backlogOf = (s: Stream) => s.groups.reduce((sum, g) => sum + g.backlog + g.pending, 0);

const stream = createColumnHelper<Stream>();
const streamColumns = [
  stream.accessor('stream', { header: 'Stream' }),
  stream.accessor('length', { header: 'Events' }),
  stream.accessor(backlogOf, {
    id: 'backlog',
    header: 'Backlog',
    cell: (c) => <span data-testid={`backlog-${c.row.original.stream}`}>{c.getValue()}</span>,
  }),
  stream.accessor('deadLetters', {
    header: 'Dead letters',
    cell: (c) => <span data-testid={`dead-letters-${c.row.original.stream}`}>{c.getValue()}</span>,
  }),
  stream.accessor((s) => s.groups.map((g) => `${g.group} ${g.backlog}/${g.pending}`).join(', ') || '—', {
    id: 'groups',
    header: 'Groups (backlog/pending)',
  }),
  stream.accessor('lastEventTime', { header: 'Last event', cell: (c) => <Time value={c.getValue()} /> }),
];

const adapter = createColumnHelper<Adapter>();
const adapterColumns = [
  adapter.accessor('adapter', { header: 'Adapter' }),
  adapter.accessor('direction', { header: 'Direction', cell: (c) => c.getValue().toLowerCase() }),
  adapter.accessor('lastSuccessAt', { header: 'Last success', cell: (c) => <Time value={c.getValue()} /> }),
  adapter.accessor('lastFailureAt', { header: 'Last failure', cell: (c) => <Time value={c.getValue()} /> }),
  adapter.accessor('failuresLastHour', {
    header: 'Failures (last hour)',
    cell: (c) => (
      <Text span size="sm" fw={c.getValue() > 0 ? 700 : undefined} c={c.getValue() > 0 ? 'red.9' : undefined}>
        {c.getValue()}
      </Text>
    ),
  }),
  adapter.accessor('backlog', {
    header: 'Backlog',
    cell: (c) => (
      <span data-testid={`adapter-backlog-${c.row.original.adapter}-${c.row.original.direction}`}>{c.getValue()}</span>
    ),
  }),
];

const conflict = createColumnHelper<Conflict & { domain: string }>();
const conflictColumns = [
  conflict.accessor('at', { header: 'At', cell: (c) => <Time value={c.getValue()} /> }),
  conflict.accessor('domain', { header: 'Domain' }),
  conflict.accessor('entityId', { header: 'Entity' }),
  conflict.accessor('fieldGroup', { header: 'Field group' }),
  conflict.accessor((c) => `${c.source} v${c.sourceVersion}`, { id: 'offered', header: 'Refused write' }),
  conflict.accessor((c) => (c.currentSource ? `${c.currentSource} v${c.currentSourceVersion ?? '?'}` : '—'), {
    id: 'current',
    header: 'Current',
  }),
  conflict.accessor('reason', { header: 'Reason' }),
];

/** The operations console: integration health, dead letters and replay, the exceptions queue, mastering conflicts. */
const TABS = ['health', 'exceptions', 'conflicts'];

export function Operations() {
  const [params, setParams] = useSearchParams();
  const tab = TABS.includes(params.get('tab') ?? '') ? params.get('tab')! : 'health';
  // The tab is in the URL (`?tab=exceptions`) so a view can be shared; a tab's own filters start afresh.
  const choose = (value: string | null) => setParams(value && value !== 'health' ? { tab: value } : {});
  return (
    <Stack>
      <Title order={2}>Operations</Title>
      <Tabs value={tab} onChange={choose} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="health">Integration health</Tabs.Tab>
          <Tabs.Tab value="exceptions">Exceptions</Tabs.Tab>
          <Tabs.Tab value="conflicts">Conflicts</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="health" pt="md">
          <Health />
        </Tabs.Panel>
        <Tabs.Panel value="exceptions" pt="md">
          <ExceptionsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="conflicts" pt="md">
          <Conflicts />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function Health() {
  const health = useQuery(HEALTH, { pollInterval: HEALTH_POLL_MS });
  const adapters = useQuery(ADAPTERS, { pollInterval: HEALTH_POLL_MS, errorPolicy: 'all' });
  const [selected, setSelected] = useState<string | null>(null);
  if (health.loading && !health.data) return <Loader aria-label="Loading integration health" />;
  if (!health.data) return <ErrorAlert error={health.error} />;
  const streams = health.data.integrationHealth;
  return (
    <Stack>
      {health.error ? <ErrorAlert error={health.error} /> : null}
      <Title order={3}>Service levels</Title>
      <ServiceLevels />
      <Title order={3}>Adapters</Title>
      {adapters.error ? <ErrorAlert error={adapters.error} title="Adapter health could not be loaded" /> : null}
      {adapters.loading && !adapters.data ? <Loader aria-label="Loading adapter health" /> : null}
      {adapters.data ? (
        <DataTable
          data={adapters.data.adapterHealth}
          columns={adapterColumns}
          caption="Integration health per adapter and direction"
          empty="No adapter has run yet."
        />
      ) : null}
      <Title order={3}>Event streams</Title>
      <DataTable
        data={streams}
        columns={streamColumns}
        caption="Event streams with backlog and dead letters"
        empty="No event streams yet."
      />
      <Title order={3}>Dead letters</Title>
      <NativeSelect
        label="Stream"
        value={selected ?? ''}
        onChange={(e) => setSelected(e.currentTarget.value || null)}
        maw={320}
        data={[
          { value: '', label: 'Choose a stream' },
          ...streams.map((s) => ({ value: s.stream, label: `${s.stream} (${s.deadLetters} dead letters)` })),
        ]}
      />
      {selected ? (
        <DeadLetters stream={selected} onReplayed={() => void health.refetch()} />
      ) : (
        <Text c="dimmed">Choose a stream to inspect its dead letters.</Text>
      )}
    </Stack>
  );
}

function DeadLetters({ stream, onReplayed }: { stream: string; onReplayed: () => void }) {
  const session = useSession();
  const letters = useQuery(DEAD_LETTERS, { variables: { stream }, fetchPolicy: 'network-only' });
  const [replay] = useMutation(REPLAY);
  const [inspected, setInspected] = useState<DeadLetter | null>(null);
  const replayIds = async (ids: string[]) => {
    await replay({ variables: { stream, ids } });
    await letters.refetch();
    onReplayed();
  };
  // Columns are made once per key: a new cell function on every render would remount the cells (and close an open
  // confirmation) each time the health poll re-renders the page. The latest handlers are read through a ref.
  const handlers = useRef({ replayIds, inspect: setInspected });
  handlers.current = { replayIds, inspect: setInspected };
  const writable = can(session, 'operations:write');
  const columns = useMemo(() => {
    const column = createColumnHelper<DeadLetter>();
    return [
      column.accessor('deadLetteredAt', { header: 'Dead-lettered', cell: (c) => <Time value={c.getValue()} /> }),
      column.accessor('group', { header: 'Group' }),
      column.accessor('eventType', { header: 'Event', cell: (c) => c.getValue() ?? '—' }),
      column.accessor('subject', { header: 'Subject', cell: (c) => c.getValue() ?? '—' }),
      column.accessor('reason', { header: 'Reason' }),
      column.display({
        id: 'actions',
        header: 'Actions',
        cell: (c) => (
          <Group gap="xs" wrap="nowrap">
            <Button size="xs" variant="default" onClick={() => handlers.current.inspect(c.row.original)}>
              Inspect
            </Button>
            {writable ? (
              <ConfirmButton
                label="Replay"
                title="Replay this dead letter?"
                action={() => handlers.current.replayIds([c.row.original.id])}
              >
                <Text size="sm">It goes back to group {c.row.original.group}, which handles it again.</Text>
              </ConfirmButton>
            ) : null}
          </Group>
        ),
      }),
    ];
  }, [writable]);
  if (letters.loading && !letters.data) return <Loader aria-label="Loading dead letters" />;
  if (!letters.data) return <ErrorAlert error={letters.error} />;
  const nodes = letters.data.deadLetters.nodes;
  return (
    <Stack>
      {can(session, 'operations:write') && nodes.length > 0 ? (
        <Group>
          <ConfirmButton
            label={`Replay all (${nodes.length})`}
            title={`Replay all ${nodes.length} dead letters of ${stream}?`}
            action={() => replayIds(nodes.map((n) => n.id))}
          />
        </Group>
      ) : null}
      <DataTable
        data={nodes}
        columns={columns}
        rowId={(l) => l.id}
        caption={`Dead letters of ${stream}, newest first`}
        empty={`No dead letters on ${stream}.`}
      />
      <Modal opened={inspected !== null} onClose={() => setInspected(null)} title="Dead letter" size="lg">
        {inspected ? (
          <Stack>
            <Text size="sm">Reason: {inspected.reason}</Text>
            <Text size="sm">Last error: {inspected.lastError ?? '—'}</Text>
            <Text size="sm" fw={600}>
              Attempts
            </Text>
            {inspected.attempts.map((a, i) => (
              <Text size="sm" key={i}>
                <Time value={a.at} />: {a.error}
              </Text>
            ))}
            <Text size="sm" fw={600}>
              Envelope
            </Text>
            <Code block>{pretty(inspected.envelope)}</Code>
          </Stack>
        ) : null}
      </Modal>
    </Stack>
  );
}

function pretty(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

function Conflicts() {
  const result = useQuery(CONFLICTS, { errorPolicy: 'all' });
  if (result.loading && !result.data) return <Loader aria-label="Loading conflicts" />;
  const data = result.data;
  const rows = data
    ? [
        ...(data.catalogConflicts?.nodes ?? []).map((c) => ({ ...c, domain: 'catalog' })),
        ...(data.inventoryConflicts?.nodes ?? []).map((c) => ({ ...c, domain: 'inventory' })),
        ...(data.ordersConflicts?.nodes ?? []).map((c) => ({ ...c, domain: 'orders' })),
        ...(data.shipmentsConflicts?.nodes ?? []).map((c) => ({ ...c, domain: 'shipments' })),
      ].sort((a, b) => b.at.localeCompare(a.at))
    : [];
  return (
    <Stack>
      {result.error ? <ErrorAlert error={result.error} /> : null}
      <DataTable
        data={rows}
        columns={conflictColumns}
        caption="Mastering conflicts: refused writes, newest first"
        empty="No mastering conflicts."
      />
    </Stack>
  );
}
