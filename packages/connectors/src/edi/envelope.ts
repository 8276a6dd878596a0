import type { ParsedGroup, ParsedInterchange, ParsedTransaction } from './parse.js';

/**
 * One envelope error, with the X12 code that reports it: TA1 note codes (TA105) at the interchange level,
 * AK9 group error codes (AK905) and AK5 transaction set error codes (AK502) below it.
 */
export interface EnvelopeIssue {
  level: 'interchange' | 'group' | 'transaction';
  code: string;
  message: string;
}

/** Envelope findings for one transaction set. */
export interface TransactionReport {
  setId: string;
  controlNumber: string;
  issues: EnvelopeIssue[];
}

/** Envelope findings for one functional group. */
export interface GroupReport {
  functionalId: string;
  controlNumber: string;
  version: string;
  /** GE01 as declared (or the actual count when GE is missing). */
  declaredTransactions: number;
  issues: EnvelopeIssue[];
  transactions: TransactionReport[];
}

/** Envelope findings for one interchange: `accepted` only when nothing at any level is wrong. */
export interface InterchangeReport {
  controlNumber: string;
  issues: EnvelopeIssue[];
  groups: GroupReport[];
  accepted: boolean;
  /** Every issue's message, interchange first. */
  reasons: string[];
}

/** Options of {@link validateEnvelope}. */
export interface EnvelopeValidationOptions {
  /** Transaction sets this receiver handles (e.g. `['850', '940']`); others are rejected with AK502 = 1. Default: all. */
  supportedSets?: readonly string[];
}

/**
 * Checks the envelope of a parsed interchange: control numbers agree between header and trailer (ISA13 = IEA02,
 * GS06 = GE02, ST02 = SE02), trailers exist, and the counts are right (IEA01 = number of GS, GE01 = number of
 * ST, SE01 = segments from ST to SE inclusive). ISA13 and IEA02 are compared as numbers because node-x12 strips
 * IEA02's leading zeros; GS/GE and ST/SE are compared exactly, as the standard requires.
 */
export function validateEnvelope(
  interchange: ParsedInterchange,
  options: EnvelopeValidationOptions = {},
): InterchangeReport {
  const issues: EnvelopeIssue[] = [];
  const isa13 = interchange.controlNumber;
  if (!/^\d{9}$/.test(isa13))
    issues.push({ level: 'interchange', code: '018', message: `ISA13 ${isa13} is not a 9-digit control number` });
  const trailer = interchange.trailer;
  if (!trailer) {
    issues.push({ level: 'interchange', code: '023', message: 'IEA trailer is missing' });
  } else {
    if (Number(trailer.controlNumber) !== Number(isa13) || !/^\d+$/.test(trailer.controlNumber)) {
      issues.push({
        level: 'interchange',
        code: '001',
        message: `ISA13 ${isa13} does not match IEA02 ${trailer.controlNumber.padStart(9, '0')}`,
      });
    }
    if (Number(trailer.groupCount) !== interchange.groups.length) {
      issues.push({
        level: 'interchange',
        code: '021',
        message: `IEA01 declares ${trailer.groupCount} functional groups, found ${interchange.groups.length}`,
      });
    }
  }
  const groups = interchange.groups.map((g) => validateGroup(g, options));
  const reasons = [
    ...issues.map((i) => i.message),
    ...groups.flatMap((g) => [
      ...g.issues.map((i) => `group ${g.controlNumber}: ${i.message}`),
      ...g.transactions.flatMap((t) => t.issues.map((i) => `transaction ${t.setId} ${t.controlNumber}: ${i.message}`)),
    ]),
  ];
  return { controlNumber: isa13, issues, groups, accepted: reasons.length === 0, reasons };
}

function validateGroup(group: ParsedGroup, options: EnvelopeValidationOptions): GroupReport {
  const issues: EnvelopeIssue[] = [];
  const found = group.transactions.length;
  if (!group.trailer) {
    issues.push({ level: 'group', code: '3', message: 'GE trailer is missing' });
  } else {
    if (group.trailer.controlNumber !== group.controlNumber) {
      issues.push({
        level: 'group',
        code: '4',
        message: `GS06 ${group.controlNumber} does not match GE02 ${group.trailer.controlNumber}`,
      });
    }
    if (Number(group.trailer.transactionCount) !== found) {
      issues.push({
        level: 'group',
        code: '5',
        message: `GE01 declares ${group.trailer.transactionCount} transaction sets, found ${found}`,
      });
    }
  }
  const declared =
    group.trailer && /^\d+$/.test(group.trailer.transactionCount) ? Number(group.trailer.transactionCount) : found;
  return {
    functionalId: group.functionalId,
    controlNumber: group.controlNumber,
    version: group.version,
    declaredTransactions: declared,
    issues,
    transactions: group.transactions.map((t) => validateTransaction(t, options)),
  };
}

function validateTransaction(tx: ParsedTransaction, options: EnvelopeValidationOptions): TransactionReport {
  const issues: EnvelopeIssue[] = [];
  if (options.supportedSets && !options.supportedSets.includes(tx.setId)) {
    issues.push({ level: 'transaction', code: '1', message: `transaction set ${tx.setId} is not supported` });
  }
  if (!tx.trailer) {
    issues.push({ level: 'transaction', code: '2', message: 'SE trailer is missing' });
  } else {
    if (tx.trailer.controlNumber !== tx.controlNumber) {
      issues.push({
        level: 'transaction',
        code: '3',
        message: `ST02 ${tx.controlNumber} does not match SE02 ${tx.trailer.controlNumber}`,
      });
    }
    const actual = tx.segments.length + 2; // ST and SE count themselves
    if (Number(tx.trailer.segmentCount) !== actual) {
      issues.push({
        level: 'transaction',
        code: '4',
        message: `SE01 declares ${tx.trailer.segmentCount} segments, found ${actual}`,
      });
    }
  }
  return { setId: tx.setId, controlNumber: tx.controlNumber, issues };
}
