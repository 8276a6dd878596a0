import { createColumnHelper } from '@tanstack/react-table';
import { DataTable } from './DataTable';
import { Time } from './Time';

/** One field group's origin, as every mastered entity exposes it. */
export interface ProvenanceRow {
  field: string;
  source: string;
  sourceVersion: string;
  observedAt: string;
  adapterRun?: string | null;
}

const column = createColumnHelper<ProvenanceRow>();
const columns = [
  column.accessor('field', { header: 'Field group' }),
  column.accessor('source', { header: 'Source' }),
  column.accessor('sourceVersion', { header: 'Version' }),
  column.accessor('observedAt', { header: 'Observed', cell: (c) => <Time value={c.getValue()} /> }),
  column.accessor('adapterRun', { header: 'Adapter run', cell: (c) => c.getValue() ?? '—' }),
];

/** "price from ERP, version 412, observed …": provenance per field group. */
export function ProvenanceTable({ rows, caption }: { rows: ProvenanceRow[]; caption: string }) {
  return (
    <DataTable data={rows} columns={columns} caption={caption} empty="No source system has written these fields yet." />
  );
}
