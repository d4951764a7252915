// npm run tournament -- --games N --seed S [--json] [--workers 2] [--exploit-games E] [--baseline-games B] [--bundle-terms K] [--scenario file.json]
// Plays tables of bots with mixed personas and reports how well they negotiate, how they fare
// against baseline agents and scripted exploits seat for seat, and which of the targets set for the
// bots the figures meet. The work is spread over worker threads; the report does not depend on how
// many (decision times aside).
import { OUTCOME_IDS, PARTY_IDS } from "../shared/index.ts";
import { BASELINES, DIFFICULTIES, EXPLOITS, EXPLOIT_LABELS, PERSONAS, playTable, playUnit, summariseTournament, tournamentUnits, type TournamentOptions, type TournamentReport, type UnitResult } from "../shared/bots/index.ts";
import { fail, parseFlags, runSize } from "./cli-args.ts";
import { runWorker } from "./seed-workers.ts";
import { scenarioFromFile } from "./scenario-file.ts";

const flags = parseFlags(process.argv.slice(2), {
  games: "number",
  seed: "number",
  scenario: "string",
  json: "boolean",
  workers: "number",
  "exploit-games": "number",
  "baseline-games": "number",
  "bundle-terms": "number",
});
const { games, seed, workers } = runSize(flags, 100);
const exploitGames = flags["exploit-games"];
if (exploitGames !== undefined && (!Number.isInteger(exploitGames) || exploitGames < 0 || exploitGames > games)) fail("--exploit-games must be a whole number from 0 to --games");
const baselinePairs = flags["baseline-games"];
if (baselinePairs !== undefined && (!Number.isInteger(baselinePairs) || baselinePairs < 0 || baselinePairs > 100_000)) fail("--baseline-games must be a whole number from 0 to 100,000");
const termsEachWay = flags["bundle-terms"];
if (termsEachWay !== undefined && (!Number.isInteger(termsEachWay) || termsEachWay < 1 || termsEachWay > 3)) fail("--bundle-terms must be 1, 2 or 3");
const options: TournamentOptions = { exploitGames, baselineGames: baselinePairs, termsEachWay };
const scenario = scenarioFromFile(flags.scenario); // refuses a bad scenario file before any worker starts

// Longest units first, each to the least-loaded worker; the timing tables afterwards, in this thread alone.
const all = tournamentUnits(games, options);
const units = all.filter((u) => u.kind !== "timing").sort((a, b) => b.cost - a.cost || a.index - b.index);
const shares = Array.from({ length: workers }, () => ({ load: 0, units: [] as typeof units }));
for (const u of units) {
  const share = shares.reduce((m, s) => (s.load < m.load ? s : m));
  share.load += u.cost;
  share.units.push(u);
}
const started = performance.now();
const results = (
  await Promise.all(
    shares.filter((s) => s.units.length > 0).map((s) =>
      runWorker<UnitResult[]>(new URL("./tournament-worker.ts", import.meta.url), {
        units: s.units.map(({ kind, index }) => ({ kind, index })),
        seed,
        options,
        scenarioPath: flags.scenario,
      }),
    ),
  )
).flat();
// One untimed table first, so the times are those of warmed-up code, as in a running server.
playTable(scenario, seed + 300_000);
// Processor time of this process: with the workers finished, that of the bots being timed (and the garbage collector).
const cpuMs = () => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};
for (const u of all) if (u.kind === "timing") results.push(playUnit(scenario, seed, u, options, cpuMs));
const seconds = (performance.now() - started) / 1000;
const report = summariseTournament(games, seed, options, results);

if (flags.json) process.stdout.write(JSON.stringify(report) + "\n");
else process.stdout.write(textReport(report, seconds) + "\n");

function textReport(r: TournamentReport, seconds: number): string {
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const signed = (v: number) => `${v >= 0 ? "+" : ""}${v.toFixed(1)}`;
  const baselineNames = Object.keys(BASELINES) as Array<keyof typeof BASELINES>;
  const played = EXPLOITS.filter((e) => r.exploits[e]);
  const exploitCells = played.flatMap((e) => PARTY_IDS.map((seat) => ({ e, seat, diff: r.exploits[e]![seat], se: r.exploitStdErr[e]![seat] })));
  const beyond = exploitCells.filter((c) => c.diff > c.se);
  const worst = [...exploitCells].sort((a, b) => b.diff - b.se - (a.diff - a.se))[0];
  const met = (ok: boolean, short: string) => (ok ? "met" : `not met (${short})`);
  return [
    `Ceasefire Table bot tournament: ${r.games} tables of normal bots with mixed personas, seed ${r.seed}, ${seconds.toFixed(0)} s`,
    "",
    `Agreement rate (accepted / made)        ${pct(r.agreementRate)}   (${r.acceptedDeals} accepted packages)`,
    `Bundles (2+ terms from one party)       ${pct(r.bundleShare)} of accepted packages`,
    `Like-for-like packages accepted         ${r.likeForLike}`,
    `Offers unanswered when a week ended     ${r.unansweredOffers}`,
    `Reasons showing a raw utility figure    ${r.reasons.rawNumbers} of ${r.reasons.total}`,
    `Social welfare (sum of scores)          ${r.socialWelfare.toFixed(1)}`,
    `Bot actions refused by the rules        ${r.refusedActions}`,
    "",
    `Efficiency of ${r.efficiency.deals} accepted bilateral deals, against every package the rules allowed the proposer to put`,
    `to the same partner at that moment with up to ${r.efficiency.termsEachWay} terms each way (${r.efficiency.method}; median ${r.efficiency.medianPackages} packages a deal)`,
    `                                        median      p90`,
    `  Distance to the Pareto frontier       ${r.paretoDistance.toFixed(3).padStart(6)}   ${r.paretoDistanceP90.toFixed(3).padStart(6)}`,
    `  Distance to the Nash point            ${r.nashDistance.toFixed(3).padStart(6)}   ${r.nashDistanceP90.toFixed(3).padStart(6)}`,
    `  Null: random mutually positive pkg    ${r.paretoNull.toFixed(3).padStart(6)}   ${r.paretoNullP90.toFixed(3).padStart(6)}   (Pareto distance)`,
    "",
    "Outcomes",
    ...OUTCOME_IDS.map((o) => `  ${o.padEnd(20)} ${String(r.outcomes[o]).padStart(6)}  ${pct(r.outcomes[o] / r.games).padStart(6)}`),
    "",
    "Parties                mean utility   win rate",
    ...PARTY_IDS.map((p) => `  ${p.padEnd(20)} ${r.parties[p].meanUtility.toFixed(1).padStart(12)}   ${pct(r.parties[p].winRate).padStart(7)}`),
    "",
    ...(r.baselineGames === 0
      ? ["Persona against baseline: not played (--baseline-games 0)"]
      : [
          `Persona against baseline in its seat (mean score difference over ${r.baselineGames} paired games, ± standard error; positive: the persona wins;`,
          "the baseline takes the persona's own secret decisions, so only negotiation differs)",
          `  ${"".padEnd(12)}${baselineNames.map((b) => b.padStart(13)).join("")}`,
          ...PERSONAS.map((p) => `  ${p.padEnd(12)}${baselineNames.map((b) => `${r.baselines[p][b].toFixed(1)} ±${r.baselineStdErr[p][b].toFixed(1)}`.padStart(13)).join("")}`),
        ]),
    "",
    ...(r.exploitGames === 0
      ? ["Exploit policies: not played (--exploit-games 0)"]
      : [
          `Exploit policies against the normal bot in the same seat (score difference over ${r.exploitGames} paired seeds, ± standard error; positive: the exploit pays)`,
          `  ${"".padEnd(40)}${PARTY_IDS.map((p) => p.padStart(16)).join("")}`,
          `  ${"normal bot's mean score".padEnd(40)}${PARTY_IDS.map((p) => r.exploitNormalMean[p].toFixed(1).padStart(16)).join("")}`,
          ...played.map((e) => `  ${EXPLOIT_LABELS[e].padEnd(40)}${PARTY_IDS.map((p) => `${signed(r.exploits[e]![p])} ±${r.exploitStdErr[e]![p].toFixed(1)}`.padStart(16)).join("")}`),
        ]),
    "",
    `Decision time per bot move (ms; ${r.timingGames} tables a difficulty, played alone after the rest; wall clock, then processor time used)`,
    ...DIFFICULTIES.map(
      (d) =>
        `  ${d.padEnd(8)} wall p50 ${r.decisionMs[d].p50.toFixed(2).padStart(7)}  p99 ${r.decisionMs[d].p99.toFixed(2).padStart(7)}  max ${r.decisionMs[d].max.toFixed(2).padStart(8)}` +
        `    cpu p50 ${r.decisionCpuMs[d].p50.toFixed(2).padStart(7)}  p99 ${r.decisionCpuMs[d].p99.toFixed(2).padStart(7)}  max ${r.decisionCpuMs[d].max.toFixed(2).padStart(8)}`,
    ),
    "",
    "Targets",
    `  0 offers to bots unanswered at the end of a week:      ${r.unansweredOffers}  ${met(r.unansweredOffers === 0, `${r.unansweredOffers} unanswered`)}`,
    `  0 like-for-like deals:                                 ${r.likeForLike}  ${met(r.likeForLike === 0, `${r.likeForLike} accepted`)}`,
    `  0 reasons with a raw utility number:                   ${r.reasons.rawNumbers}  ${met(r.reasons.rawNumbers === 0, `${r.reasons.rawNumbers} of ${r.reasons.total}`)}`,
    `  every exploit ≤ the normal bot within one s.e., every seat: ${exploitCells.length - beyond.length} of ${exploitCells.length} cells  ${exploitCells.length === 0 ? "not measured" : met(beyond.length === 0, `${beyond.length} cells above; worst ${worst ? `${worst.e} as ${worst.seat} ${signed(worst.diff)} ± ${worst.se.toFixed(1)}` : "—"}`)}`,
    `  median Pareto distance ≤ half the null baseline:       ${r.paretoDistance.toFixed(3)} vs ${(r.paretoNull / 2).toFixed(3)}  ${met(r.paretoDistance <= r.paretoNull / 2, `over by ${(r.paretoDistance - r.paretoNull / 2).toFixed(3)}`)}`,
    `  at least 25% of accepted deals are bundles:            ${pct(r.bundleShare)}  ${met(r.bundleShare >= 0.25, `short by ${pct(0.25 - r.bundleShare)}`)}`,
    ...(["normal", "hard"] as const).map((d) => {
      const limit = d === "normal" ? 20 : 100;
      const judge = (v: number) => met(v < limit, `over by ${(v - limit).toFixed(2)} ms`);
      return `  ${`${d} bot decision p99 under ${limit} ms:`.padEnd(55)}wall ${r.decisionMs[d].p99.toFixed(2)} ms ${judge(r.decisionMs[d].p99)}; cpu ${r.decisionCpuMs[d].p99.toFixed(2)} ms ${judge(r.decisionCpuMs[d].p99)}`;
    }),
  ].join("\n");
}
