/** Writes a small X12 interchange for tests: ISA padded to its fixed width, `~` terminators, one segment per line. */
export function interchange(options: {
  control?: string;
  ieaControl?: string;
  ieaCount?: number;
  ackRequested?: boolean;
  groups: {
    id: string;
    control: string;
    geControl?: string;
    geCount?: number;
    version?: string;
    sets: { id: string; control: string; seControl?: string; seCount?: number; body: string[]; noSe?: boolean }[];
  }[];
}): string {
  const control = options.control ?? '000000123';
  const lines = [
    `ISA*00*${' '.repeat(10)}*00*${' '.repeat(10)}*ZZ*${'BUYERCO'.padEnd(15)}*ZZ*${'FMESH'.padEnd(15)}*250301*0900*U*00401*${control}*${options.ackRequested ? 1 : 0}*T*>`,
  ];
  for (const group of options.groups) {
    lines.push(`GS*${group.id}*BUYERCO*FMESH*20250301*0900*${group.control}*X*${group.version ?? '004010'}`);
    for (const set of group.sets) {
      lines.push(`ST*${set.id}*${set.control}`, ...set.body);
      if (!set.noSe) lines.push(`SE*${set.seCount ?? set.body.length + 2}*${set.seControl ?? set.control}`);
    }
    lines.push(`GE*${group.geCount ?? group.sets.length}*${group.geControl ?? group.control}`);
  }
  lines.push(`IEA*${options.ieaCount ?? options.groups.length}*${options.ieaControl ?? control}`);
  return lines.map((l) => `${l}~\n`).join('');
}

/** Our own small 850: two lines, a buyer and a ship-to with a two-line street address. */
export const PO_850_BODY = [
  'BEG*00*SA*PO-4471**20250301',
  'CUR*BY*USD',
  'REF*DP*042',
  'DTM*002*20250310',
  'N1*BY*Buyer Co*92*B-1',
  'N1*ST*Store 12*92*0012',
  'N3*1 Main St*Suite 4',
  'N4*Springfield*IL*62701*US',
  'PO1*1*10*EA*4.50**BP*B-100*VP*FM-1*UP*012345678905',
  'PID*F****Small widget',
  'PO1*2*2*CS*30**VP*FM-2',
  'CTT*2',
];

/** The segments of one transaction set of an X12 text, as `TAG*...` strings (for assertions). */
export function segmentsOf(text: string, setId: string): string[] {
  const all = text
    .split('~')
    .map((s) => s.trim())
    .filter(Boolean);
  const start = all.findIndex((s) => s.startsWith(`ST*${setId}*`));
  const end = all.findIndex((s, i) => i > start && s.startsWith('SE*'));
  return all.slice(start, end + 1);
}
