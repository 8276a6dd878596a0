/** Stream entry ids are `<milliseconds>-<sequence>`; this is the shape a resume cursor must have. */
export const ENTRY_ID_PATTERN = /^\d{1,15}-\d{1,15}$/;

/** Orders two stream entry ids (negative when `a` comes first); string order is wrong once digit counts differ. */
export function compareEntryIds(a: string, b: string): number {
  const [aMs, aSeq] = split(a);
  const [bMs, bSeq] = split(b);
  return aMs !== bMs ? aMs - bMs : aSeq - bSeq;
}

function split(id: string): [number, number] {
  const dash = id.indexOf('-');
  return dash < 0 ? [Number(id), 0] : [Number(id.slice(0, dash)), Number(id.slice(dash + 1))];
}
