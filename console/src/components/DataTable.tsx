import { Table, Text } from '@mantine/core';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';

/** A TanStack table rendered with Mantine's table; scrolls inside its own box on narrow screens, never the page. */
export function DataTable<T>(props: {
  data: T[];
  columns: ColumnDef<T, any>[];
  caption: string;
  empty: string;
  /** A row's identity (default its index): rows with actions need it, so a row's state stays with that row. */
  rowId?: (row: T) => string;
}) {
  const table = useReactTable({
    data: props.data,
    columns: props.columns,
    getCoreRowModel: getCoreRowModel(),
    ...(props.rowId ? { getRowId: props.rowId } : {}),
  });
  if (props.data.length === 0) return <Text c="dimmed">{props.empty}</Text>;
  return (
    // Focusable so keyboard users can scroll a wide table on a narrow screen.
    <Table.ScrollContainer minWidth={0} type="native" tabIndex={0} role="region" aria-label={props.caption}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Caption>{props.caption}</Table.Caption>
        <Table.Thead>
          {table.getHeaderGroups().map((group) => (
            <Table.Tr key={group.id}>
              {group.headers.map((header) => (
                <Table.Th key={header.id} scope="col">
                  {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                </Table.Th>
              ))}
            </Table.Tr>
          ))}
        </Table.Thead>
        <Table.Tbody>
          {table.getRowModel().rows.map((row) => (
            <Table.Tr key={row.id}>
              {row.getVisibleCells().map((cell) => (
                <Table.Td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
