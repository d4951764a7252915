// What each client actually received — its first state and every patch, decoded by the real SDK —
// must hold no other party's secrets: objectives, pressure, drafts, private offers and messages.
// The spectator receives no party's secrets at all; the facilitator receives everything.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PARTY_IDS, type PartyId } from "../../shared/ids.ts";
import { defaultScenario } from "../../shared/scenario.ts";
import { stateFromView } from "../../shared/view-state.ts";
import { candidateTerms } from "../../shared/policies/index.ts";
import type { TableView } from "../../shared/views.ts";
import { readView, type SectionLike, type WireStateLike } from "../../shared/wire-view.ts";
import { expectOk, Player, startHarness, synced, until, type Harness } from "./harness.ts";

const scenario = defaultScenario();
let h: Harness;
let facilitator: Player;
let spectator: Player;
let people: Record<"israel" | "hamas" | "qatar", Player>;
/** Objective ids dealt to each party, read from the engine. */
let dealt: Record<PartyId, string[]>;

beforeAll(async () => {
  h = await startHarness();
  facilitator = await Player.create(h, { name: "Teacher", seat: "facilitator", rounds: 6 });
  await facilitator.ready();
  const code = facilitator.code;
  people = {
    israel: await Player.join(h, code, { name: "Isa", seat: "israel" }),
    hamas: await Player.join(h, code, { name: "Ham", seat: "hamas" }),
    qatar: await Player.join(h, code, { name: "Qat", seat: "qatar" }),
  };
  spectator = await Player.join(h, code, { name: "Projector", seat: "spectator" });
  dealt = Object.fromEntries(PARTY_IDS.map((p) => [p, h.table(code).session.pipeline.state.parties[p].objectives])) as Record<PartyId, string[]>;
  const all = [facilitator, spectator, ...Object.values(people)];

  expectOk(await facilitator.command({ type: "begin" }));
  await synced(h, all);
  // Two weeks with private dealings between Israel and Hamas, and a draft in Israel's team.
  for (let week = 1; week <= 2; week++) {
    const isr = people.israel;
    const state = stateFromView(isr.myView!);
    const give = candidateTerms(scenario, state, "israel")[0]!;
    const want = candidateTerms(scenario, state, "hamas")[0]!;
    expectOk(await isr.intent({ type: "propose", to: ["hamas"], obligations: [{ party: "israel", term: give }, { party: "hamas", term: want }], note: `NOTE-ISR-HAM-${week}` }));
    expectOk(await people.hamas.intent({ type: "message", to: "israel", text: `MARKER-HAM-ISR-${week}` }));
    expectOk(await people.qatar.intent({ type: "statement", text: `PUBLIC-QAT-${week}` }));
    for (const p of Object.values(people)) expectOk(await p.intent({ type: "ready" }));
    h.scheduler.advance(5_000);
    await synced(h, all);
    await until(h, "decisions", () => isr.publicView.stage === "decisions", 100);
    expectOk(await isr.intent({ type: "draft", decision: { moves: ["israel_restraint"] } }));
    await synced(h, all);
    for (const p of Object.values(people)) expectOk(await p.intent({ type: "decide", decision: {} }));
    h.scheduler.advance(5_000);
    await until(h, "next week", () => isr.publicView.round === week + 1 || isr.publicView.stage === "ended", 100);
    await synced(h, all);
  }
});

afterAll(async () => {
  await h.shutdown();
});

interface Decoded extends WireStateLike {
  public: string;
  seats: Record<string, { view?: SectionLike }>;
  facilitator: { view?: SectionLike };
}

/** Snapshots taken before the end (when every view reveals everything for the debrief). */
function beforeEnd(p: Player): Decoded[] {
  return p.snapshots.map((s) => JSON.parse(s) as Decoded).filter((s) => !s.public || (JSON.parse(s.public) as TableView).stage !== "ended");
}

function objectiveTexts(party: PartyId): string[] {
  return dealt[party].flatMap((id) => [id, scenario.objectives.find((o) => o.id === id)?.text ?? id]);
}

describe("secrets reach only their seat", () => {
  it("recorded a first state and many patches for every client", () => {
    for (const p of [facilitator, spectator, ...Object.values(people)]) expect(beforeEnd(p).length).toBeGreaterThan(5);
  });

  for (const party of ["israel", "hamas", "qatar"] as const) {
    it(`${party}'s client never received another party's secrets`, () => {
      const me = people[party];
      let sawOwnView = false;
      for (const snap of beforeEnd(me)) {
        const text = JSON.stringify(snap);
        expect(snap.facilitator.view).toBeUndefined();
        for (const other of PARTY_IDS) {
          if (other === party) continue;
          expect(snap.seats[other]?.view, `${other}'s view in ${party}'s state`).toBeUndefined();
          for (const secret of objectiveTexts(other)) expect(text.includes(secret), `${other}'s objective "${secret}"`).toBe(false);
        }
        const own = snap.seats[party]?.view;
        if (own?.viewer) {
          sawOwnView = true;
          const view = readView(snap, party)!;
          expect(Object.keys(view.private)).toEqual([party]);
          for (const o of view.offers) expect([o.proposer, ...o.recipients]).toContain(party);
          for (const m of view.messages) expect(m.to === "all" || m.from === party || m.to === party).toBe(true);
          for (const c of view.commitments) expect([c.party, ...c.counterparties]).toContain(party);
        }
        expect(Object.keys(readView(snap, "spectator")!.private)).toEqual([]);
        if (party === "qatar") {
          expect(text).not.toMatch(/NOTE-ISR-HAM|MARKER-HAM-ISR/);
        }
      }
      expect(sawOwnView).toBe(true);
    });
  }

  it("Israel and Hamas did receive their own private dealings (the check above is not vacuous)", () => {
    const israelText = people.israel.snapshots.join("\n");
    expect(israelText).toMatch(/NOTE-ISR-HAM-1/);
    expect(israelText).toMatch(/MARKER-HAM-ISR-1/);
    expect(people.hamas.snapshots.join("\n")).toMatch(/NOTE-ISR-HAM-1/);
    expect(israelText).toContain(dealt.israel[0]!);
    // Israel's team draft reached Israel's clients only.
    expect(people.israel.snapshots.some((s) => JSON.stringify(JSON.parse(s).seats.israel?.view ?? "").includes("israel_restraint"))).toBe(true);
  });

  it("the spectator received the public table only", () => {
    let sawStatement = false;
    for (const snap of beforeEnd(spectator)) {
      const text = JSON.stringify(snap);
      expect(snap.facilitator.view).toBeUndefined();
      for (const party of PARTY_IDS) {
        expect(snap.seats[party]?.view).toBeUndefined();
        for (const secret of objectiveTexts(party)) expect(text.includes(secret), `${party}'s objective "${secret}"`).toBe(false);
      }
      expect(text).not.toMatch(/NOTE-ISR-HAM|MARKER-HAM-ISR/);
      if (text.includes("PUBLIC-QAT-1")) sawStatement = true;
    }
    expect(sawStatement).toBe(true);
  });

  it("the facilitator received everything, and no seat's own view", () => {
    const last = beforeEnd(facilitator).at(-1)!;
    const view = readView(last, "facilitator")!;
    expect(view.viewer).toBe("facilitator");
    expect(Object.keys(view.private).sort()).toEqual([...PARTY_IDS].sort());
    expect(view.messages.map((m) => m.text)).toContain("MARKER-HAM-ISR-2");
    for (const party of PARTY_IDS) expect(last.seats[party]?.view).toBeUndefined();
  });
});
