// npm run statesmanship -- --games N --seed S [--json] [--workers 2] [--scenario file.json]
// Whether wrecking the table pays: in every seat, on the same N seeds, the normal bot against
// "accept everything, then break everything" and "promise, then break in the last week" (the other
// five seats keep their normal bots). Prints each seat's win rate and mean score per policy and the
// paired score difference against the normal bot with its standard error.
import { playSeedRanges } from "./seed-workers.ts";
import { PARTY_IDS } from "../shared/index.ts";
import { SEAT_POLICIES, summariseSeats, type SeatResult } from "../shared/experiments/statesmanship.ts";
import { parseFlags, runSize } from "./cli-args.ts";
import { scenarioFromFile } from "./scenario-file.ts";

const flags = parseFlags(process.argv.slice(2), { games: "number", seed: "number", json: "boolean", workers: "number", scenario: "string" });
const { games, seed, workers } = runSize(flags, 200);
const scenario = scenarioFromFile(flags.scenario);

const started = performance.now();
const results = await playSeedRanges<SeatResult>(new URL("./statesmanship-worker.ts", import.meta.url), seed, games, workers, { scenarioPath: flags.scenario });
const seconds = (performance.now() - started) / 1000;
const summary = summariseSeats(results);

if (flags.json) process.stdout.write(JSON.stringify({ games, seed, seats: summary }) + "\n");
else {
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  const lines = [
    `Statesmanship check: ${games} paired seeds per seat (seeds ${seed}–${seed + games - 1}), normal bots at the other seats, ${seconds.toFixed(0)} s`,
    "",
    `${"seat".padEnd(16)}${SEAT_POLICIES.map((p) => `${p} win / score`.padStart(30)).join("")}   score vs normal (± s.e.)`,
    ...PARTY_IDS.map((seat) => {
      const s = summary[seat];
      const cells = SEAT_POLICIES.map((p) => `${pct(s[p].winRate)} / ${s[p].meanScore.toFixed(1)}`.padStart(30)).join("");
      const diffs = SEAT_POLICIES.filter((p) => p !== "normal").map((p) => `${p} ${s[p].scoreDiff >= 0 ? "+" : ""}${s[p].scoreDiff.toFixed(1)} ± ${s[p].scoreDiffStdErr.toFixed(1)}`).join(", ");
      return `${seat.padEnd(16)}${cells}   ${diffs}`;
    }),
  ];
  process.stdout.write(lines.join("\n") + "\n");
}
