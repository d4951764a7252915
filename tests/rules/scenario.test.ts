// Loading, validating and patching scenarios, and creating games from them.
import { describe, expect, it } from "vitest";
import {
  createGame,
  defaultScenario,
  loadScenario,
  patchScenario,
  PARTY_IDS,
  TRACK_KEYS,
  type Scenario,
} from "../../shared/index.ts";
import defaultRules from "../../shared/scenario/default-rules.json" with { type: "json" };
import defaultSources from "../../shared/scenario/default-sources.json" with { type: "json" };
import defaultContent from "../../shared/scenario/default-content.json" with { type: "json" };

const base = defaultScenario();
// Scenario data as a teacher's file would hold it: untyped JSON we can break at will.
type Raw = Record<string, any>;
const raw = (): Raw => structuredClone(base) as Raw;

describe("the default scenario", () => {
  it("loads from its three JSON files and validates", () => {
    const loaded = loadScenario({ ...defaultRules, sources: defaultSources, ...defaultContent });
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value.id).toBe("gaza-ceasefire-2025");
    expect(Object.keys(loaded.value.parties).sort()).toEqual([...PARTY_IDS].sort());
    expect(Object.keys(loaded.value.tracks).sort()).toEqual([...TRACK_KEYS].sort());
    expect(loaded.value.rounds).toEqual({ default: 8, min: 6, max: 12 });
  });

  it("has the totals of the sources: 20 living hostages, 28 remains, 1,950 detainees", () => {
    expect(base.tracks.hostagesReleased.max).toBe(20);
    expect(base.tracks.remainsReturned.max).toBe(28);
    expect(base.tracks.detaineesReleased.max).toBe(1950);
    expect(base.weights.palestinianRemainsPerIsraeli).toBe(15);
  });

  it("cites only sources it lists (every event, term, move, objective)", () => {
    const ids = new Set(base.sources.map((s) => s.id));
    const cited = [
      ...base.events.map((e) => e.source),
      ...Object.values(base.terms).map((t) => t.source),
      ...Object.values(base.moves).map((m) => m.source),
      ...base.objectives.map((o) => o.source),
    ];
    for (const id of cited) expect(ids.has(id), id).toBe(true);
  });

  it("is still valid after a JSON round trip (what a server stores)", () => {
    const again = loadScenario(JSON.parse(JSON.stringify(base)));
    expect(again.ok).toBe(true);
    if (again.ok) expect(JSON.stringify(again.value)).toBe(JSON.stringify(base));
  });
});

describe("loadScenario refuses malformed data and names the bad field", () => {
  const cases: Array<{ name: string; breakIt: (d: Raw) => void; field: string }> = [
    { name: "a track start of the wrong type", breakIt: (d) => void (d.tracks.stability.start = "60"), field: "tracks.stability.start" },
    { name: "a track start above its max", breakIt: (d) => void (d.tracks.stability.start = 150), field: "tracks.stability.start" },
    { name: "a track start below its min", breakIt: (d) => void (d.tracks.boardMembers.start = 0), field: "tracks.boardMembers.start" },
    { name: "an event citing an unknown source", breakIt: (d) => void (d.events[3].source = "nowhere"), field: "events.3.source" },
    { name: "a term citing an unknown source", breakIt: (d) => void (d.terms.withdraw.source = "nowhere"), field: "terms.withdraw.source" },
    { name: "a missing party", breakIt: (d) => void delete d.parties.qatar, field: "parties.qatar" },
    { name: "a negative weight where the minimum is 0", breakIt: (d) => void (d.weights.aidFundBonus = -1), field: "weights.aidFundBonus" },
    { name: "a negative event weight", breakIt: (d) => void (d.events[0].weight = -1), field: "events.0.weight" },
    { name: "a duplicate event id", breakIt: (d) => void (d.events[1].id = d.events[0].id), field: "events.1.id" },
    { name: "a duplicate objective id", breakIt: (d) => void (d.objectives[2].id = d.objectives[0].id), field: "objectives.2.id" },
    {
      name: "an unknown metric in an objective's condition",
      breakIt: (d) => void (d.objectives[0].condition = { metric: "happiness", min: 1 }),
      field: "objectives.0.condition",
    },
    { name: "an unknown metric in a phase condition", breakIt: (d) => void (d.phases.two.all[0].metric = "happiness"), field: "phases.two" },
    { name: "rounds.min above rounds.default", breakIt: (d) => void (d.rounds.min = 9), field: "rounds" },
    { name: "rounds.default above rounds.max", breakIt: (d) => void (d.rounds.default = 13), field: "rounds" },
    {
      name: "fewer objectives for a party than are dealt",
      breakIt: (d) => void (d.objectives = d.objectives.filter((o: Raw) => o.party !== "hamas" || o.id === "hamas_cohesion")),
      field: "objectives",
    },
  ];

  it.each(cases)("$name → invalid_scenario at $field", ({ breakIt, field }) => {
    const data = raw();
    breakIt(data);
    const result = loadScenario(data);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("invalid_scenario");
    expect(result.error.field).toBe(field);
    expect(result.error.message.length).toBeGreaterThan(0);
  });

  it("names an unknown key (a typo) in the message", () => {
    const data = raw();
    data.roundz = 3;
    const result = loadScenario(data);
    expect(!result.ok && result.error.code).toBe("invalid_scenario");
    if (!result.ok) expect(result.error.message).toContain("roundz");
  });

  it.each([null, 42, "scenario", [], {}])("refuses %j outright", (data) => {
    const result = loadScenario(data);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe("invalid_scenario");
  });
});

describe("patchScenario: a teacher's partial changes", () => {
  it("merges rounds.default without losing min and max, and games use it", () => {
    const patched = patchScenario(base, { rounds: { default: 10 } });
    expect(patched.ok).toBe(true);
    if (!patched.ok) return;
    expect(patched.value.rounds).toEqual({ default: 10, min: 6, max: 12 });
    const game = createGame(patched.value, { seed: 7 });
    expect(game.ok && game.value.config.rounds).toBe(10);
  });

  it("merges a single weight and keeps every other weight", () => {
    const patched = patchScenario(base, { weights: { aidTarget: 500 } });
    expect(patched.ok).toBe(true);
    if (!patched.ok) return;
    expect(patched.value.weights.aidTarget).toBe(500);
    expect({ ...patched.value.weights, aidTarget: base.weights.aidTarget }).toEqual(base.weights);
  });

  it("replaces arrays rather than merging them", () => {
    const only = base.events[0]!;
    const patched = patchScenario(base, { events: [only] });
    expect(patched.ok && patched.value.events.map((e) => e.id)).toEqual([only.id]);
  });

  it("validates the result: an out-of-bounds default is refused with its field", () => {
    const patched = patchScenario(base, { rounds: { default: 20 } });
    expect(patched.ok).toBe(false);
    if (!patched.ok) expect(patched.error).toMatchObject({ code: "invalid_scenario", field: "rounds" });
    const negative = patchScenario(base, { weights: { aidFundBonus: -5 } });
    expect(!negative.ok && negative.error.field).toBe("weights.aidFundBonus");
  });

  it("refuses changes that are not an object", () => {
    for (const patch of [null, [], "rounds=10", 3]) {
      const patched = patchScenario(base, patch);
      expect(!patched.ok && patched.error.code).toBe("invalid_scenario");
    }
  });

  it("does not change the scenario it patches, and ignores __proto__ keys", () => {
    const before = JSON.stringify(base);
    const patched = patchScenario(base, JSON.parse('{"__proto__": {"polluted": true}, "rounds": {"default": 6}}'));
    expect(patched.ok).toBe(true);
    expect(JSON.stringify(base)).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("createGame", () => {
  it.each([6, 8, 12])("accepts %i rounds", (rounds) => {
    const game = createGame(base, { seed: 1, rounds });
    expect(game.ok && game.value.config).toEqual({ seed: 1, rounds });
  });

  it.each([0, 5, 13, 6.5, Number.NaN, Infinity])("refuses %s rounds with out_of_range on rounds", (rounds) => {
    const game = createGame(base, { seed: 1, rounds });
    expect(game.ok).toBe(false);
    if (!game.ok) expect(game.error).toMatchObject({ code: "out_of_range", field: "rounds" });
  });

  it.each([1.5, Number.NaN, Infinity, 2 ** 60])("refuses the seed %s with out_of_range on seed", (seed) => {
    const game = createGame(base, { seed });
    expect(game.ok).toBe(false);
    if (!game.ok) expect(game.error).toMatchObject({ code: "out_of_range", field: "seed" });
  });

  it("starts in the briefing with the scenario's starting tracks and two objectives per party from its own pool", () => {
    const game = createGame(base, { seed: 42 });
    expect(game.ok).toBe(true);
    if (!game.ok) return;
    const s = game.value;
    expect(s.stage).toBe("briefing");
    expect(s.round).toBe(0);
    expect(s.phase).toBe(1);
    for (const k of TRACK_KEYS) expect(s.tracks[k]).toBe(base.tracks[k].start);
    for (const p of PARTY_IDS) {
      expect(s.parties[p].objectives).toHaveLength(base.objectivesPerParty);
      expect(new Set(s.parties[p].objectives).size).toBe(base.objectivesPerParty);
      for (const id of s.parties[p].objectives) expect(base.objectives.find((o) => o.id === id)?.party).toBe(p);
    }
    expect(s.trust.israel.hamas).toBe(5);
    expect(s.trust.qatar.turkiye).toBe(base.trustStart);
  });

  it("is deterministic: the same seed deals the same game; seeds differ", () => {
    const a = createGame(base, { seed: 9 });
    const b = createGame(base, { seed: 9 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const deals = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      const g = createGame(base, { seed });
      if (g.ok) deals.add(JSON.stringify(PARTY_IDS.map((p) => g.value.parties[p].objectives)));
    }
    expect(deals.size).toBeGreaterThan(1);
  });

  it("uses the limits of a patched scenario", () => {
    const patched = patchScenario(base, { rounds: { min: 3, default: 4, max: 5 } });
    expect(patched.ok).toBe(true);
    const sc = (patched as { ok: true; value: Scenario }).value;
    expect(createGame(sc, { seed: 1, rounds: 3 }).ok).toBe(true);
    expect(createGame(sc, { seed: 1, rounds: 6 }).ok).toBe(false);
  });
});
