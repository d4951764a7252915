// The bot tournament: tables of bots with mixed personas, and the figures that say whether they
// negotiate well — agreement rate, Pareto and Nash distance of accepted bilateral deals, outcomes,
// win rates, persona against baseline agents seat for seat, and decision times per difficulty.
import { OUTCOME_IDS, PARTY_IDS, type OutcomeId, type PartyId } from "../ids.ts";
import type { Scenario } from "../scenario-schema.ts";
import type { Action } from "../actions.ts";
import { apply } from "../apply.ts";
import { createGame } from "../setup.ts";
import { Random, seedToRng } from "../rng.ts";
import { playGame, type Policy, type PlayedGame } from "../policies/policy.ts";
import { botPolicy, type BotTrace } from "./bot-policy.ts";
import { DIFFICULTIES, PERSONAS, type Difficulty, type Persona } from "./persona.ts";
import { BASELINES, baselinePolicy, type BaselineName } from "./baseline.ts";
import { dealEfficiency } from "./efficiency.ts";

export interface TournamentReport {
  games: number;
  seed: number;
  agreementRate: number;
  paretoDistance: number;
  nashDistance: number;
  socialWelfare: number;
  outcomes: Record<OutcomeId, number>;
  parties: Record<PartyId, { meanUtility: number; winRate: number }>;
  /** Persona minus baseline in the same seat, mean over paired games (see compareWithBaselines). */
  baselines: Record<Persona, Record<BaselineName, number>>;
  /** Standard error of each of those means. */
  baselineStdErr: Record<Persona, Record<BaselineName, number>>;
  /** Paired games behind each persona–baseline figure. */
  baselineGames: number;
  decisionMs: Record<Difficulty, { p50: number; p99: number }>;
  /** Bot actions the rules refused, over every game played (should be none). */
  refusedActions: number;
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;
const median = (xs: number[]) => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const percentile = (xs: number[], p: number) => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};

/** Mixed personas for a table, drawn from the game's seed. */
export function tablePersonas(seed: number): Record<PartyId, Persona> {
  const random = new Random(seedToRng(seed * 31 + 7));
  return Object.fromEntries(PARTY_IDS.map((p) => [p, random.pick(PERSONAS)])) as Record<PartyId, Persona>;
}

function botTable(seed: number, difficulty: Difficulty, trace?: (t: BotTrace) => void): Record<PartyId, Policy> {
  const personas = tablePersonas(seed);
  return Object.fromEntries(PARTY_IDS.map((p) => [p, botPolicy({ party: p, persona: personas[p], difficulty, seed }, trace)])) as Record<PartyId, Policy>;
}

let refused = 0;
function play(scenario: Scenario, seed: number, seats: Record<PartyId, Policy>): PlayedGame {
  const played = playGame(scenario, { seed }, seats);
  if (!played.ok) throw new Error(played.error.message);
  refused += played.value.refused;
  return played.value;
}

/** Replays a game and measures every accepted bilateral deal at the moment it was accepted. */
function measureDeals(scenario: Scenario, game: PlayedGame): Array<{ pareto: number; nash: number }> {
  const created = createGame(scenario, game.log.options);
  if (!created.ok) return [];
  let state = created.value;
  const out: Array<{ pareto: number; nash: number }> = [];
  for (const action of game.log.actions as Action[]) {
    if (action.type === "accept") {
      const offer = state.offers.find((o) => o.id === action.offerId);
      const binds = offer && offer.recipients.length === 1;
      if (binds && offer) {
        const e = dealEfficiency(scenario, state, offer);
        if (e) out.push(e);
      }
    }
    const next = apply(scenario, state, action);
    if (next.ok) state = next.value;
  }
  return out;
}

/** Paired games per persona–baseline figure for a tournament of `games` tables: a whole number of
 * rounds through the six seats. */
export function baselineGames(games: number): number {
  return Math.max(6, Math.ceil(games / 2 / 6) * 6);
}

export interface BaselinePair {
  /** The game's seed: the same table, event deck and flare-up draws for every entrant. */
  seed: number;
  /** The one seat swapped; the other five keep the table's bots. */
  seat: PartyId;
  persona: Record<Persona, number>;
  baseline: Record<BaselineName, number>;
}

/**
 * Each persona against each baseline agent, seat for seat, as a paired comparison: for every game
 * seed, the same table of bots is played once with each persona and once with each baseline agent
 * in one seat (the seats take turns), and the figure is the mean over those seeds of persona score
 * minus baseline score in that seat. Pairing on the seed removes the table, the event deck and the
 * flare-up draws from the difference. A persona's game does not depend on the baseline it is
 * compared with, so each is played once per seed and reused for all three comparisons.
 */
export function compareWithBaselines(
  scenario: Scenario,
  pairs: number,
  seed: number,
): { pairs: BaselinePair[]; mean: TournamentReport["baselines"]; stdErr: TournamentReport["baselineStdErr"] } {
  const names = Object.keys(BASELINES) as BaselineName[];
  const out: BaselinePair[] = [];
  for (let g = 0; g < pairs; g++) {
    const gameSeed = seed + 100_000 + g;
    const seat = PARTY_IDS[g % PARTY_IDS.length]!;
    const scoreWith = (policy: Policy) => {
      const seats = botTable(gameSeed, "normal");
      seats[seat] = policy;
      return play(scenario, gameSeed, seats).state.scores?.[seat].total ?? 0;
    };
    const persona = Object.fromEntries(PERSONAS.map((p) => [p, scoreWith(botPolicy({ party: seat, persona: p, difficulty: "normal", seed: gameSeed }))])) as Record<Persona, number>;
    const baseline = Object.fromEntries(names.map((b) => [b, scoreWith(baselinePolicy(b))])) as Record<BaselineName, number>;
    out.push({ seed: gameSeed, seat, persona, baseline });
  }
  const mean = {} as TournamentReport["baselines"];
  const stdErr = {} as TournamentReport["baselineStdErr"];
  for (const p of PERSONAS) {
    mean[p] = {} as Record<BaselineName, number>;
    stdErr[p] = {} as Record<BaselineName, number>;
    for (const b of names) {
      const diffs = out.map((x) => x.persona[p] - x.baseline[b]);
      const m = diffs.reduce((n, d) => n + d, 0) / Math.max(1, diffs.length);
      const variance = diffs.reduce((n, d) => n + (d - m) ** 2, 0) / Math.max(1, diffs.length - 1);
      mean[p][b] = round3(m);
      stdErr[p][b] = round3(Math.sqrt(variance / Math.max(1, diffs.length)));
    }
  }
  return { pairs: out, mean, stdErr };
}

export function runTournament(scenario: Scenario, games: number, seed: number): TournamentReport {
  refused = 0;
  const timings: Record<Difficulty, number[]> = { easy: [], normal: [], hard: [] };
  const outcomes = Object.fromEntries(OUTCOME_IDS.map((o) => [o, 0])) as Record<OutcomeId, number>;
  const totals = Object.fromEntries(PARTY_IDS.map((p) => [p, { score: 0, wins: 0 }])) as Record<PartyId, { score: number; wins: number }>;
  let made = 0;
  let accepted = 0;
  let welfare = 0;
  const pareto: number[] = [];
  const nash: number[] = [];

  for (let g = 0; g < games; g++) {
    const game = play(scenario, seed + g, botTable(seed + g, "normal", (t) => timings.normal.push(t.ms)));
    const s = game.state;
    if (s.outcome) outcomes[s.outcome]++;
    made += s.offers.length;
    accepted += s.offers.filter((o) => o.status === "accepted").length;
    for (const p of PARTY_IDS) {
      totals[p].score += s.scores?.[p].total ?? 0;
      if (s.winners.includes(p)) totals[p].wins += 1 / s.winners.length;
      welfare += s.scores?.[p].total ?? 0;
    }
    for (const e of measureDeals(scenario, game)) {
      pareto.push(e.pareto);
      nash.push(e.nash);
    }
  }

  const comparison = compareWithBaselines(scenario, baselineGames(games), seed);

  // Decision times at the other difficulties, on a few tables.
  const timingGames = Math.max(2, Math.ceil(games / 25));
  for (const difficulty of DIFFICULTIES) {
    if (difficulty === "normal") continue;
    for (let g = 0; g < timingGames; g++) play(scenario, seed + 200_000 + g, botTable(seed + 200_000 + g, difficulty, (t) => timings[difficulty].push(t.ms)));
  }

  const n = Math.max(1, games);
  return {
    games,
    seed,
    agreementRate: round3(made > 0 ? accepted / made : 0),
    paretoDistance: round3(median(pareto)),
    nashDistance: round3(median(nash)),
    socialWelfare: round3(welfare / n),
    outcomes,
    parties: Object.fromEntries(PARTY_IDS.map((p) => [p, { meanUtility: round3(totals[p].score / n), winRate: round3(totals[p].wins / n) }])) as TournamentReport["parties"],
    baselines: comparison.mean,
    baselineStdErr: comparison.stdErr,
    baselineGames: comparison.pairs.length,
    decisionMs: Object.fromEntries(
      DIFFICULTIES.map((d) => [d, { p50: round3(percentile(timings[d], 0.5)), p99: round3(percentile(timings[d], 0.99)) }]),
    ) as TournamentReport["decisionMs"],
    refusedActions: refused,
  };
}
