import { Alert, Loader, Text } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { useEffect, useState } from 'react';
import { DataTable } from '../components/DataTable';
import { useSession } from '../components/session-context';

/** One row of the gateway's `GET /admin/service-levels` (gateway/src/service-levels.ts). */
interface ServiceLevel {
  name: string;
  owner?: { team: string; contact: string };
  sla?: { availability: string; p99LatencyMs: number };
  measured: { fetches: number; p99Ms: number | null };
  withinTarget: boolean | null;
}

/** How often the service levels refresh while shown; default 10_000 // 10 seconds. */
const POLL_MS = 10_000;

const column = createColumnHelper<ServiceLevel>();
const columns = [
  column.accessor('name', { header: 'Subgraph' }),
  column.accessor((r) => r.owner?.team ?? '—', { id: 'owner', header: 'Owner' }),
  column.accessor((r) => r.owner?.contact ?? '—', { id: 'contact', header: 'Contact' }),
  column.accessor((r) => r.sla?.availability ?? '—', { id: 'availability', header: 'Availability SLA' }),
  column.accessor((r) => (r.sla ? `${r.sla.p99LatencyMs} ms` : '—'), { id: 'target', header: 'p99 target' }),
  column.accessor((r) => r.measured.p99Ms, {
    id: 'measured',
    header: 'p99 measured (gateway)',
    cell: (c) => {
      const row = c.row.original;
      if (row.measured.p99Ms === null)
        return (
          <Text span c="dimmed" size="sm">
            no fetches yet
          </Text>
        );
      return (
        <Text
          span
          size="sm"
          fw={row.withinTarget === false ? 700 : undefined}
          c={row.withinTarget === false ? 'red.9' : undefined}
          data-testid={`service-level-${row.name}`}
        >
          {row.measured.p99Ms} ms {row.withinTarget === false ? '(over target)' : ''}
        </Text>
      );
    },
  }),
  column.accessor((r) => r.measured.fetches, { id: 'fetches', header: 'Fetches' }),
];

/**
 * Each subgraph's owner and SLA (mesh.manifest.json) against the p99 the gateway measured for its fetches since it
 * started (fm_subgraph_fetch_duration_seconds). Needs `operations:read`.
 */
export function ServiceLevels() {
  const session = useSession();
  const [rows, setRows] = useState<ServiceLevel[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    const load = async () => {
      try {
        const res = await fetch('/admin/service-levels', { headers: { 'x-api-key': session.apiKey } });
        const body = (await res.json()) as { subgraphs?: ServiceLevel[]; errors?: { message: string }[] };
        if (stopped) return;
        if (!res.ok || !body.subgraphs) setError(body.errors?.[0]?.message ?? `HTTP ${res.status}`);
        else {
          setRows(body.subgraphs);
          setError(null);
        }
      } catch (caught) {
        if (!stopped) setError((caught as Error).message);
      }
    };
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [session.apiKey]);
  if (error && !rows)
    return (
      <Alert color="red" title="Service levels could not be loaded">
        {error}
      </Alert>
    );
  if (!rows) return <Loader aria-label="Loading service levels" />;
  return (
    <DataTable
      data={rows}
      columns={columns}
      caption="Owners and SLAs per subgraph against measured p99 latency"
      empty="No subgraphs."
    />
  );
}
