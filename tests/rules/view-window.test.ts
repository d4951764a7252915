// The window of "now" each view is cut to (shared/view-window.ts): within its limits whatever the
// game, the newest items of each list (offers after the viewer's open ones, numbered as the viewer
// knows them), the viewer's own pending commitments first, and `recordOnly` counting exactly what
// was left to the record.
import { describe, expect, it } from "vitest";
import { defaultScenario } from "../../shared/scenario.ts";
import { PARTY_IDS, type Viewer } from "../../shared/ids.ts";
import { viewFor, type TableView } from "../../shared/views.ts";
import { utf8Bytes, WINDOW_LIMITS, WINDOWED_LISTS, windowView } from "../../shared/view-window.ts";
import type { GameState, Offer } from "../../shared/state.ts";
import { offerNumbers, windowOfferNumbers } from "../../shared/offer-numbers.ts";
import { playBusyTable } from "../helpers/busy-table.ts";

const scenario = defaultScenario();
const VIEWERS: Viewer[] = ["spectator", "facilitator", ...PARTY_IDS];
const bytes = (items: readonly object[]) => items.reduce((n, item) => n + utf8Bytes(JSON.stringify(item)), 0);

function checkWindow(state: GameState, viewer: Viewer): { cut: boolean } {
  const whole = viewFor(scenario, state, viewer);
  const cut = windowView(whole);
  if (cut === whole) {
    // Nothing left out: the view is the whole view, and it fits.
    for (const list of WINDOWED_LISTS) expect(whole[list].length).toBeLessThanOrEqual(WINDOW_LIMITS[list].items);
    return { cut: false };
  }
  for (const list of WINDOWED_LISTS) {
    const all = whole[list] as object[];
    const kept = cut[list] as object[];
    // The viewer's open offers are kept whatever the limits (the rules bound them); the rest fits.
    const openForViewer = (o: object) => list === "offers" && (o as Offer).status === "open" && ((o as Offer).proposer === viewer || (o as Offer).recipients.includes(viewer as Offer["proposer"]));
    const open = all.filter(openForViewer);
    for (const o of open) expect(kept, "an open offer of the viewer's").toContain(o);
    const others = kept.filter((o) => !openForViewer(o));
    expect(others.length, list).toBeLessThanOrEqual(Math.max(0, WINDOW_LIMITS[list].items - open.length));
    expect(bytes(kept), list).toBeLessThanOrEqual(Math.max(WINDOW_LIMITS[list].bytes, bytes(open)));
    expect(cut.recordOnly![list], list).toBe(all.length - kept.length);
    // In their order, each an item of the whole list.
    const at = kept.map((item) => all.indexOf(item));
    expect(at.every((i, k) => i >= 0 && (k === 0 || i > at[k - 1]!)), list).toBe(true);
    // Every list but the commitments is the newest items (offers: after the viewer's open ones).
    if (list !== "commitments") expect(others, list).toEqual(all.filter((o) => !openForViewer(o)).slice(all.length - open.length - others.length));
  }
  // Each windowed offer carries the number the viewer knows it by.
  const numbers = windowOfferNumbers(cut);
  const truth = offerNumbers(whole.offers);
  for (const o of cut.offers) expect(numbers.get(o.id)).toBe(truth.get(o.id));
  // The viewer's own pending commitments come first: left out only when they alone do not fit.
  const own = whole.commitments.filter((c) => c.status === "pending" && c.party === viewer);
  if (own.length <= WINDOW_LIMITS.commitments.items && bytes(own) <= WINDOW_LIMITS.commitments.bytes) for (const c of own) expect(cut.commitments).toContain(c);
  // The rest of the view is untouched.
  const rest = (v: TableView) => ({ ...v, news: 0, offers: 0, commitments: 0, messages: 0, history: 0, recordOnly: 0, offerPlaces: 0 });
  expect(rest(cut)).toEqual(rest(whole));
  return { cut: true };
}

describe("the window of now", () => {
  it("keeps every view within its limits, newest first, and counts what it left out", () => {
    let cuts = 0;
    let whole = 0;
    const check = (state: GameState) => {
      for (const viewer of VIEWERS) (checkWindow(state, viewer).cut ? cuts++ : whole++);
    };
    for (const chatter of [false, true]) playBusyTable(scenario, { seed: 11, rounds: 6, chatter, onMilestone: check });
    // Both kinds of view were met: early views whole, later ones cut.
    expect(whole).toBeGreaterThan(0);
    expect(cuts).toBeGreaterThan(0);
  });
});
