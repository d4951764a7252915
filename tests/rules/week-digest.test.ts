// The "what changed" digest: a short account of a resolved week, built from what every seat sees,
// that names who kept and who broke promises and agrees with the tracks the history recorded.
import { describe, expect, it } from "vitest";
import { viewFor, weekDigest } from "../../shared/index.ts";
import { give, scenario, Table } from "../helpers/game.ts";

function weekWithABrokenPromise() {
  const t = Table.begin({ seed: 3 });
  // Israel promises detainees for hostages and keeps it; Qatar promises to host talks and breaks it.
  const exchange = t.deal("israel", ["hamas"], [give("israel", "release_detainees", 300), give("hamas", "release_hostages", 3)]);
  const talks = t.deal("qatar", ["turkiye"], [give("qatar", "host_talks"), give("turkiye", "broaden_coalition", "un")]);
  t.readyAll();
  const qatarPromise = t.commitmentsOf(talks).find((c) => c.party === "qatar")!;
  t.decideAll({ qatar: { breaks: [qatarPromise.id] } });
  return { t, exchange };
}

describe("the week's digest", () => {
  it("says nothing about a week not yet resolved", () => {
    const t = Table.begin({ seed: 3 });
    expect(weekDigest(scenario, t.state, 1)).toBeNull();
  });

  it("names who kept and who broke their promises, with the broken one in full", () => {
    const { t } = weekWithABrokenPromise();
    const d = weekDigest(scenario, t.state, 1)!;
    const broken = d.promises.filter((p) => p.status === "broken");
    expect(broken.map((p) => p.party)).toEqual(["qatar"]);
    expect(broken[0]!.counterparties).toEqual(["turkiye"]);
    expect(d.lines).toContain("Qatar broke its promise to host the talks.");
    const kept = d.promises.filter((p) => p.status === "honoured").map((p) => p.party).sort();
    expect(kept).toEqual(["hamas", "israel", "turkiye"]);
    expect(d.lines.some((l) => /^3 promises kept: Israel, Hamas and Türkiye\.$/.test(l))).toBe(true);
  });

  it("reports the tracks that moved by what the history recorded, rounded for people", () => {
    const { t } = weekWithABrokenPromise();
    const d = weekDigest(scenario, t.state, 1)!;
    const hostages = d.changes.find((c) => c.id === "hostagesReleased")!;
    expect(hostages.before).toBe(scenario.tracks.hostagesReleased.start);
    expect(hostages.after).toBe(t.state.history[0]!.tracks.hostagesReleased);
    expect(hostages.text).toBe(`Living hostages released rose by 3 to ${hostages.after} of 20.`);
    const detainees = d.changes.find((c) => c.id === "detaineesReleased")!;
    expect(detainees.text).toBe("Palestinian detainees released rose by 300 to 300 of 1,950.");
    for (const line of d.lines) expect(line).not.toMatch(/\d\.\d|\(s\)/);
    // A track that did not move has no line.
    expect(d.changes.find((c) => c.id === "isfTroops")).toBeUndefined();
  });

  it("is the same for every seat and the projector: it reads only the public view", () => {
    const { t } = weekWithABrokenPromise();
    const digests = (["hamas", "qatar", "board_of_peace", "spectator"] as const).map((v) => weekDigest(scenario, viewFor(scenario, t.state, v), 1));
    for (const d of digests) expect(d).toEqual(digests[0]);
  });

  it("counts the week's flare-ups and names its event", () => {
    let flareWeeks = 0;
    for (const seed of [1, 2, 3, 4, 5]) {
      const t = Table.begin({ seed });
      while (t.state.stage !== "ended" && t.state.round <= 4) t.readyAll().decideAll({ israel: { moves: ["israel_heavy_strikes"] }, hamas: { moves: ["hamas_spoilers"] } });
      let before = scenario.tracks.flareUps.start;
      for (const record of t.state.history) {
        const d = weekDigest(scenario, t.state, record.round)!;
        // The week's flare-up check, plus any flare-up its event card brought (fire at the line…).
        expect(d.flareUps).toBe(record.tracks.flareUps - before);
        expect(d.flareUps).toBeGreaterThanOrEqual(record.flareUp ? 1 : 0);
        before = record.tracks.flareUps;
        expect(d.events.map((e) => e.id)).toEqual(record.eventIds);
        expect(d.lines.some((l) => /flare-ups? at the withdrawal line/.test(l))).toBe(d.flareUps > 0);
        if (record.flareUp) flareWeeks++;
      }
    }
    // Strikes and spoilers make flare-ups likely: the check above must have seen some.
    expect(flareWeeks).toBeGreaterThan(0);
  });
});
