// Benchmark: how long a classroom rollback takes on long tables. A rollback replays the table's whole
// log from the start (shared/rollback.ts), so its cost grows with the log; the room does it in one
// synchronous step, during which nothing else at that table (or in that process) runs. Plays
// `--games` greedy games of `--rounds` weeks on a session deck, then times rolling each one back
// from its second-to-last week: one week, three weeks, and to the start of week 1.
//
//   node scripts/bench-rollback.ts [--games 30] [--rounds 12]
import { defaultScenario } from "../shared/scenario.ts";
import { PARTY_IDS, type PartyId } from "../shared/ids.ts";
import { playGame, type Policy } from "../shared/policies/policy.ts";
import { greedyPolicy } from "../shared/policies/greedy-policy.ts";
import { dealSessionDeck } from "../shared/session-deck.ts";
import { rollbackPoint, type RollbackTarget } from "../shared/rollback.ts";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(v) ? v : fallback;
};
const games = arg("games", 30);
const rounds = arg("rounds", 12);
const scenario = defaultScenario();
const seats = Object.fromEntries(PARTY_IDS.map((p) => [p, greedyPolicy])) as Record<PartyId, Policy>;

const targets: Array<[string, RollbackTarget]> = [["1 week", { weeks: 1 }], ["3 weeks", { weeks: 3 }], ["to week 1", { toWeek: 1 }]];
const times = new Map<string, number[]>(targets.map(([label]) => [label, []]));
const lengths: number[] = [];
for (let g = 0; g < games; g++) {
  const deck = dealSessionDeck(scenario, 1000 + g, rounds);
  if (!deck.ok) throw new Error(deck.error.message);
  const played = playGame(scenario, { seed: 1000 + g, rounds, deck: deck.value }, seats);
  if (!played.ok) throw new Error(played.error.message);
  // Cut the log in the middle of its last week but one, where a teacher's rollback would come.
  const log = played.value.log;
  const cut = Math.max(1, Math.floor(log.actions.length * 0.9));
  const at = { ...log, actions: log.actions.slice(0, cut) };
  lengths.push(cut);
  for (const [label, target] of targets) {
    const started = performance.now();
    const r = rollbackPoint(scenario, at, target);
    const ms = performance.now() - started;
    if (r.ok) times.get(label)!.push(ms);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
console.log(`rollback on ${games} greedy games of ${rounds} weeks (session deck); log length median ${median(lengths)} actions, longest ${Math.max(...lengths)}`);
for (const [label, xs] of times) console.log(`  ${label.padEnd(10)} median ${median(xs).toFixed(2)} ms, worst ${Math.max(...xs).toFixed(2)} ms (${xs.length} rollbacks)`);
