// npm run thesis -- --games N --seed S [--json] [--workers 2] [--arms a,b] [--scenario file.json]
// The thesis experiment: the same seeded tables of normal bots (mixed personas) played four times —
// as they are, with multilateral backing held low, with institutional grounding held low, and with
// both held high — and what changed in between: outcomes, the pathway rate with and without broad
// backing, ISF zones, disarmament, Israeli control at the end, aid and broken commitments.
// Deterministic for its arguments: games are split across workers by seed and merged in seed order.
import { runWorker } from "./seed-workers.ts";
import { OUTCOME_IDS } from "../shared/index.ts";
import { ARMS, ARM_LABELS, armPatch, summariseArm, type Arm, type ArmSummary, type ThesisGame } from "../shared/experiments/thesis.ts";
import { backingThreshold } from "../shared/thesis-levers.ts";
import { fail, parseFlags, runSize } from "./cli-args.ts";
import { scenarioFromFile } from "./scenario-file.ts";

const flags = parseFlags(process.argv.slice(2), { games: "number", seed: "number", json: "boolean", workers: "number", scenario: "string", arms: "string" });
const { games, seed, workers } = runSize(flags, 200);
const scenario = scenarioFromFile(flags.scenario);
// --arms default,lowBacking plays only those arms (quicker when looking at one comparison).
const chosen = (flags.arms?.split(",") ?? [...ARMS]) as Arm[];
for (const a of chosen) if (!ARMS.includes(a)) fail(`--arms takes a comma-separated list of: ${ARMS.join(", ")}`);

function playRange(arm: Arm, from: number, to: number): Promise<ThesisGame[]> {
  return runWorker<ThesisGame[]>(new URL("./thesis-worker.ts", import.meta.url), { arm, from, to, scenarioPath: flags.scenario });
}

// A queue of (arm, seed range) jobs, at most `workers` at a time; results land by position.
const chunk = Math.max(1, Math.ceil(games / workers));
const jobs: Array<{ arm: Arm; from: number; to: number }> = [];
for (const arm of chosen) for (let from = seed; from < seed + games; from += chunk) jobs.push({ arm, from, to: Math.min(seed + games, from + chunk) });
const results: ThesisGame[][] = new Array(jobs.length);
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: Math.min(workers, jobs.length) }, async () => {
    while (next < jobs.length) {
      const i = next++;
      const job = jobs[i]!;
      results[i] = await playRange(job.arm, job.from, job.to);
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
const arms = {} as Record<Arm, ArmSummary>;
for (const arm of chosen) arms[arm] = summariseArm(jobs.flatMap((j, i) => (j.arm === arm ? results[i]! : [])));

if (flags.json) {
  const pick = (a: ArmSummary) => ({
    outcomes: a.outcomes,
    isfZonesMean: a.isfZonesMean,
    disarmamentMean: a.disarmamentMean,
    israeliControlEndMean: a.israeliControlEndMean,
    brokenGameShare: a.brokenGameShare,
  });
  process.stdout.write(JSON.stringify({ games, arms: Object.fromEntries(chosen.map((a) => [a, pick(arms[a])])) }) + "\n");
} else {
  const pct = (v: number | null) => (v === null ? "—" : `${(100 * v).toFixed(1)}%`);
  const threshold = backingThreshold(scenario);
  const bounds = (arm: Arm) => {
    const t = (armPatch(scenario, arm).tracks ?? {}) as Record<string, { min?: number; max?: number }>;
    const parts = Object.entries(t).map(([k, v]) => `${k} ${v.min !== undefined ? `≥ ${v.min}` : ""}${v.max !== undefined ? `≤ ${v.max}` : ""}`);
    return parts.length === 0 ? "" : ` (${parts.join(", ")})`;
  };
  const row = (label: string, f: (a: ArmSummary) => string) => `${label.padEnd(36)}${chosen.map((a) => f(arms[a]).padStart(15)).join("")}`;
  const lines = [
    `Thesis experiment: ${games} paired tables of normal bots with mixed personas per arm, seeds ${seed}–${seed + games - 1}, ${seconds.toFixed(0)} s`,
    ...chosen.map((a) => `  ${a}: ${ARM_LABELS[a]}${bounds(a)}`),
    "",
    " ".repeat(36) + chosen.map((a) => a.padStart(15)).join(""),
    ...OUTCOME_IDS.map((o) => row(scenario.outcomes[o].label, (a) => pct(a.outcomes[o]))),
    row(`pathway | backing ≥ ${threshold} at the end`, (a) => `${pct(a.pathwayWithBacking)} of ${a.gamesWithBacking}`),
    row(`pathway | backing < ${threshold} at the end`, (a) => `${pct(a.pathwayWithoutBacking)} of ${games - a.gamesWithBacking}`),
    row("ISF zones at the end (mean)", (a) => a.isfZonesMean.toFixed(2)),
    row("contributors' troops at the end", (a) => a.contributorTroopsEndMean.toFixed(0)),
    row("weapons decommissioned % (mean)", (a) => a.disarmamentMean.toFixed(1)),
    row("Israeli control % at the end", (a) => a.israeliControlEndMean.toFixed(1)),
    row("aid trucks a day (mean over weeks)", (a) => a.aidTrucksMean.toFixed(0)),
    row("games with aid restricted", (a) => pct(a.aidRestrictedShare)),
    row("games with a broken commitment", (a) => pct(a.brokenGameShare)),
    "",
    "What kept tables from a pathway to peace (share of games where the condition failed):",
    ...[...new Set(chosen.flatMap((a) => Object.keys(arms[a].pathwayMissing)))].sort().map((k) => row(`  ${k}`, (x) => pct(x.pathwayMissing[k] ?? 0))),
  ];
  process.stdout.write(lines.join("\n") + "\n");
}
