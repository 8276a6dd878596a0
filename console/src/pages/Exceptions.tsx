import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { Alert, Anchor, Button, Group, Loader, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ConfirmButton } from '../components/Confirm';
import { DataTable } from '../components/DataTable';
import { ErrorAlert } from '../components/errors';
import { useSession } from '../components/session-context';
import { StatusBadge } from '../components/StatusBadge';
import { Time } from '../components/Time';
import { graphql } from '../gql';
import type { ExceptionFilter, ExceptionKind, ExceptionRowFragment, ExceptionStatus } from '../gql/graphql';
import { can } from '../session';

const EXCEPTIONS = graphql(`
  query ExceptionsQueue($filter: ExceptionFilter, $first: Int, $after: String) {
    exceptions(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...ExceptionRow
      }
    }
  }
  fragment ExceptionRow on Exception {
    id
    kind
    status
    severity
    subject
    subjectType
    summary
    detail
    assignee
    occurrences
    openedAt
    acknowledgedAt
    resolvedAt
    ageSeconds
    lastSeenAt
    resolvedBy
    notes {
      at
      author
      text
    }
  }
`);
const RAISED = graphql(`
  subscription ExceptionRaised {
    exceptionRaised {
      cursor
      id
      kind
      summary
      subject
    }
  }
`);
const ACKNOWLEDGE = graphql(`
  mutation AcknowledgeException($id: ID!, $note: String) {
    acknowledgeException(id: $id, note: $note) {
      ...ExceptionRow
    }
  }
`);
const ASSIGN = graphql(`
  mutation AssignException($id: ID!, $assignee: String!) {
    assignException(id: $id, assignee: $assignee) {
      ...ExceptionRow
    }
  }
`);
const RESOLVE = graphql(`
  mutation ResolveException($id: ID!, $note: String) {
    resolveException(id: $id, note: $note) {
      ...ExceptionRow
    }
  }
`);

/** The kinds of the API schema, for the filter. */
export const EXCEPTION_KINDS: ExceptionKind[] = [
  'ERP_POSTING_FAILED',
  'INVENTORY_UPDATE_FAILED',
  'DEAD_LETTER',
  'LATE_SHIPMENT',
  'CARRIER_EXCEPTION',
  'RECONCILIATION_DRIFT',
  'BACKORDER',
  'STUCK_PENDING_VALIDATION',
  'MASTERING_CONFLICT',
];
/** Status filter choices; the default is the work still to do. */
const STATUS_CHOICES: { value: string; label: string; status: ExceptionStatus[] | undefined }[] = [
  { value: 'unresolved', label: 'Open or acknowledged', status: ['OPEN', 'ACKNOWLEDGED'] },
  { value: 'OPEN', label: 'Open', status: ['OPEN'] },
  { value: 'ACKNOWLEDGED', label: 'Acknowledged', status: ['ACKNOWLEDGED'] },
  { value: 'RESOLVED', label: 'Resolved', status: ['RESOLVED'] },
  { value: 'all', label: 'Any status', status: undefined },
];
/** Age filter choices: opened at least this long ago. */
const AGE_CHOICES: { value: string; label: string; seconds: number }[] = [
  { value: '', label: 'Any age', seconds: 0 },
  { value: '1h', label: 'Older than 1 hour', seconds: 3_600 },
  { value: '24h', label: 'Older than 24 hours', seconds: 86_400 },
  { value: '7d', label: 'Older than 7 days', seconds: 604_800 },
];
/** Exceptions per page of the queue; the API allows 1..100. */
const PAGE_SIZE = 25;

/** "3 d 4 h", "2 h 5 min", "40 s": an exception's age at a glance. */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** Where an exception's subject can be looked at in this console, if anywhere. */
function subjectLink(e: Pick<ExceptionRowFragment, 'subject' | 'subjectType'>) {
  if (e.subjectType === 'ORDER') return `/orders/${encodeURIComponent(e.subject)}`;
  if (e.subjectType === 'PRODUCT') return `/inventory?sku=${encodeURIComponent(e.subject)}`;
  return null;
}

/**
 * The exceptions queue: filtered by kind, status and age (filters live in the URL), each row acknowledged,
 * assigned or resolved with a confirmation; `exceptionRaised` refreshes the queue and announces what arrived.
 */
export function ExceptionsPanel() {
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind') ?? '';
  const status = params.get('status') ?? 'unresolved';
  const age = params.get('age') ?? '';
  const filter: ExceptionFilter = {};
  if (kind) filter.kind = [kind as ExceptionKind];
  const statuses = STATUS_CHOICES.find((c) => c.value === status)?.status;
  if (statuses) filter.status = statuses;
  const ageSeconds = AGE_CHOICES.find((c) => c.value === age)?.seconds ?? 0;
  // Rounded to the minute so that re-renders do not make a new query every millisecond.
  if (ageSeconds)
    filter.olderThan = new Date(Math.floor((Date.now() - ageSeconds * 1000) / 60_000) * 60_000).toISOString();
  const after = params.get('after');
  const queue = useQuery(EXCEPTIONS, {
    variables: { filter, first: PAGE_SIZE, ...(after ? { after } : {}) },
    errorPolicy: 'all',
  });
  const [raised, setRaised] = useState<string | null>(null);
  useSubscription(RAISED, {
    onData: ({ data }) => {
      if (data.data)
        setRaised(`${data.data.exceptionRaised.kind.replaceAll('_', ' ')}: ${data.data.exceptionRaised.summary}`);
      void queue.refetch();
    },
  });
  // Changing a filter starts again from the first page.
  const set = (name: string) => (value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== 'after') next.delete('after');
    setParams(next, { replace: name !== 'after' });
  };
  const pageInfo = queue.data?.exceptions.pageInfo;
  const nodes = queue.data?.exceptions.nodes ?? [];
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 3 }} maw={900}>
        <NativeSelect
          label="Kind"
          value={kind}
          onChange={(e) => set('kind')(e.currentTarget.value)}
          data={[
            { value: '', label: 'Any kind' },
            ...EXCEPTION_KINDS.map((k) => ({ value: k, label: k.replaceAll('_', ' ') })),
          ]}
        />
        <NativeSelect
          label="Status"
          value={status}
          onChange={(e) => set('status')(e.currentTarget.value === 'unresolved' ? '' : e.currentTarget.value)}
          data={STATUS_CHOICES.map((c) => ({ value: c.value, label: c.label }))}
        />
        <NativeSelect
          label="Age"
          value={age}
          onChange={(e) => set('age')(e.currentTarget.value)}
          data={AGE_CHOICES.map((c) => ({ value: c.value, label: c.label }))}
        />
      </SimpleGrid>
      <div aria-live="polite">
        {raised ? (
          <Alert
            color="blue"
            title="New exception"
            withCloseButton
            closeButtonLabel="Dismiss"
            onClose={() => setRaised(null)}
          >
            {raised}
          </Alert>
        ) : null}
      </div>
      {queue.error ? <ErrorAlert error={queue.error} /> : null}
      {queue.loading && !queue.data ? <Loader aria-label="Loading exceptions" /> : null}
      {queue.data ? (
        <>
          <Text size="sm">{queue.data.exceptions.totalCount} exceptions match</Text>
          <ExceptionTable
            rows={nodes}
            onChanged={() => void queue.refetch()}
            caption="Exceptions, oldest opened first"
          />
          {after || pageInfo?.hasNextPage ? (
            <Group>
              <Button variant="default" disabled={!after} onClick={() => set('after')('')}>
                First page
              </Button>
              <Button
                variant="default"
                disabled={!pageInfo?.hasNextPage}
                onClick={() => set('after')(pageInfo?.endCursor ?? '')}
              >
                Next page
              </Button>
            </Group>
          ) : null}
        </>
      ) : null}
    </Stack>
  );
}

/** Exceptions as rows, with the actions the key's scopes allow; used by the queue and the order detail page. */
export function ExceptionTable(props: {
  rows: ExceptionRowFragment[];
  caption: string;
  onChanged: () => void;
  compact?: boolean;
}) {
  const session = useSession();
  const writable = can(session, 'operations:write');
  // Made once per (scopes, layout): a new cell function on every render would remount the cells and close an open
  // confirmation whenever the queue refetches. The latest `onChanged` is read through a ref.
  const onChanged = useRef(props.onChanged);
  onChanged.current = props.onChanged;
  const compact = props.compact === true;
  const columns = useMemo(() => {
    const column = createColumnHelper<ExceptionRowFragment>();
    return [
      column.accessor('openedAt', { header: 'Opened', cell: (c) => <Time value={c.getValue()} /> }),
      column.accessor('ageSeconds', { header: 'Age', cell: (c) => formatAge(c.getValue()) }),
      column.accessor('kind', { header: 'Kind', cell: (c) => c.getValue().replaceAll('_', ' ') }),
      column.accessor('severity', { header: 'Severity', cell: (c) => <StatusBadge status={c.getValue()} /> }),
      column.accessor('status', {
        header: 'Status',
        cell: (c) => (
          <span data-testid={`exception-status-${c.row.original.id}`}>
            <StatusBadge status={c.getValue()} />
          </span>
        ),
      }),
      ...(compact
        ? []
        : [
            column.accessor('subject', {
              header: 'Subject',
              cell: (c) => {
                const to = subjectLink(c.row.original);
                return to ? (
                  <Anchor component={Link} to={to}>
                    {c.getValue()}
                  </Anchor>
                ) : (
                  c.getValue()
                );
              },
            }),
          ]),
      column.accessor('summary', { header: 'Summary' }),
      column.accessor('assignee', {
        header: 'Assignee',
        cell: (c) => <span data-testid={`exception-assignee-${c.row.original.id}`}>{c.getValue() ?? '—'}</span>,
      }),
      column.accessor('occurrences', { header: 'Seen' }),
      ...(writable
        ? [
            column.display({
              id: 'actions',
              header: 'Actions',
              cell: (c) => <ExceptionActions exception={c.row.original} onDone={() => onChanged.current()} />,
            }),
          ]
        : []),
    ];
  }, [writable, compact]);
  return (
    <DataTable
      data={props.rows}
      columns={columns}
      caption={props.caption}
      empty="No exceptions match."
      rowId={(e) => e.id}
    />
  );
}

/** Acknowledge (open only), assign and resolve (not resolved), each confirmed; a CONFLICT stays in the dialog. */
function ExceptionActions({ exception, onDone }: { exception: ExceptionRowFragment; onDone: () => void }) {
  const session = useSession();
  const [acknowledge] = useMutation(ACKNOWLEDGE);
  const [assign] = useMutation(ASSIGN);
  const [resolve] = useMutation(RESOLVE);
  const [ackNote, setAckNote] = useState('');
  const [resolveNote, setResolveNote] = useState('');
  const [assignee, setAssignee] = useState(exception.assignee ?? session.id);
  const id = exception.id;
  if (exception.status === 'RESOLVED')
    return <Text size="xs">{exception.resolvedBy ? `by ${exception.resolvedBy}` : '—'}</Text>;
  const note = (text: string) => (text.trim() ? { note: text.trim() } : {});
  return (
    <Group gap="xs" wrap="nowrap">
      {exception.status === 'OPEN' ? (
        <ConfirmButton
          label="Acknowledge"
          title={`Acknowledge: ${exception.summary}`}
          confirmLabel="Acknowledge"
          action={() =>
            acknowledge({ variables: { id, ...note(ackNote) } })
              .then(() => setAckNote(''))
              .then(onDone)
          }
        >
          <TextInput label="Note (optional)" value={ackNote} onChange={(e) => setAckNote(e.currentTarget.value)} />
        </ConfirmButton>
      ) : null}
      <ConfirmButton
        label="Assign"
        title={`Assign: ${exception.summary}`}
        confirmLabel="Assign"
        action={() => assign({ variables: { id, assignee: assignee.trim() } }).then(onDone)}
      >
        <TextInput label="Assignee" value={assignee} onChange={(e) => setAssignee(e.currentTarget.value)} />
      </ConfirmButton>
      <ConfirmButton
        label="Resolve"
        title={`Resolve: ${exception.summary}`}
        confirmLabel="Resolve"
        action={() =>
          resolve({ variables: { id, ...note(resolveNote) } })
            .then(() => setResolveNote(''))
            .then(onDone)
        }
      >
        <TextInput
          label="Note (optional)"
          value={resolveNote}
          onChange={(e) => setResolveNote(e.currentTarget.value)}
        />
      </ConfirmButton>
    </Group>
  );
}
