// npm run tournament -- --games N --seed S [--json]
// Plays tables of bots with mixed personas and reports how well they negotiate.
import { OUTCOME_IDS, PARTY_IDS } from "../shared/index.ts";
import { BASELINES, DIFFICULTIES, PERSONAS, runTournament } from "../shared/bots/index.ts";
import { fail, parseFlags } from "./cli-args.ts";
import { scenarioFromFile } from "./scenario-file.ts";

const flags = parseFlags(process.argv.slice(2), { games: "number", seed: "number", scenario: "string", json: "boolean" });
const games = flags.games ?? 100;
const seed = flags.seed ?? 1;
if (!Number.isInteger(games) || games < 1 || games > 100_000) fail("--games must be a whole number from 1 to 100,000");
if (!Number.isSafeInteger(seed)) fail("--seed must be a whole number");
const scenario = scenarioFromFile(flags.scenario);
const report = runTournament(scenario, games, seed);

if (flags.json) process.stdout.write(JSON.stringify(report) + "\n");
else {
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const lines = [
    `Ceasefire Table bot tournament: ${games} tables of normal bots with mixed personas, seed ${seed}`,
    "",
    `Agreement rate (accepted / made)        ${pct(report.agreementRate)}`,
    `Median distance to the Pareto frontier  ${report.paretoDistance.toFixed(3)}`,
    `Median distance to the Nash point       ${report.nashDistance.toFixed(3)}`,
    `Social welfare (sum of scores)          ${report.socialWelfare.toFixed(1)}`,
    `Bot actions refused by the rules        ${report.refusedActions}`,
    "",
    "Outcomes",
    ...OUTCOME_IDS.map((o) => `  ${o.padEnd(20)} ${String(report.outcomes[o]).padStart(6)}  ${pct(report.outcomes[o] / games).padStart(6)}`),
    "",
    "Parties                mean utility   win rate",
    ...PARTY_IDS.map((p) => `  ${p.padEnd(20)} ${report.parties[p].meanUtility.toFixed(1).padStart(12)}   ${pct(report.parties[p].winRate).padStart(7)}`),
    "",
    `Persona against baseline in its seat (mean score difference over ${report.baselineGames} paired games, ± standard error; positive: the persona wins)`,
    `  ${"".padEnd(12)}${Object.keys(BASELINES).map((b) => b.padStart(13)).join("")}`,
    ...PERSONAS.map((p) => `  ${p.padEnd(12)}${Object.keys(BASELINES).map((b) => `${report.baselines[p][b as keyof typeof BASELINES].toFixed(1)} ±${report.baselineStdErr[p][b as keyof typeof BASELINES].toFixed(1)}`.padStart(13)).join("")}`),
    "",
    "Decision time per bot move (ms)",
    ...DIFFICULTIES.map((d) => `  ${d.padEnd(8)} p50 ${report.decisionMs[d].p50.toFixed(2).padStart(7)}   p99 ${report.decisionMs[d].p99.toFixed(2).padStart(7)}`),
  ];
  process.stdout.write(lines.join("\n") + "\n");
}
