// npm run sim -- --games N --seed S [--policy random|greedy|absent] [--passive | --idle] [--seats a,b]
//                [--rounds R] [--scenario file.json] [--json]
// Plays complete games headlessly and prints the outcome distribution, each party's mean score and
// win rate, mean rounds and games per second. --passive: the seats (all, or --seats) negotiate with
// the policy but hand in no decisions, so the deadline's stand-in decides; --idle: they hand in
// the empty decision instead (how such seats played before stand-ins).
import { idleDecisions, isPartyId, OUTCOME_IDS, passiveDecisions, PARTY_IDS, type PartyId, type Policy } from "../shared/index.ts";
import { POLICIES, simulate } from "../shared/simulate.ts";
import { fail, parseFlags } from "./cli-args.ts";
import { scenarioFromFile } from "./scenario-file.ts";

const flags = parseFlags(process.argv.slice(2), { games: "number", seed: "number", policy: "string", rounds: "number", scenario: "string", json: "boolean", passive: "boolean", idle: "boolean", seats: "string" });
const games = flags.games ?? 1000;
const seed = flags.seed ?? 1;
const policyName = flags.policy ?? "random";
if (!Number.isInteger(games) || games < 1 || games > 1_000_000) fail("--games must be a whole number from 1 to 1,000,000");
if (!Number.isSafeInteger(seed)) fail("--seed must be a whole number");
const policy = POLICIES[policyName];
if (!policy) fail(`--policy must be one of: ${Object.keys(POLICIES).join(", ")}`);
if (flags.passive && flags.idle) fail("--passive and --idle cannot be combined");
const seatList = flags.seats === undefined ? [...PARTY_IDS] : flags.seats.split(",").map((s) => s.trim());
for (const s of seatList) if (!isPartyId(s)) fail(`--seats: "${s}" is not a party (${PARTY_IDS.join(", ")})`);
const wrap = flags.passive ? passiveDecisions : flags.idle ? idleDecisions : null;
const seats: Partial<Record<PartyId, Policy>> = wrap ? Object.fromEntries(seatList.map((p) => [p, wrap(policy)])) : {};
const scenario = scenarioFromFile(flags.scenario);
if (flags.rounds !== undefined && (!Number.isInteger(flags.rounds) || flags.rounds < scenario.rounds.min || flags.rounds > scenario.rounds.max))
  fail(`--rounds must be a whole number from ${scenario.rounds.min} to ${scenario.rounds.max}`);

const started = performance.now();
const summary = simulate(scenario, games, seed, policy, flags.rounds, seats);
const seconds = (performance.now() - started) / 1000;
const gamesPerSecond = Math.round((games / seconds) * 10) / 10;

if (flags.json) {
  const { refusedActions: _refused, ...rest } = summary;
  process.stdout.write(JSON.stringify({ ...rest, gamesPerSecond }) + "\n");
} else {
  const pct = (n: number) => `${((100 * n) / games).toFixed(1)}%`;
  const lines = [
    `Ceasefire Table simulator: ${games} games, seed ${seed}, policy ${policy.name}${wrap ? `; ${flags.passive ? "passive" : "empty"} decisions at ${seatList.length === PARTY_IDS.length ? "every seat" : seatList.join(", ")}` : ""}`,
    "",
    "Outcomes",
    ...OUTCOME_IDS.map((o) => `  ${o.padEnd(20)} ${String(summary.outcomes[o]).padStart(7)}  ${pct(summary.outcomes[o]).padStart(6)}`),
    "",
    "Parties                mean score   win rate",
    ...PARTY_IDS.map((p) => `  ${p.padEnd(20)} ${summary.parties[p].meanScore.toFixed(1).padStart(10)}   ${(summary.parties[p].winRate * 100).toFixed(1).padStart(7)}%`),
    "",
    `Mean rounds        ${summary.meanRounds}`,
    `Games per second   ${gamesPerSecond} (${seconds.toFixed(2)} s on one core)`,
  ];
  process.stdout.write(lines.join("\n") + "\n");
}
