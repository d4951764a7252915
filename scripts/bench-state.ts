// Benchmark: how large the synced state grows — the whole state a joiner receives — over a game.
// Plays games through the reducer, mirrors every accepted action into the synced state as a room
// does (server/state-mirror.ts, every seat and the facilitator watched), and measures the encoded
// state a joiner of each kind receives at the close of each week's talk and at the end:
//   - bots-only games: the table's own bots as a server seats them (shared/bots: offers, answers,
//     replies to messages, statements), `--games` of them;
//   - a capped-chatter game: the same bots, and every seat also sends its whole weekly allowance of
//     messages, each close to the longest allowed, for `--rounds` weeks.
// `--bots greedy` plays the quicker built-in greedy policy instead.
// It prints the largest over each game, for a spectator, the largest seat and the facilitator, and
// beside it the size of the whole record (every item the facilitator may see, as JSON), which the
// synced state would carry without its window.
//
//   node scripts/bench-state.ts [--games 3] [--rounds 12] [--seed 1] [--bots table|greedy] [--json]
import { defaultScenario } from "../shared/scenario.ts";
import { PARTY_IDS, type PartyId, type Viewer } from "../shared/ids.ts";
import { viewFor } from "../shared/views.ts";
import { utf8Bytes } from "../shared/view-window.ts";
import type { GameState } from "../shared/state.ts";
import { StateMirror } from "../server/state-mirror.ts";
import { SyncedSize } from "../server/synced-size.ts";
import { playBusyTable } from "../tests/helpers/busy-table.ts";
import { parseFlags, fail } from "./cli-args.ts";

const flags = parseFlags(process.argv.slice(2), { games: "number", rounds: "number", seed: "number", bots: "string", json: "boolean" });
const botsFlag = flags.bots ?? "table";
if (botsFlag !== "table" && botsFlag !== "greedy") fail('--bots must be "table" or "greedy"');
const bots: "table" | "greedy" = botsFlag;
const games = flags.games ?? 3;
const rounds = flags.rounds ?? 12;
const seed = flags.seed ?? 1;
if (!Number.isInteger(games) || games < 1 || games > 100) fail("--games must be a whole number from 1 to 100");
if (!Number.isInteger(rounds) || rounds < 6 || rounds > 12) fail("--rounds must be from 6 to 12");
if (!Number.isSafeInteger(seed)) fail("--seed must be a whole number");

const scenario = defaultScenario();
const LIMIT = 64 * 1024;

interface GameFigures {
  spectator: number;
  seat: number;
  facilitator: number;
  largest: number;
  wholeRecordBytes: number;
  messages: number;
}

function measureGame(gameSeed: number, chatter: boolean): GameFigures {
  const mirror = new StateMirror("BENCH1");
  const size = new SyncedSize(mirror);
  const watched = new Set<Viewer>(["spectator", "facilitator", ...PARTY_IDS]);
  const seats = Object.fromEntries(PARTY_IDS.map((p) => [p, { names: [`P-${p}`], connected: 1, bot: false, submittedBy: "" }])) as Record<PartyId, { names: string[]; connected: number; bot: boolean; submittedBy: string }>;
  const timer = { stage: "", endsAt: 0, remainingMs: 0, paused: false };
  const mirrorOf = (game: GameState) => {
    mirror.update({ scenario, game, seats, timer: { ...timer, stage: game.stage }, announcement: "", watched });
    size.patched();
  };
  const figures: GameFigures = { spectator: 0, seat: 0, facilitator: 0, largest: 0, wholeRecordBytes: 0, messages: 0 };
  const final = playBusyTable(scenario, {
    seed: gameSeed,
    rounds,
    chatter,
    bots,
    onAction: mirrorOf,
    onMilestone: () => {
      figures.spectator = Math.max(figures.spectator, size.joinerBytes("spectator"));
      figures.facilitator = Math.max(figures.facilitator, size.joinerBytes("facilitator"));
      for (const p of PARTY_IDS) figures.seat = Math.max(figures.seat, size.joinerBytes(p));
    },
  });
  figures.largest = Math.max(figures.spectator, figures.seat, figures.facilitator);
  const whole = viewFor(scenario, final, "facilitator");
  figures.wholeRecordBytes = utf8Bytes(JSON.stringify({ news: whole.news, offers: whole.offers, commitments: whole.commitments, messages: whole.messages, history: whole.history }));
  figures.messages = final.messages.length;
  return figures;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const started = performance.now();
const botsOnly = Array.from({ length: games }, (_, i) => measureGame(seed + i, false));
const chatter = measureGame(seed, true);
const seconds = (performance.now() - started) / 1000;
const maxOf = (list: GameFigures[], key: keyof GameFigures) => Math.max(...list.map((f) => f[key]));

const result = {
  rounds,
  bots,
  limitBytes: LIMIT,
  botsOnly: { games, seed, messages: maxOf(botsOnly, "messages"), largestBytes: maxOf(botsOnly, "largest"), spectatorBytes: maxOf(botsOnly, "spectator"), seatBytes: maxOf(botsOnly, "seat"), facilitatorBytes: maxOf(botsOnly, "facilitator"), wholeRecordBytes: maxOf(botsOnly, "wholeRecordBytes") },
  cappedChatter: { seed, messages: chatter.messages, largestBytes: chatter.largest, spectatorBytes: chatter.spectator, seatBytes: chatter.seat, facilitatorBytes: chatter.facilitator, wholeRecordBytes: chatter.wholeRecordBytes },
  underLimit: Math.max(maxOf(botsOnly, "largest"), chatter.largest) < LIMIT,
  seconds: Math.round(seconds * 10) / 10,
};

if (flags.json) console.log(JSON.stringify(result));
else {
  console.log(`Synced state a joiner receives (largest over the game, ${rounds} weeks, ${bots === "table" ? "the table's bots" : "greedy policies"}; limit ${kb(LIMIT)})`);
  console.log(`  bots only (${games} games from seed ${seed}, up to ${result.botsOnly.messages} messages): spectator ${kb(result.botsOnly.spectatorBytes)}, largest seat ${kb(result.botsOnly.seatBytes)}, facilitator ${kb(result.botsOnly.facilitatorBytes)}; whole record ${kb(result.botsOnly.wholeRecordBytes)}`);
  console.log(`  capped chatter (${chatter.messages} messages): spectator ${kb(chatter.spectator)}, largest seat ${kb(chatter.seat)}, facilitator ${kb(chatter.facilitator)}; whole record ${kb(chatter.wholeRecordBytes)}`);
  console.log(`  ${result.underLimit ? "under" : "OVER"} the limit; measured in ${result.seconds} s`);
}
