// Does wrecking the table pay? For each seed and seat, the same table of normal bots is played with
// the normal bot in that seat and with each scripted exploit policy in it instead (paired seeds:
// same personas, event deck and flare-up draws), and the seat's score and win are compared.
import { PARTY_IDS, type PartyId } from "../ids.ts";
import type { Scenario } from "../scenario-schema.ts";
import { playGame, type Policy } from "../policies/policy.ts";
import { acceptThenBreakPolicy, lastWeekBetrayalPolicy } from "../policies/exploit-policies.ts";
import { normalBotTable } from "./thesis.ts";

export const SEAT_POLICIES = ["normal", "acceptThenBreak", "lastWeekBetrayal"] as const;
export type SeatPolicy = (typeof SEAT_POLICIES)[number];

export interface SeatResult {
  seed: number;
  seat: PartyId;
  policy: SeatPolicy;
  score: number;
  /** 1 for an outright win, 1/n for a tie of n, 0 otherwise. */
  win: number;
}

function seatPolicy(policy: SeatPolicy, seats: Record<PartyId, Policy>, seat: PartyId): Policy {
  if (policy === "acceptThenBreak") return acceptThenBreakPolicy;
  if (policy === "lastWeekBetrayal") return lastWeekBetrayalPolicy(seats[seat]);
  return seats[seat];
}

/** One seed: the normal table once (every seat's normal result), then each exploit in each seat. */
export function playSeed(scenario: Scenario, seed: number, seatsToTry: readonly PartyId[] = PARTY_IDS): SeatResult[] {
  const out: SeatResult[] = [];
  const run = (seats: Record<PartyId, Policy>) => {
    const played = playGame(scenario, { seed }, seats);
    if (!played.ok) throw new Error(played.error.message);
    return played.value.state;
  };
  const normal = run(normalBotTable(seed));
  for (const seat of seatsToTry) {
    const win = normal.winners.includes(seat) ? 1 / normal.winners.length : 0;
    out.push({ seed, seat, policy: "normal", score: normal.scores?.[seat].total ?? 0, win });
  }
  for (const policy of SEAT_POLICIES) {
    if (policy === "normal") continue;
    for (const seat of seatsToTry) {
      const seats = normalBotTable(seed);
      seats[seat] = seatPolicy(policy, seats, seat);
      const s = run(seats);
      out.push({ seed, seat, policy, score: s.scores?.[seat].total ?? 0, win: s.winners.includes(seat) ? 1 / s.winners.length : 0 });
    }
  }
  return out;
}

export interface SeatSummary {
  games: number;
  winRate: number;
  meanScore: number;
  /** Mean of (this policy's score − the normal bot's score) over the paired seeds, and its standard error. */
  scoreDiff: number;
  scoreDiffStdErr: number;
}

export function summariseSeats(rows: readonly SeatResult[]): Record<PartyId, Record<SeatPolicy, SeatSummary>> {
  const r3 = (v: number) => Math.round(v * 1000) / 1000;
  const out = {} as Record<PartyId, Record<SeatPolicy, SeatSummary>>;
  for (const seat of PARTY_IDS) {
    const normal = new Map(rows.filter((r) => r.seat === seat && r.policy === "normal").map((r) => [r.seed, r.score]));
    out[seat] = {} as Record<SeatPolicy, SeatSummary>;
    for (const policy of SEAT_POLICIES) {
      const mine = rows.filter((r) => r.seat === seat && r.policy === policy);
      const n = Math.max(1, mine.length);
      const diffs = mine.filter((r) => normal.has(r.seed)).map((r) => r.score - normal.get(r.seed)!);
      const m = diffs.reduce((a, d) => a + d, 0) / Math.max(1, diffs.length);
      const variance = diffs.reduce((a, d) => a + (d - m) ** 2, 0) / Math.max(1, diffs.length - 1);
      out[seat][policy] = {
        games: mine.length,
        winRate: r3(mine.reduce((a, r) => a + r.win, 0) / n),
        meanScore: r3(mine.reduce((a, r) => a + r.score, 0) / n),
        scoreDiff: r3(m),
        scoreDiffStdErr: r3(Math.sqrt(variance / Math.max(1, diffs.length))),
      };
    }
  }
  return out;
}
