import {
  element,
  optionalElement,
  type EdiAddress,
  type EdiParty,
  type RawSegment,
  type SegmentInput,
} from './types.js';

/** Reads every N1 loop (N1, N2, N3, N4) of a segment list, in order. */
export function parseParties(segments: readonly RawSegment[]): EdiParty[] {
  const parties: EdiParty[] = [];
  let open: EdiParty | null = null; // the party whose loop we are in; any segment outside N1-N4 closes it
  for (const segment of segments) {
    if (segment.tag === 'N1') {
      open = {
        entity: element(segment, 1),
        name: optionalElement(segment, 2),
        idQualifier: optionalElement(segment, 3),
        id: optionalElement(segment, 4),
        address: null,
      };
      parties.push(open);
    } else if (open && (segment.tag === 'N3' || segment.tag === 'N4')) {
      const address: EdiAddress = open.address ?? {
        lines: [],
        city: null,
        state: null,
        postalCode: null,
        country: null,
      };
      if (segment.tag === 'N3')
        address.lines.push(
          ...[optionalElement(segment, 1), optionalElement(segment, 2)].filter((v): v is string => v !== null),
        );
      else
        Object.assign(address, {
          city: optionalElement(segment, 1),
          state: optionalElement(segment, 2),
          postalCode: optionalElement(segment, 3),
          country: optionalElement(segment, 4),
        });
      open.address = address;
    } else if (segment.tag !== 'N2') {
      open = null;
    }
  }
  return parties;
}

/** The N1/N3/N4 segments of a party. */
export function partySegments(party: EdiParty): SegmentInput[] {
  const segments: SegmentInput[] = [['N1', party.entity, party.name, party.idQualifier, party.id]];
  if (party.address) {
    const [first, second, ...rest] = party.address.lines;
    if (first) segments.push(['N3', first, second]);
    if (rest.length) segments.push(['N3', rest.join(' ')]);
    segments.push(['N4', party.address.city, party.address.state, party.address.postalCode, party.address.country]);
  }
  return segments;
}
