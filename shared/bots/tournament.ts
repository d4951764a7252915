// The bot tournament: tables of bots with mixed personas, and the figures that say whether they
// negotiate well — agreement rate, Pareto and Nash distance of accepted bilateral deals against
// every package the rules allow up to a bundle size (efficiency.ts) beside a random-package null
// baseline, bundles and like-for-like deals, offers left unanswered at the end of a week, outcomes,
// win rates, persona against baseline agents seat for seat, scripted exploit policies against the
// normal bot seat for seat, and decision times per difficulty.
//
// A run is cut into units (one table, one baseline pair, one exploit seed, one timing table), each a
// pure function of the scenario, the first seed and its index, so the script can spread them over
// worker threads and still get the same report as playing them in order here.
import { OUTCOME_IDS, PARTY_IDS, type OutcomeId, type PartyId } from "../ids.ts";
import type { Scenario } from "../scenario-schema.ts";
import type { Action } from "../actions.ts";
import type { Offer } from "../state.ts";
import { apply } from "../apply.ts";
import { createGame } from "../setup.ts";
import { Random, seedToRng } from "../rng.ts";
import { likeForLike } from "../term-limits.ts";
import { playGame, type Policy, type PlayedGame } from "../policies/policy.ts";
import { greedyPolicy } from "../policies/greedy-policy.ts";
import { absentPolicy } from "../policies/passive-policy.ts";
import { acceptThenBreakPolicy, lastWeekBetrayalPolicy, offerSpamPolicy } from "../policies/exploit-policies.ts";
import { botPolicy, type BotTrace } from "./bot-policy.ts";
import { DIFFICULTIES, PERSONAS, type Difficulty, type Persona } from "./persona.ts";
import { BASELINES, baselinePolicy, type BaselineName } from "./baseline.ts";
import { dealEfficiency, EFFICIENCY_TERMS_EACH_WAY } from "./efficiency.ts";

/** Scripted policies that try to win by gaming the table rather than negotiating. */
export const EXPLOITS = ["offerSpam", "acceptThenBreak", "lastWeekBetrayal", "doNothing", "greedyCopy"] as const;
export type ExploitName = (typeof EXPLOITS)[number];

/** What each exploit does, for the report. */
export const EXPLOIT_LABELS: Record<ExploitName, string> = {
  offerSpam: "offer spam (~175 offers a week)",
  acceptThenBreak: "accept everything, then break it",
  lastWeekBetrayal: "last-week betrayal",
  doNothing: "do nothing (deadline stand-in decides)",
  greedyCopy: "greedy policy copied",
};

export interface TournamentOptions {
  /** Seeds on which every exploit is played in every seat (default: a fifth of the tables, at least 2). */
  exploitGames?: number;
  /** Paired seeds for the persona–baseline comparison (default: baselineGames(games)). */
  baselineGames?: number;
  /** Largest number of terms on each side of the packages efficiency is measured against. */
  termsEachWay?: number;
}

export interface TournamentReport {
  games: number;
  seed: number;
  agreementRate: number;
  /** Median over accepted bilateral deals (see `efficiency`). */
  paretoDistance: number;
  nashDistance: number;
  paretoDistanceP90: number;
  nashDistanceP90: number;
  /** Median Pareto distance of a package drawn at random among those both sides gain from, in the same spaces. */
  paretoNull: number;
  paretoNullP90: number;
  /** How the efficiency spaces were built. */
  efficiency: { method: "exhaustive enumeration"; termsEachWay: number; deals: number; medianPackages: number };
  socialWelfare: number;
  /** Accepted packages over all tables. */
  acceptedDeals: number;
  /** Share of accepted packages with two or more terms from some party. */
  bundleShare: number;
  /** Accepted packages that trade a term for the same term (term-limits.ts). */
  likeForLike: number;
  /** Offers still open, with a recipient that never answered, when a week's negotiation ended (all tables). */
  unansweredOffers: number;
  /** Bot reasons given, and how many of them show a raw utility figure (see RAW_NUMBER). */
  reasons: { total: number; rawNumbers: number };
  outcomes: Record<OutcomeId, number>;
  parties: Record<PartyId, { meanUtility: number; winRate: number }>;
  /** Persona minus baseline in the same seat, mean over paired games (see compareWithBaselines); empty when none were played. */
  baselines: Record<Persona, Record<BaselineName, number>>;
  /** Standard error of each of those means. */
  baselineStdErr: Record<Persona, Record<BaselineName, number>>;
  /** Paired games behind each persona–baseline figure. */
  baselineGames: number;
  /** Exploit's score minus the normal bot's in the same seat on the same seed, mean over seeds; only exploits played. */
  exploits: Partial<Record<ExploitName, Record<PartyId, number>>>;
  exploitStdErr: Partial<Record<ExploitName, Record<PartyId, number>>>;
  /** The normal bot's mean score in each seat over the exploit seeds. */
  exploitNormalMean: Record<PartyId, number>;
  /** Seeds behind each exploit–seat figure. */
  exploitGames: number;
  /** Per bot move, wall-clock, from the timing tables (timingGames) of each difficulty. */
  decisionMs: Record<Difficulty, { p50: number; p99: number; max: number }>;
  /** The same moves in processor time used (zeros when no CPU clock was given). */
  decisionCpuMs: Record<Difficulty, { p50: number; p99: number; max: number }>;
  /** Timing tables per difficulty. */
  timingGames: number;
  /** Bot actions the rules refused in the bot tables, baseline and timing games (should be none). */
  refusedActions: number;
}

/**
 * A utility figure shown raw in a reason: a number with a decimal point ("a net gain of 13.6"), or a
 * number straight after "net", "gain of" or "at least" ("at least 24"). Amounts in the catalogue
 * are whole numbers with their unit ("1,950 detainees", "$5bn"), so they do not match.
 */
export const RAW_NUMBER = /(?<![\d$])[−-]?\d+\.\d+(?!\s*(bn|billion|%))|\b(net|gain of|at least)\s+(gain\s+)?(of\s+)?[−-]?\d/i;

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
const meanAndStdErr = (xs: number[]) => {
  const m = xs.reduce((n, d) => n + d, 0) / Math.max(1, xs.length);
  const variance = xs.reduce((n, d) => n + (d - m) ** 2, 0) / Math.max(1, xs.length - 1);
  return { mean: round3(m), stdErr: round3(Math.sqrt(variance / Math.max(1, xs.length))) };
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

/**
 * Answers a seat may give each week: as many as the server's bots (server/bot-driver.ts), so every
 * tournament game runs at the server's pace — a bot answers what awaits it, even once it is done
 * proposing — and an offer left unanswered is the bot's doing, not the loop's.
 */
export const ANSWERS_PER_WEEK = 60;

function play(scenario: Scenario, seed: number, seats: Record<PartyId, Policy>): PlayedGame {
  const played = playGame(scenario, { seed }, seats, { answersPerWeek: ANSWERS_PER_WEEK });
  if (!played.ok) throw new Error(played.error.message);
  return played.value;
}

const score = (game: PlayedGame, seat: PartyId) => game.state.scores?.[seat].total ?? 0;

/** Two or more terms from one party: a bundle rather than a one-for-one trade. */
export function isBundle(offer: Offer): boolean {
  return PARTY_IDS.some((p) => offer.obligations.filter((o) => o.party === p).length >= 2);
}

interface GameMeasures {
  pareto: number[];
  nash: number[];
  nullPareto: number[];
  packages: number[];
  unanswered: number;
}

/**
 * Replays a game: measures every accepted bilateral deal at the moment it was accepted, and counts
 * the offers still open with a recipient that never answered when each week's negotiation ended.
 */
export function measureTableGame(scenario: Scenario, game: PlayedGame, termsEachWay = EFFICIENCY_TERMS_EACH_WAY): GameMeasures {
  const out: GameMeasures = { pareto: [], nash: [], nullPareto: [], packages: [], unanswered: 0 };
  const created = createGame(scenario, game.log.options);
  if (!created.ok) return out;
  let state = created.value;
  // The null baseline's draws: seeded from the game, apart from the game's and the bots' randomness.
  const random = new Random(seedToRng(game.log.options.seed * 7919 + 13));
  for (const action of game.log.actions as Action[]) {
    if (action.type === "accept") {
      const offer = state.offers.find((o) => o.id === action.offerId);
      if (offer && offer.recipients.length === 1) {
        const e = dealEfficiency(scenario, state, offer, termsEachWay, random);
        if (e) {
          out.pareto.push(e.pareto);
          out.nash.push(e.nash);
          out.packages.push(e.packages);
          if (e.nullPareto !== null) out.nullPareto.push(e.nullPareto);
        }
      }
    }
    const next = apply(scenario, state, action);
    if (!next.ok) continue;
    if (state.stage === "negotiation" && next.value.stage !== "negotiation")
      out.unanswered += state.offers.filter((o) => o.status === "open" && o.recipients.some((r) => !o.acceptedBy.includes(r))).length;
    state = next.value;
  }
  return out;
}

export interface BaselinePair {
  /** The game's seed: the same table, event deck and flare-up draws for every entrant. */
  seed: number;
  /** The one seat swapped; the other five keep the table's bots. */
  seat: PartyId;
  persona: Record<Persona, number>;
  /** Each baseline's score, taking the secret decisions of each persona's normal bot. */
  baseline: Record<Persona, Record<BaselineName, number>>;
}

/** Paired games per persona–baseline figure for a tournament of `games` tables: a whole number of rounds through the six seats. */
export function baselineGames(games: number): number {
  return Math.max(6, Math.ceil(games / 4 / 6) * 6);
}

/** The default number of exploit seeds for a tournament of `games` tables. */
export function defaultExploitGames(games: number): number {
  return Math.min(games, Math.max(2, Math.ceil(games / 5)));
}

/** One baseline pair: the seat takes turns; each persona, and each baseline with that persona's decisions. */
export function playBaselinePair(scenario: Scenario, seed: number, index: number): { pair: BaselinePair; refused: number } {
  const names = Object.keys(BASELINES) as BaselineName[];
  const gameSeed = seed + 100_000 + index;
  const seat = PARTY_IDS[index % PARTY_IDS.length]!;
  let refused = 0;
  const scoreWith = (policy: Policy) => {
    const seats = botTable(gameSeed, "normal");
    seats[seat] = policy;
    const game = play(scenario, gameSeed, seats);
    refused += game.refused;
    return score(game, seat);
  };
  const persona = {} as BaselinePair["persona"];
  const baseline = {} as BaselinePair["baseline"];
  for (const p of PERSONAS) {
    const config = { party: seat, persona: p, difficulty: "normal" as const, seed: gameSeed };
    persona[p] = scoreWith(botPolicy(config));
    baseline[p] = Object.fromEntries(names.map((b) => [b, scoreWith(baselinePolicy(b, config))])) as Record<BaselineName, number>;
  }
  return { pair: { seed: gameSeed, seat, persona, baseline }, refused };
}

function summariseBaselines(pairs: BaselinePair[]): { mean: TournamentReport["baselines"]; stdErr: TournamentReport["baselineStdErr"] } {
  const mean = {} as TournamentReport["baselines"];
  const stdErr = {} as TournamentReport["baselineStdErr"];
  if (pairs.length === 0) return { mean, stdErr };
  for (const p of PERSONAS) {
    mean[p] = {} as Record<BaselineName, number>;
    stdErr[p] = {} as Record<BaselineName, number>;
    for (const b of Object.keys(BASELINES) as BaselineName[]) {
      const s = meanAndStdErr(pairs.map((x) => x.persona[p] - x.baseline[p][b]));
      mean[p][b] = s.mean;
      stdErr[p][b] = s.stdErr;
    }
  }
  return { mean, stdErr };
}

/**
 * Each persona against each baseline agent, seat for seat, as a paired comparison: for every game
 * seed, the same table of bots is played with each persona in one seat (the seats take turns) and
 * with each baseline agent in it taking that persona's secret decisions, and the figure is the mean
 * over those seeds of persona score minus baseline score. Pairing on the seed removes the table, the
 * event deck and the flare-up draws from the difference; sharing the decisions leaves negotiation.
 */
export function compareWithBaselines(scenario: Scenario, pairs: number, seed: number): { pairs: BaselinePair[]; mean: TournamentReport["baselines"]; stdErr: TournamentReport["baselineStdErr"] } {
  const out = Array.from({ length: pairs }, (_, g) => playBaselinePair(scenario, seed, g).pair);
  return { pairs: out, ...summariseBaselines(out) };
}

/** The exploit in a seat whose normal bot is `normal`. */
export function exploitPolicy(name: ExploitName, normal: Policy): Policy {
  switch (name) {
    case "offerSpam":
      return offerSpamPolicy(normal);
    case "acceptThenBreak":
      return acceptThenBreakPolicy;
    case "lastWeekBetrayal":
      return lastWeekBetrayalPolicy(normal);
    case "doNothing":
      return absentPolicy;
    case "greedyCopy":
      return greedyPolicy;
  }
}

export interface ExploitRow {
  seed: number;
  exploit: ExploitName;
  seat: PartyId;
  score: number;
}

/** One seed: every exploit (of `exploits`) in every seat, the other five seats keeping the table's normal bots. */
export function playExploits(scenario: Scenario, gameSeed: number, exploits: readonly ExploitName[] = EXPLOITS): ExploitRow[] {
  const rows: ExploitRow[] = [];
  for (const exploit of exploits)
    for (const seat of PARTY_IDS) {
      const seats = botTable(gameSeed, "normal");
      seats[seat] = exploitPolicy(exploit, seats[seat]);
      rows.push({ seed: gameSeed, exploit, seat, score: score(play(scenario, gameSeed, seats), seat) });
    }
  return rows;
}

/** One table of normal bots and everything measured on it. */
export interface TableResult {
  seed: number;
  outcome: OutcomeId | null;
  made: number;
  accepted: number;
  bundles: number;
  likeForLike: number;
  scores: Record<PartyId, number>;
  /** 1 for an outright win, 1/n for a tie of n. */
  wins: Record<PartyId, number>;
  measures: GameMeasures;
  reasons: number;
  rawNumberReasons: number;
  refused: number;
}

export function playTable(scenario: Scenario, gameSeed: number, termsEachWay = EFFICIENCY_TERMS_EACH_WAY): TableResult {
  let reasons = 0;
  let raw = 0;
  const game = play(
    scenario,
    gameSeed,
    botTable(gameSeed, "normal", (t) => {
      reasons++;
      if (RAW_NUMBER.test(t.reason)) raw++;
    }),
  );
  const s = game.state;
  const accepted = s.offers.filter((o) => o.status === "accepted");
  return {
    seed: gameSeed,
    outcome: s.outcome ?? null,
    made: s.offers.length,
    accepted: accepted.length,
    bundles: accepted.filter(isBundle).length,
    likeForLike: accepted.filter((o) => likeForLike(o.proposer, o.obligations) !== null).length,
    scores: Object.fromEntries(PARTY_IDS.map((p) => [p, score(game, p)])) as Record<PartyId, number>,
    wins: Object.fromEntries(PARTY_IDS.map((p) => [p, s.winners.includes(p) ? 1 / s.winners.length : 0])) as Record<PartyId, number>,
    measures: measureTableGame(scenario, game, termsEachWay),
    reasons,
    rawNumberReasons: raw,
    refused: game.refused,
  };
}

export type TournamentUnit = { kind: "table" | "pair" | "exploit" | "timing"; index: number };
export type UnitResult =
  | { kind: "table"; index: number; table: TableResult }
  | { kind: "pair"; index: number; pair: BaselinePair; refused: number }
  | { kind: "exploit"; index: number; rows: ExploitRow[] }
  | { kind: "timing"; index: number; decisionMs: Record<Difficulty, number[]>; decisionCpuMs: Record<Difficulty, number[]>; refused: number };

/**
 * Tables for decision times, every difficulty. They are played apart from the rest (the script
 * plays them in its main thread once the workers are done), so the times are not those of a bot
 * sharing its core with the tournament's other games.
 */
export const timingGames = (games: number) => Math.max(2, Math.ceil(games / 25));

export function resolvedOptions(games: number, options: TournamentOptions = {}): Required<TournamentOptions> {
  return {
    exploitGames: Math.min(games, options.exploitGames ?? defaultExploitGames(games)),
    baselineGames: options.baselineGames ?? baselineGames(games),
    termsEachWay: options.termsEachWay ?? EFFICIENCY_TERMS_EACH_WAY,
  };
}

/** Every unit of a run, with a rough cost in games played (for spreading them over workers). */
export function tournamentUnits(games: number, options: TournamentOptions = {}): Array<TournamentUnit & { cost: number }> {
  const o = resolvedOptions(games, options);
  const units: Array<TournamentUnit & { cost: number }> = [];
  for (let i = 0; i < games; i++) units.push({ kind: "table", index: i, cost: 1.5 });
  for (let i = 0; i < o.baselineGames; i++) units.push({ kind: "pair", index: i, cost: PERSONAS.length * (1 + Object.keys(BASELINES).length) });
  for (let i = 0; i < o.exploitGames; i++) units.push({ kind: "exploit", index: i, cost: EXPLOITS.length * PARTY_IDS.length * 1.5 });
  for (let i = 0; i < timingGames(games); i++) units.push({ kind: "timing", index: i, cost: DIFFICULTIES.length });
  return units;
}

/**
 * `cpuClock`: milliseconds of processor time used by this process, for decision times that leave
 * out the moments the machine gave the processor to other work (the script passes Node's
 * process.cpuUsage; without one, CPU times are not recorded).
 */
export function playUnit(scenario: Scenario, seed: number, unit: TournamentUnit, options: TournamentOptions = {}, cpuClock?: () => number): UnitResult {
  const termsEachWay = options.termsEachWay ?? EFFICIENCY_TERMS_EACH_WAY;
  switch (unit.kind) {
    case "table":
      return { kind: "table", index: unit.index, table: playTable(scenario, seed + unit.index, termsEachWay) };
    case "pair":
      return { kind: "pair", index: unit.index, ...playBaselinePair(scenario, seed, unit.index) };
    case "exploit":
      // The exploit seeds are the first tables' seeds, so each is paired with that table's normal game.
      return { kind: "exploit", index: unit.index, rows: playExploits(scenario, seed + unit.index) };
    case "timing": {
      const decisionMs = { easy: [], normal: [], hard: [] } as Record<Difficulty, number[]>;
      const decisionCpuMs = { easy: [], normal: [], hard: [] } as Record<Difficulty, number[]>;
      let refused = 0;
      for (const difficulty of DIFFICULTIES) {
        const gameSeed = seed + 200_000 + unit.index;
        // Each bot move timed around the whole policy call (its view, its decision, its note).
        const timed = (policy: Policy): Policy => {
          const measure = <T>(f: () => T): T => {
            const wall = performance.now();
            const cpu = cpuClock?.() ?? 0;
            const out = f();
            decisionMs[difficulty].push(performance.now() - wall);
            if (cpuClock) decisionCpuMs[difficulty].push(cpuClock() - cpu);
            return out;
          };
          return { ...policy, negotiate: (ctx) => measure(() => policy.negotiate(ctx)), decide: (ctx) => measure(() => policy.decide(ctx)) };
        };
        const seats = botTable(gameSeed, difficulty);
        for (const p of PARTY_IDS) seats[p] = timed(seats[p]);
        refused += play(scenario, gameSeed, seats).refused;
      }
      return { kind: "timing", index: unit.index, decisionMs, decisionCpuMs, refused };
    }
  }
}

export function summariseTournament(games: number, seed: number, options: TournamentOptions, results: readonly UnitResult[]): TournamentReport {
  const o = resolvedOptions(games, options);
  const of = <K extends UnitResult["kind"]>(kind: K) =>
    results.filter((r): r is Extract<UnitResult, { kind: K }> => r.kind === kind).sort((a, b) => a.index - b.index);
  const tables = of("table").map((r) => r.table);
  const pairs = of("pair");
  const exploitRows = of("exploit").flatMap((r) => r.rows);
  const timing = of("timing");

  const outcomes = Object.fromEntries(OUTCOME_IDS.map((id) => [id, 0])) as Record<OutcomeId, number>;
  for (const t of tables) if (t.outcome) outcomes[t.outcome]++;
  const sum = (f: (t: TableResult) => number) => tables.reduce((n, t) => n + f(t), 0);
  const made = sum((t) => t.made);
  const accepted = sum((t) => t.accepted);
  const pareto = tables.flatMap((t) => t.measures.pareto);
  const nash = tables.flatMap((t) => t.measures.nash);
  const nullPareto = tables.flatMap((t) => t.measures.nullPareto);
  const n = Math.max(1, tables.length);

  const normalBySeed = new Map(tables.map((t) => [t.seed, t.scores]));
  const exploits = {} as TournamentReport["exploits"];
  const exploitStdErr = {} as TournamentReport["exploitStdErr"];
  for (const e of EXPLOITS) {
    if (!exploitRows.some((r) => r.exploit === e)) continue;
    exploits[e] = {} as Record<PartyId, number>;
    exploitStdErr[e] = {} as Record<PartyId, number>;
    for (const seat of PARTY_IDS) {
      const diffs = exploitRows.filter((r) => r.exploit === e && r.seat === seat && normalBySeed.has(r.seed)).map((r) => r.score - normalBySeed.get(r.seed)![seat]);
      const s = meanAndStdErr(diffs);
      exploits[e][seat] = s.mean;
      exploitStdErr[e][seat] = s.stdErr;
    }
  }
  const exploitSeeds = [...new Set(exploitRows.map((r) => r.seed))];
  const exploitNormalMean = Object.fromEntries(
    PARTY_IDS.map((p) => [p, round3(exploitSeeds.reduce((m, s) => m + (normalBySeed.get(s)?.[p] ?? 0), 0) / Math.max(1, exploitSeeds.length))]),
  ) as Record<PartyId, number>;

  const timings: Record<Difficulty, number[]> = { easy: [], normal: [], hard: [] };
  const cpuTimings: Record<Difficulty, number[]> = { easy: [], normal: [], hard: [] };
  for (const t of timing)
    for (const d of DIFFICULTIES) {
      timings[d].push(...t.decisionMs[d]);
      cpuTimings[d].push(...t.decisionCpuMs[d]);
    }
  const spread = (xs: number[]) => ({ p50: round3(percentile(xs, 0.5)), p99: round3(percentile(xs, 0.99)), max: round3(Math.max(0, ...xs)) });
  const baseline = summariseBaselines(pairs.map((p) => p.pair));

  return {
    games,
    seed,
    agreementRate: round3(made > 0 ? accepted / made : 0),
    paretoDistance: round3(median(pareto)),
    nashDistance: round3(median(nash)),
    paretoDistanceP90: round3(percentile(pareto, 0.9)),
    nashDistanceP90: round3(percentile(nash, 0.9)),
    paretoNull: round3(median(nullPareto)),
    paretoNullP90: round3(percentile(nullPareto, 0.9)),
    efficiency: { method: "exhaustive enumeration", termsEachWay: o.termsEachWay, deals: pareto.length, medianPackages: median(tables.flatMap((t) => t.measures.packages)) },
    socialWelfare: round3(sum((t) => PARTY_IDS.reduce((m, p) => m + t.scores[p], 0)) / n),
    acceptedDeals: accepted,
    bundleShare: round3(accepted > 0 ? sum((t) => t.bundles) / accepted : 0),
    likeForLike: sum((t) => t.likeForLike),
    unansweredOffers: sum((t) => t.measures.unanswered),
    reasons: { total: sum((t) => t.reasons), rawNumbers: sum((t) => t.rawNumberReasons) },
    outcomes,
    parties: Object.fromEntries(
      PARTY_IDS.map((p) => [p, { meanUtility: round3(sum((t) => t.scores[p]) / n), winRate: round3(sum((t) => t.wins[p]) / n) }]),
    ) as TournamentReport["parties"],
    baselines: baseline.mean,
    baselineStdErr: baseline.stdErr,
    baselineGames: pairs.length,
    exploits,
    exploitStdErr,
    exploitNormalMean,
    exploitGames: Math.min(o.exploitGames, exploitSeeds.length),
    decisionMs: Object.fromEntries(
      DIFFICULTIES.map((d) => [d, spread(timings[d])]),
    ) as TournamentReport["decisionMs"],
    decisionCpuMs: Object.fromEntries(DIFFICULTIES.map((d) => [d, spread(cpuTimings[d])])) as TournamentReport["decisionMs"],
    timingGames: timing.length,
    refusedActions: sum((t) => t.refused) + pairs.reduce((m, p) => m + p.refused, 0) + timing.reduce((m, t) => m + t.refused, 0),
  };
}

/** The whole tournament in this thread (scripts/tournament.ts spreads the same units over workers). */
export function runTournament(scenario: Scenario, games: number, seed: number, options: TournamentOptions = {}): TournamentReport {
  const results = tournamentUnits(games, options).map((u) => playUnit(scenario, seed, u, options));
  return summariseTournament(games, seed, options, results);
}
