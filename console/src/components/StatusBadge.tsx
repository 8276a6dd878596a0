import { Badge } from '@mantine/core';

// Background per status, each dark enough for white text at ≥ 4.5:1 (WCAG AA): Mantine's shade 9, or a darker
// value where shade 9 falls short (green, orange, yellow).
const GRAY = '#495057';
const BLUE = 'blue.9';
const RED = 'red.9';
const INDIGO = 'indigo.9';
const CYAN = 'cyan.9';
const TEAL = 'teal.9';
const GREEN = '#237032';
const ORANGE = '#b03a0c';
const YELLOW = '#8f5200';
const COLORS: Record<string, string> = {
  PENDING_VALIDATION: GRAY,
  ACCEPTED: BLUE,
  BACKORDERED: ORANGE,
  REJECTED: RED,
  RELEASED: INDIGO,
  PARTIALLY_SHIPPED: CYAN,
  SHIPPED: TEAL,
  DELIVERED: GREEN,
  CANCELLED: 'dark.7',
  RETURN_REQUESTED: YELLOW,
  RETURNED: 'grape.9',
  PENDING: GRAY,
  LABEL_CREATED: BLUE,
  PICKED_UP: INDIGO,
  IN_TRANSIT: CYAN,
  OUT_FOR_DELIVERY: TEAL,
  EXCEPTION: RED,
  RETURNED_TO_SENDER: ORANGE,
  OPEN: RED,
  ACKNOWLEDGED: YELLOW,
  RESOLVED: GREEN,
  CRITICAL: RED,
  WARNING: ORANGE,
  INFO: BLUE,
};

/**
 * A status as a coloured badge; the text is the status itself, so colour never carries meaning alone. Filled, with
 * white text: Mantine's light variant with a shade fills the badge with that shade and writes the label in a light
 * tint of the same colour, which is unreadable.
 */
export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge color={COLORS[status] ?? GRAY} variant="filled">
      {status.replaceAll('_', ' ')}
    </Badge>
  );
}
