import { Badge } from '@mantine/core';

const COLORS: Record<string, string> = {
  PENDING_VALIDATION: 'gray', ACCEPTED: 'blue', BACKORDERED: 'orange', REJECTED: 'red', RELEASED: 'indigo',
  PARTIALLY_SHIPPED: 'cyan', SHIPPED: 'teal', DELIVERED: 'green', CANCELLED: 'dark', RETURN_REQUESTED: 'yellow',
  RETURNED: 'grape', PENDING: 'gray', LABEL_CREATED: 'blue', PICKED_UP: 'indigo', IN_TRANSIT: 'cyan',
  OUT_FOR_DELIVERY: 'teal', EXCEPTION: 'red', RETURNED_TO_SENDER: 'orange', OPEN: 'red', ACKNOWLEDGED: 'yellow',
  RESOLVED: 'green', CRITICAL: 'red', WARNING: 'orange', INFO: 'blue',
};

/** A status as a coloured badge; the text is the status itself, so colour never carries meaning alone. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge color={`${COLORS[status] ?? 'gray'}.9`} variant="light">
      {status.replaceAll('_', ' ')}
    </Badge>
  );
}
