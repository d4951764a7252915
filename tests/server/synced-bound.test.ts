// A 12-week game with every seat at its weekly message cap, long messages, mirrored action by
// action into the synced state as a room does: the whole state a joiner receives — a spectator,
// each seat, the facilitator — stays under 64 KB throughout, and the record returns every item of
// every list exactly once, page by page, for every viewer (no gaps, no duplicates, in order).
import { describe, expect, it } from "vitest";
import { defaultScenario } from "../../shared/scenario.ts";
import { MAX_MESSAGES_PER_WEEK } from "../../shared/actions.ts";
import { PARTY_IDS, type PartyId, type Viewer } from "../../shared/ids.ts";
import { viewFor } from "../../shared/views.ts";
import { windowView } from "../../shared/view-window.ts";
import { RECORD_KINDS, recordPage, type RecordKind, type RecordPage } from "../../shared/record.ts";
import type { GameState } from "../../shared/state.ts";
import { StateMirror } from "../../server/state-mirror.ts";
import { SyncedSize } from "../../server/synced-size.ts";
import { readView } from "../../shared/wire-view.ts";
import { playBusyTable } from "../helpers/busy-table.ts";

const scenario = defaultScenario();
const LIMIT = 64 * 1024;
const VIEWERS: Viewer[] = ["spectator", "facilitator", ...PARTY_IDS];

/** Every page of `kind` (of one week, if given) as `viewer`, `limit` items at a time. */
function allPages(state: GameState, viewer: Viewer, kind: RecordKind, limit: number, week?: number): RecordPage[] {
  const pages: RecordPage[] = [];
  let cursor: number | null = 0;
  while (cursor !== null) {
    const page = recordPage(scenario, state, viewer, { kind, cursor, limit, ...(week !== undefined ? { week } : {}) });
    if (!page.ok) throw new Error(page.error.message);
    pages.push(page.value);
    cursor = page.value.next;
    if (pages.length > 10_000) throw new Error("the record never ends");
  }
  return pages;
}

describe("a long, talkative table", () => {
  it("keeps the synced state under 64 KB, and the record returns every item exactly once", () => {
    const mirror = new StateMirror("BOUND1");
    const size = new SyncedSize(mirror);
    const watched = new Set<Viewer>(["spectator", "facilitator", ...PARTY_IDS]);
    const seats = Object.fromEntries(PARTY_IDS.map((p) => [p, { names: [`P-${p}`], connected: 1, bot: false, submittedBy: "" }])) as Record<PartyId, { names: string[]; connected: number; bot: boolean; submittedBy: string }>;
    let largest = 0;
    let spoken = 0;
    let measured = 0;
    const final = playBusyTable(scenario, {
      seed: 3,
      rounds: 12,
      chatter: true,
      onAction: (game, action) => {
        // A room mirrors after every accepted action; here the talk is mirrored once per six
        // messages (a round of every seat speaking), to keep the test quick. Every other action is
        // mirrored as it comes.
        const talk = action.type === "message" || action.type === "statement";
        if (talk && ++spoken % 6 !== 0) return;
        mirror.update({ scenario, game, seats, timer: { stage: game.stage, endsAt: 0, remainingMs: 0, paused: false }, announcement: "", watched });
        size.patched();
      },
      onMilestone: (game) => {
        for (const viewer of VIEWERS) {
          const bytes = size.joinerBytes(viewer);
          expect(bytes, `${viewer}'s state in week ${game.round}`).toBeLessThan(LIMIT);
          largest = Math.max(largest, bytes);
        }
        // The mirror holds exactly each viewer's window (it is what a client reads back).
        const plain = JSON.parse(JSON.stringify(mirror.state.toJSON()));
        expect(readView(plain, "israel")).toEqual(JSON.parse(JSON.stringify(windowView(viewFor(scenario, game, "israel")))));
        measured++;
      },
    });

    // The game was what the test says: 12 weeks, every seat at its cap every week.
    expect(final.stage).toBe("ended");
    expect(final.history).toHaveLength(12);
    for (const p of PARTY_IDS) for (let week = 1; week <= 12; week++) expect(final.messages.filter((m) => m.from === p && m.round === week)).toHaveLength(MAX_MESSAGES_PER_WEEK);
    // Measured during every week's talk and at the end; without the window it would be megabytes.
    expect(measured).toBeGreaterThanOrEqual(13);
    expect(largest).toBeGreaterThan(0);
    const record = JSON.stringify(viewFor(scenario, final, "facilitator").messages).length;
    expect(record).toBeGreaterThan(20 * LIMIT);

    // The record, page by page, for every viewer and list: the whole list, each item once, in order.
    for (const viewer of VIEWERS) {
      const whole = viewFor(scenario, final, viewer);
      for (const kind of RECORD_KINDS) {
        const expected = JSON.parse(JSON.stringify(whole[kind]));
        const pages = allPages(final, viewer, kind, 37);
        expect(pages.flatMap((p) => p.items), `${viewer} ${kind}`).toEqual(expected);
        for (const p of pages) expect(p.total).toBe(expected.length);
        // Week by week, the weeks together are the whole list too.
        const byWeek = Array.from({ length: 13 }, (_, week) => week).flatMap((week) => (week === 0 ? expected.filter((i: { round: number }) => i.round === 0) : allPages(final, viewer, kind, 100, week).flatMap((p) => p.items)));
        expect(byWeek, `${viewer} ${kind} by week`).toEqual(expected);
      }
    }
  }, 60_000);
});
