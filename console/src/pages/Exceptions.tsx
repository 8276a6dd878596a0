import { Alert } from '@mantine/core';

/** The exceptions queue; shown as not available until the operations subgraph serves exceptions. */
export function ExceptionsPanel() {
  return (
    <Alert role="status" color="gray" title="Exceptions are not available">
      This gateway's API has no exceptions queue yet.
    </Alert>
  );
}
