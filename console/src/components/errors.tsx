import { CombinedGraphQLErrors } from '@apollo/client';
import { Alert } from '@mantine/core';

/** One error as the console shows it: the server's code (FORBIDDEN, CONFLICT, NOT_FOUND, …) and its message. */
export interface ShownError {
  code: string;
  message: string;
}

/** Flattens an Apollo error into what the server said, so a FORBIDDEN or CONFLICT is shown as such. */
export function describeError(error: unknown): ShownError[] {
  if (CombinedGraphQLErrors.is(error)) {
    return error.errors.map((e) => ({ code: String(e.extensions?.code ?? 'ERROR'), message: e.message }));
  }
  return [{ code: 'NETWORK', message: error instanceof Error ? error.message : String(error) }];
}

/** True when any of the server's errors carries `code`. */
export function hasCode(error: unknown, code: string): boolean {
  return describeError(error).some((e) => e.code === code);
}

const TITLES: Record<string, string> = {
  FORBIDDEN: 'Not allowed',
  CONFLICT: 'Refused by the server',
  NOT_FOUND: 'Not found',
  INVALID_INPUT: 'Invalid input',
  UNAUTHENTICATED: 'Key not recognised',
  NETWORK: 'The gateway cannot be reached',
};

/** Shows what the server refused, plainly, with its code. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const errors = describeError(error);
  const first = errors[0];
  return (
    <Alert role="alert" color="red" title={title ?? TITLES[first?.code ?? ''] ?? 'Something went wrong'}>
      {errors.map((e, i) => (
        <div key={i}>
          {e.message} <small>({e.code})</small>
        </div>
      ))}
    </Alert>
  );
}
