/** Writes a small X12 interchange: ISA padded to its fixed width, `~` terminators, one segment per line. */
export function interchange(options: {
  sender?: string;
  control?: string;
  ieaControl?: string;
  sets: { id?: string; control: string; body: string[] }[];
}): string {
  const control = options.control ?? '000000101';
  const sender = options.sender ?? 'BUYERCO';
  const lines = [
    `ISA*00*${' '.repeat(10)}*00*${' '.repeat(10)}*ZZ*${sender.padEnd(15)}*ZZ*${'FMESH'.padEnd(15)}*261105*0900*U*00401*${control}*0*T*>`,
  ];
  lines.push(`GS*PO*${sender}*FMESH*20261105*0900*77*X*004010`);
  for (const set of options.sets)
    lines.push(`ST*${set.id ?? '850'}*${set.control}`, ...set.body, `SE*${set.body.length + 2}*${set.control}`);
  lines.push(`GE*${options.sets.length}*77`, `IEA*1*${options.ieaControl ?? control}`);
  return lines.map((l) => `${l}~\n`).join('');
}

/** The body of an 850 for PO `po`: two lines of our SKUs SKU-1 and SKU-2, shipped to a store. */
export function po850(
  po: string,
  lines: string[] = ['PO1*1*10*EA*4.50**BP*B-100*VP*SKU-1', 'PO1*2*2*EA*30**VP*SKU-2'],
): string[] {
  return [
    `BEG*00*SA*${po}**20261105`,
    'CUR*BY*USD',
    'N1*BY*Buyer Co*92*B-1',
    'N1*ST*Store 12*92*0012',
    'N3*1 Main St*Suite 4',
    'N4*Springfield*IL*62701*US',
    ...lines,
    `CTT*${lines.length}`,
  ];
}

/** The segments of the first transaction set `setId` of an X12 text, as `TAG*...` strings. */
export function segmentsOf(text: string, setId: string): string[] {
  const all = text
    .split('~')
    .map((s) => s.trim())
    .filter(Boolean);
  const start = all.findIndex((s) => s.startsWith(`ST*${setId}*`));
  const end = all.findIndex((s, i) => i > start && s.startsWith('SE*'));
  return start < 0 ? [] : all.slice(start, end + 1);
}
