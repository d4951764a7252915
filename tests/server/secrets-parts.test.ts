// A party's secrets travel in two parts (shared/wire-view.ts LastingSecret and ChangingSecret):
// what never changes in a game (its objectives' texts and points, its red lines) is sent once, and
// a change of pressure, leverage, draft, decision or of an objective met sends the rest only. What
// a client relies on: through a whole seeded game its seat, the facilitator, a seat that sits down
// mid-game and one that comes back after missing patches read exactly the secrets a fresh view has
// (key for key), and the same object again while their section's secrets did not change.
import { describe, expect, it } from "vitest";
import { Encoder } from "@colyseus/schema";
import { defaultScenario } from "../../shared/scenario.ts";
import { PARTY_IDS, type Viewer } from "../../shared/ids.ts";
import { viewFor, type TableView } from "../../shared/views.ts";
import { windowView } from "../../shared/view-window.ts";
import type { GameState } from "../../shared/state.ts";
import { StateMirror, type MirrorInput } from "../../server/state-mirror.ts";
import { playBusyTable } from "../helpers/busy-table.ts";
import { DecodingClient } from "../helpers/decoding-client.ts";

const scenario = defaultScenario();

/** The secrets `viewer` sees in `game`, made afresh, as JSON (key order included). */
const freshSecrets = (game: GameState, viewer: Viewer) => JSON.stringify(windowView(viewFor(scenario, game, viewer)).private);

/** The texts of a viewer's secrets that never change in a game: its parties' objectives and red lines. */
function lastingTexts(secrets: TableView["private"]): Buffer[] {
  const texts: Buffer[] = [];
  for (const part of Object.values(secrets)) {
    for (const o of part!.objectives) texts.push(Buffer.from(o.text));
    for (const r of part!.redLines) texts.push(Buffer.from(r.text));
  }
  return texts;
}

describe("a party's secrets in two parts", () => {
  it("a change re-sends only what changed; every client reads the secrets a fresh view has, through a whole game", () => {
    const mirror = new StateMirror("SECRT1");
    const encoder = new Encoder(mirror.state);
    const seats = Object.fromEntries(PARTY_IDS.map((p) => [p, { names: [p], connected: 1, bot: false, submittedBy: "" }])) as MirrorInput["seats"];
    const watched = new Set<Viewer>(["facilitator", "israel", "hamas"]);
    const clients = [new DecodingClient(mirror, "israel"), new DecodingClient(mirror, "facilitator")];
    let late: DecodingClient | null = null;
    let away: DecodingClient | null = null;
    const before = new Map<Viewer, { json: string; private: TableView["private"] }>();
    let actions = 0;
    let sentWithoutLasting = 0;
    let pressureChanges = 0;
    let lateReads = 0;
    let backReads = 0;
    let previous: GameState | null = null;

    const step = (game: GameState) => {
      // Qatar's seat is taken mid-game: its section is made before its first state is sent, as a room does.
      if (actions + 1 === 60) watched.add("qatar");
      mirror.update({ scenario, game, seats, timer: { stage: game.stage, endsAt: 0, remainingMs: 0, paused: false }, announcement: "", watched });
      actions++;
      if (actions === 1) {
        for (const c of clients) c.join(encoder);
        encoder.discardChanges();
      } else {
        const it = { offset: 0 };
        const shared = encoder.encode(it);
        for (const c of clients) {
          const patch = Buffer.concat([shared, c.receive(encoder, it, shared.length)]);
          const json = freshSecrets(game, c.viewer);
          const was = before.get(c.viewer);
          // Its secrets changed (a pressure, a draft, an objective met): the patch carries what
          // changed, never the objectives' texts or red lines again. (At the end every section is
          // emptied and the spectators' one carries the whole table, texts included.)
          if (was && was.json !== json && game.stage !== "ended") {
            for (const text of lastingTexts(JSON.parse(json))) expect(patch.includes(text), `${c.viewer}'s patch after action ${actions} carries "${text}"`).toBe(false);
            sentWithoutLasting++;
          }
        }
        // A seat that sits down mid-game, and one that comes back after missing patches, receive the whole state.
        if (actions === 60) {
          late = new DecodingClient(mirror, "qatar");
          late.join(encoder);
        } else late?.receive(encoder, it, shared.length);
        // Hamas's client joins, then misses every patch from action 41 to 89 (away), and comes back.
        if (actions === 40 || actions === 90) (away ??= new DecodingClient(mirror, "hamas")).join(encoder);
        else if (away && actions > 90) away.receive(encoder, it, shared.length);
        encoder.discardChanges();
      }
      if (previous && previous.parties.israel.pressure !== game.parties.israel.pressure && game.stage !== "ended") pressureChanges++;
      previous = game;
      for (const c of [...clients, ...(late ? [late] : []), ...(away && (actions <= 40 || actions >= 90) ? [away] : [])]) {
        const view = c.view()!;
        const json = freshSecrets(game, c.viewer);
        expect(JSON.stringify(view.private), `${c.viewer}'s secrets after action ${actions}`).toBe(json);
        if (c === late) lateReads++;
        if (c === away && actions >= 90) backReads++;
        if (c !== clients[0] && c !== clients[1]) continue;
        // Read again with its secrets unchanged: the same object (a page redraws what is new).
        const was = before.get(c.viewer);
        if (was && was.json === json) expect(view.private).toBe(was.private);
        // Changed, the lasting part is the one read before: the red lines are the same list.
        else if (was && game.stage !== "ended") for (const p of PARTY_IDS) if (view.private[p]) expect(view.private[p]!.redLines).toBe(was.private[p]!.redLines);
        before.set(c.viewer, { json, private: view.private });
      }
    };
    const final = playBusyTable(scenario, { seed: 29, rounds: 6, chatter: false, bots: "table", onAction: step });
    expect(final.stage).toBe("ended");
    expect(pressureChanges).toBeGreaterThan(0);
    expect(sentWithoutLasting).toBeGreaterThan(pressureChanges);
    expect(lateReads).toBeGreaterThan(20);
    expect(backReads).toBeGreaterThan(20);
  });
});
