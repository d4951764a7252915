// Where a new student sits: balanced tables, balanced teams, and the student's stated preference —
// honoured when it keeps the teams balanced, or deliberately avoided when the teacher asks for
// roles against preference (arguing a position one does not hold is the point of a role-play).
// Pure: the counts in, a seat out.
import { PARTY_IDS, type PartyId } from "../../shared/ids.ts";

export interface SeatChoice {
  table: number;
  party: PartyId;
}

/**
 * `counts[t][party]`: students now at table t in that party's team. Returns the seat for one more
 * student, or null when every team at every table has `teamSize` people.
 * Guarantees: the table chosen has the fewest students of the tables with room; the team chosen has
 * the fewest people at that table (so teams never differ by more than one as students arrive).
 */
export function chooseSeat(
  counts: ReadonlyArray<Readonly<Record<PartyId, number>>>,
  teamSize: number,
  preference: PartyId | null,
  againstPreference: boolean,
): SeatChoice | null {
  const total = (t: number) => PARTY_IDS.reduce((n, p) => n + counts[t]![p], 0);
  let best = -1;
  for (let t = 0; t < counts.length; t++) {
    if (!PARTY_IDS.some((p) => counts[t]![p] < teamSize)) continue;
    if (best < 0 || total(t) < total(best)) best = t;
  }
  if (best < 0) return null;
  const row = counts[best]!;
  const open = PARTY_IDS.filter((p) => row[p] < teamSize);
  const fewest = Math.min(...open.map((p) => row[p]));
  const candidates = open.filter((p) => row[p] === fewest);
  let party: PartyId;
  if (preference && !againstPreference && candidates.includes(preference)) party = preference;
  else {
    const others = againstPreference && preference ? candidates.filter((p) => p !== preference) : candidates;
    party = (others.length > 0 ? others : candidates)[0]!;
  }
  return { table: best, party };
}

/** Empty counts for `tables` tables. */
export function emptyCounts(tables: number): Record<PartyId, number>[] {
  return Array.from({ length: tables }, () => Object.fromEntries(PARTY_IDS.map((p) => [p, 0])) as Record<PartyId, number>);
}
