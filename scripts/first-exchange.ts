// npm run first-exchange -- --games N --seed S [--passive] [--json]
// How early the first, transactional exchange happens: plays tables of normal bots with mixed
// personas (as the tournament does) and greedy tables (as the simulator does), and prints in what
// share of games all 20 living hostages were freed — and all 1,950 detainees released — by the end
// of week 1, 2 and 3, and at all, with the outcomes of the same games. --passive: every seat hands
// in no decisions (the deadline's stand-in decides). The same arguments give the same figures.
import { greedyPolicy, OUTCOME_IDS, passiveDecisions, PARTY_IDS, playGame, type GameState, type OutcomeId, type PartyId, type Policy, type Scenario } from "../shared/index.ts";
import { botPolicy, tablePersonas } from "../shared/bots/index.ts";
import { fail, parseFlags } from "./cli-args.ts";
import { scenarioFromFile } from "./scenario-file.ts";

const flags = parseFlags(process.argv.slice(2), { games: "number", seed: "number", scenario: "string", json: "boolean", passive: "boolean" });
const games = flags.games ?? 100;
const seed = flags.seed ?? 1;
if (!Number.isInteger(games) || games < 1 || games > 100_000) fail("--games must be a whole number from 1 to 100,000");
if (!Number.isSafeInteger(seed)) fail("--seed must be a whole number");
const scenario: Scenario = scenarioFromFile(flags.scenario);

/** The week by whose end the predicate first held, or null if it never did. */
function weekReached(state: GameState, holds: (tracks: GameState["tracks"]) => boolean): number | null {
  return state.history.find((r) => holds(r.tracks))?.round ?? null;
}

interface Figures {
  games: number;
  hostagesByWeek: { 1: number; 2: number; 3: number; ever: number };
  detaineesByWeek: { 1: number; 2: number; 3: number; ever: number };
  /** Share of games ending in each outcome. */
  outcomes: Record<OutcomeId, number>;
}

function measure(table: (gameSeed: number) => Record<PartyId, Policy>): Figures {
  const hostages: Array<number | null> = [];
  const detainees: Array<number | null> = [];
  const outcomes = Object.fromEntries(OUTCOME_IDS.map((o) => [o, 0])) as Record<OutcomeId, number>;
  for (let i = 0; i < games; i++) {
    const played = playGame(scenario, { seed: seed + i }, table(seed + i));
    if (!played.ok) fail(played.error.message);
    const s = played.value.state;
    hostages.push(weekReached(s, (t) => t.hostagesReleased >= scenario.tracks.hostagesReleased.max));
    detainees.push(weekReached(s, (t) => t.detaineesReleased >= scenario.tracks.detaineesReleased.max));
    if (s.outcome) outcomes[s.outcome] += 1 / games;
  }
  const share = (weeks: Array<number | null>, by: number) => Math.round((1000 * weeks.filter((w) => w !== null && w <= by).length) / games) / 1000;
  const row = (weeks: Array<number | null>) => ({ 1: share(weeks, 1), 2: share(weeks, 2), 3: share(weeks, 3), ever: share(weeks, Infinity) });
  for (const o of OUTCOME_IDS) outcomes[o] = Math.round(outcomes[o] * 1000) / 1000;
  return { games, hostagesByWeek: row(hostages), detaineesByWeek: row(detainees), outcomes };
}

const wrap = (p: Policy) => (flags.passive ? passiveDecisions(p) : p);
const bots = measure((gameSeed) => {
  const personas = tablePersonas(gameSeed);
  return Object.fromEntries(PARTY_IDS.map((p) => [p, wrap(botPolicy({ party: p, persona: personas[p], difficulty: "normal", seed: gameSeed }))])) as Record<PartyId, Policy>;
});
const greedy = measure(() => Object.fromEntries(PARTY_IDS.map((p) => [p, wrap(greedyPolicy)])) as Record<PartyId, Policy>);

if (flags.json) process.stdout.write(JSON.stringify({ games, seed, passive: flags.passive ?? false, bots, greedy }) + "\n");
else {
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`.padStart(7);
  const line = (label: string, r: Figures["hostagesByWeek"]) => `  ${label.padEnd(34)} ${pct(r[1])} ${pct(r[2])} ${pct(r[3])} ${pct(r.ever)}`;
  process.stdout.write(
    [
      `Ceasefire Table first exchange: ${games} games per table kind, seed ${seed}${flags.passive ? ", passive decisions at every seat" : ""}`,
      "",
      `  ${"share of games, by the end of".padEnd(34)} ${"week 1".padStart(7)} ${"week 2".padStart(7)} ${"week 3".padStart(7)} ${"ever".padStart(7)}`,
      line("normal bots: all 20 hostages freed", bots.hostagesByWeek),
      line("normal bots: all 1,950 detainees", bots.detaineesByWeek),
      line("greedy: all 20 hostages freed", greedy.hostagesByWeek),
      line("greedy: all 1,950 detainees", greedy.detaineesByWeek),
      "",
      `  ${"outcomes".padEnd(34)} ${OUTCOME_IDS.map((o) => o.replaceAll("_", " ").padStart(18)).join("")}`,
      `  ${"normal bots".padEnd(34)} ${OUTCOME_IDS.map((o) => pct(bots.outcomes[o]).padStart(18)).join("")}`,
      `  ${"greedy".padEnd(34)} ${OUTCOME_IDS.map((o) => pct(greedy.outcomes[o]).padStart(18)).join("")}`,
    ].join("\n") + "\n",
  );
}
