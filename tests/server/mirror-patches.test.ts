// What every client receives is the same whatever the mirror keeps from one action to the next to
// do less (server/state-mirror.ts): replaying bot games action by action, the mirror's patches —
// the shared part and each viewer's own — and a joiner's whole state are byte for byte those of
// the straightforward reference (tests/helpers/reference-mirror.ts), which makes every view afresh.
// The games are busy (every seat at its message cap, so windows fill and move on) or all bargaining, people come
// and go (a section, the spectators' one too, is made when someone sits down, and left alone while nobody watches it), the
// sender's own section is written first as a room does, and the games run to their end; then a
// rollback takes each back before its end, and it ends again (the spectators' section, which a
// seated client is given only once the game has ended, is taken back and given again).
import { describe, expect, it } from "vitest";
import { Encoder, type StateView } from "@colyseus/schema";
import type { Client } from "@colyseus/core";
import { defaultScenario } from "../../shared/scenario.ts";
import { PARTY_IDS, type Viewer } from "../../shared/ids.ts";
import type { GameState } from "../../shared/state.ts";
import type { Action } from "../../shared/actions.ts";
import { StateMirror, type MirrorInput } from "../../server/state-mirror.ts";
import type { TableState } from "../../server/table-schema.ts";
import { ReferenceMirror } from "../helpers/reference-mirror.ts";
import { playBusyTable } from "../helpers/busy-table.ts";

const scenario = defaultScenario();
const VIEWERS: readonly Viewer[] = ["spectator", "facilitator", ...PARTY_IDS];

/** How a mirror grants a client's view and lets it go. */
interface Grants {
  grant(viewer: Viewer): StateView;
  revoke(view: StateView): void;
}

/** A synced state's encoder and one StateView per kind of viewer, as a room's clients hold them, granted by the mirror. */
class Receivers {
  readonly #encoder: Encoder<TableState>;
  readonly #views = new Map<Viewer, StateView>();
  readonly #grants: Grants;

  constructor(state: TableState, grants: Grants) {
    this.#grants = grants;
    this.#encoder = new Encoder(state);
    for (const viewer of VIEWERS) this.#views.set(viewer, grants.grant(viewer));
  }

  /** Every viewer's patch for the changes since the last call (the shared part first), as hex. */
  patches(): string[] {
    const it = { offset: 0 };
    const shared = this.#encoder.encode(it);
    const out = [hex(shared)];
    for (const viewer of VIEWERS) out.push(hex(this.#encoder.encodeView(this.#views.get(viewer)!, shared.length, it)));
    this.#encoder.discardChanges();
    return out;
  }

  /** What someone sitting down as `viewer` now receives whole. */
  joiner(viewer: Viewer): string {
    const it = { offset: 0 };
    const shared = this.#encoder.encodeAll(it);
    const view = this.#grants.grant(viewer);
    const whole = this.#encoder.encodeAllView(view, shared.length, { ...it });
    this.#grants.revoke(view);
    return hex(whole);
  }
}

/** The room's way: a client is granted its view by StateMirror.grant, and let go by revoke. */
function grantsOf(mirror: StateMirror): Grants {
  const clients = new Map<StateView, Client>();
  return {
    grant(viewer) {
      const client = {} as Client;
      mirror.grant(client, viewer);
      clients.set(client.view!, client);
      return client.view!;
    },
    revoke(view) {
      mirror.revoke(clients.get(view)!);
      clients.delete(view);
    },
  };
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

/**
 * Who is watching after `n` actions: some seats from the start, others sitting down and leaving
 * later; a spectator for two stretches (the spectators' section is left alone while nobody reads it,
 * and brought up to date when one arrives).
 */
function watchedAfter(n: number): Set<Viewer> {
  const watched = new Set<Viewer>(["facilitator", "israel", "hamas"]);
  if (spectatorWatches(n)) watched.add("spectator");
  if (n >= 40) watched.add("qatar").add("mediators");
  if (n >= 120) watched.add("turkiye").add("board_of_peace");
  if (n >= 300 && n < 520) watched.delete("qatar");
  if (n >= 700) watched.delete("facilitator");
  return watched;
}

const spectatorWatches = (n: number) => (n >= 60 && n < 200) || n >= 450;

function replay(seed: number, chatter: boolean): { actions: number; ended: boolean } {
  const mirror = new StateMirror(`PATCH${seed}`);
  const reference = new ReferenceMirror(`PATCH${seed}`);
  const mine = new Receivers(mirror.state, grantsOf(mirror));
  const theirs = new Receivers(reference.state, reference);
  const seats = Object.fromEntries(PARTY_IDS.map((p) => [p, { names: [p], connected: 1, bot: false, submittedBy: "" }])) as MirrorInput["seats"];
  let n = 0;
  let last: GameState | null = null;
  /** The state at the start of the latest week: where a teacher's rollback takes the table. */
  let weekStart: GameState | null = null;
  const step = (game: GameState, action: Action | null) => {
    const input: MirrorInput = { scenario, game, seats, timer: { stage: game.stage, endsAt: 0, remainingMs: n, paused: false }, announcement: "", watched: watchedAfter(n) };
    // The sender's own section first, the others after, as a room answers a person's action.
    const first = action && action.by !== "system" ? (action.by as Viewer) : undefined;
    mirror.update(input, first)();
    reference.update(input);
    const got = mine.patches();
    const want = theirs.patches();
    // Compared one by one, naming the receiver (a whole patch in hex is too long to read in a failure).
    for (let i = 0; i < want.length; i++) if (got[i] !== want[i]) expect.fail(`after action ${n} (${action?.type ?? "nothing"} by ${action?.by ?? "-"}), ${i === 0 ? "the shared part" : `${VIEWERS[i - 1]}'s patch`} differs: ${got[i]!.length / 2} bytes, the reference's ${want[i]!.length / 2}`);
    const spectatorArrived = spectatorWatches(n) && !spectatorWatches(n - 1);
    if (n % 97 === 0 || spectatorArrived || game.stage === "ended" || action === null) for (const viewer of VIEWERS) if (mine.joiner(viewer) !== theirs.joiner(viewer)) expect.fail(`${viewer} joining after action ${n}: a different whole state`);
    n++;
  };
  const final = playBusyTable(scenario, {
    seed,
    rounds: 6,
    chatter,
    bots: "table",
    onAction: (game, action) => {
      // A spectator sits down between two actions: the table is mirrored with nothing changed in the
      // game, as a join does, and the section left alone while nobody read it is brought up to date.
      if (last && spectatorWatches(n) && !spectatorWatches(n - 1)) step(last, null);
      step(game, action);
      if (game.stage !== "ended" && game.round !== last?.round) weekStart = game;
      last = game;
    },
  });
  // Someone sits down once more at the end, with nothing changed in the game.
  seats.qatar = { names: ["qatar", "Noor"], connected: 2, bot: false, submittedBy: "" };
  if (last) step(last, null);
  // A teacher rolls the ended table back to the start of its last week (the seated views lose the
  // spectators' section again), and it ends once more.
  if (weekStart && last) {
    step(weekStart, null);
    step(last, null);
  }
  return { actions: n, ended: final.stage === "ended" };
}

describe("the mirror's patches", () => {
  it("are byte for byte the reference's, action by action, through busy games to their end", () => {
    // Two busy games, and two where the bots only bargain (offers and their answers, most of them
    // between two or three parties, so most seats' windows stay as they were).
    for (const [seed, chatter] of [[41, true], [42, true], [43, false], [44, false]] as const) {
      const { actions, ended } = replay(seed, chatter);
      expect(ended).toBe(true);
      expect(actions).toBeGreaterThan(chatter ? 400 : 100);
    }
  });
});


