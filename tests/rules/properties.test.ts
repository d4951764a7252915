// Property tests: random tables driven by legal actions, random (sometimes invalid) offers and
// decisions, garbage and deadlines. After every step the rules' invariants must hold.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  apply,
  availableTerms,
  DDR_ELEMENTS,
  decisionOptions,
  legalActions,
  MANDATES,
  MOVE_IDS,
  parseAction,
  PARTY_IDS,
  replay,
  RULE_ERROR_CODES,
  TERM_KINDS,
  TRACK_KEYS,
  viewFor,
  ZONE_IDS,
  type Action,
  type GameState,
  type Obligation,
  type PartyId,
} from "../../shared/index.ts";
import { json, scenario, Table } from "../helpers/game.ts";

// ---- Steps: recipes turned into concrete inputs against the current state ----

// Four times in five a term the party can give now with a legal parameter; otherwise anything.
const termPick = fc.record({ who: fc.nat(6), kind: fc.nat(), valid: fc.nat(4).map((n) => n > 0), n: fc.nat(), wild: fc.oneof(fc.integer({ min: -100, max: 3000 }), fc.double()) });
type TermPick = typeof termPick extends fc.Arbitrary<infer T> ? T : never;

const step = fc.oneof(
  { weight: 30, arbitrary: fc.record({ tag: fc.constant("legal" as const), pick: fc.nat() }) },
  { weight: 14, arbitrary: fc.record({ tag: fc.constant("propose" as const), by: fc.nat(5), to: fc.uniqueArray(fc.nat(4), { minLength: 1, maxLength: 3 }), self: fc.nat(9), terms: fc.array(termPick, { minLength: 1, maxLength: 4 }) }) },
  // The Phase One exchange, so that random tables also reach Phases Two and Three.
  { weight: 4, arbitrary: fc.record({ tag: fc.constant("exchange" as const), detainees: fc.integer({ min: 20, max: 39 }) }) },
  {
    weight: 14,
    arbitrary: fc.record({
      tag: fc.constant("answer" as const),
      kind: fc.constantFrom("accept", "reject", "withdraw", "counter"),
      by: fc.nat(5),
      offer: fc.oneof(fc.nat(), fc.nat(60)),
      keep: fc.array(fc.nat(4), { maxLength: 3 }),
      add: fc.array(termPick, { maxLength: 2 }),
    }),
  },
  {
    weight: 14,
    arbitrary: fc.record({
      tag: fc.constant("decide" as const),
      draft: fc.boolean(),
      // One decision in five ignores what the party may do; the others stay within its options.
      wild: fc.nat(4).map((n) => n === 0),
      by: fc.nat(5),
      moves: fc.nat(),
      breaks: fc.nat(),
      pledge: fc.oneof(fc.constant(0), fc.nat(20).map((n) => n * 250), fc.integer({ min: -500, max: 6000 })),
      mandate: fc.constantFrom(null, ...MANDATES.slice(1)),
      zones: fc.subarray([...ZONE_IDS], { maxLength: 2 }),
      decommission: fc.record({ heavy: fc.nat(27), tunnels: fc.nat(27), small_arms: fc.nat(27) }),
      ddr: fc.subarray([...DDR_ELEMENTS], { maxLength: 2 }),
    }),
  },
  { weight: 5, arbitrary: fc.record({ tag: fc.constant("talk" as const), by: fc.nat(5), to: fc.nat(6), text: fc.string({ unit: fc.constantFrom("a", " ", "é", "\u0000", "\n", "\u202e", "!"), maxLength: 20 }) }) },
  { weight: 3, arbitrary: fc.record({ tag: fc.constant("inject" as const), by: fc.constantFrom("facilitator", "facilitator", "system", "israel"), event: fc.nat() }) },
  { weight: 8, arbitrary: fc.record({ tag: fc.constant("advance" as const), by: fc.constantFrom("system", "facilitator") }) },
  {
    weight: 5,
    arbitrary: fc.oneof(
      fc.record({ tag: fc.constant("garbage" as const), value: fc.anything() }),
      fc.record({ tag: fc.constant("garbage" as const), value: fc.record({ type: fc.constantFrom("propose", "accept", "decide", "ready", "inject", "counter"), by: fc.constantFrom(...PARTY_IDS, "system", "nobody"), offerId: fc.anything(), decision: fc.anything(), obligations: fc.anything() }, { requiredKeys: ["type", "by"] }) }),
    ),
  },
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

const party = (i: number): PartyId => PARTY_IDS[i % PARTY_IDS.length]!;
const at = <T,>(items: readonly T[], i: number): T | undefined => (items.length === 0 ? undefined : items[i % items.length]);
const bits = <T,>(items: readonly T[], mask: number) => items.filter((_, i) => (mask >> i) & 1);

/** A term for `p`: usually one it could give now with a legal parameter, sometimes anything. */
function term(s: GameState, p: PartyId, pick: TermPick): Obligation {
  const kinds = availableTerms(scenario, s, p);
  const kind = (pick.valid ? at(kinds, pick.kind) : undefined) ?? at(TERM_KINDS, pick.kind)!;
  const param = scenario.terms[kind].param;
  if (param.type === "none") return { party: p, term: { kind } };
  if (param.type === "choice") return { party: p, term: { kind, option: at(param.options, pick.n)! } };
  if (!pick.valid) return { party: p, term: { kind, amount: pick.wild } };
  const steps = Math.floor((param.max - param.min) / param.step) + 1;
  return { party: p, term: { kind, amount: param.min + (pick.n % steps) * param.step } };
}

function toInput(s: GameState, st: Step): unknown {
  switch (st.tag) {
    case "legal":
      return at(PARTY_IDS.flatMap((p) => legalActions(s, p)), st.pick) ?? { type: "advance", by: "system" };
    case "propose": {
      const by = party(st.by);
      // To others; now and then (self = 0) to itself as well.
      const to = st.to.map((i) => PARTY_IDS.filter((p) => p !== by)[i]!).concat(st.self === 0 ? [by] : []);
      const involved = [by, ...to];
      return { type: "propose", by, to, obligations: st.terms.map((t) => term(s, involved[t.who % involved.length]!, t)) };
    }
    case "exchange": {
      const hostages = 20 - s.tracks.hostagesReleased;
      const detainees = Math.min(st.detainees * 50, 1950 - s.tracks.detaineesReleased);
      const obligations = [
        ...(detainees >= 50 ? [{ party: "israel", term: { kind: "release_detainees", amount: detainees } }] : [{ party: "israel", term: { kind: "halt_strikes" } }]),
        ...(hostages > 0 ? [{ party: "hamas", term: { kind: "release_hostages", amount: hostages } }] : []),
      ];
      return { type: "propose", by: "israel", to: ["hamas"], obligations };
    }
    case "answer": {
      const offer = at(s.offers, st.offer);
      const by = offer && st.kind === "withdraw" ? offer.proposer : (at(offer?.recipients ?? [], st.by) ?? party(st.by));
      const add = st.add.map((t) => term(s, t.who % 3 !== 0 ? by : party(t.who), t));
      return { type: st.kind, by, offerId: offer?.id ?? st.offer, ...(st.kind === "counter" ? { keep: st.keep, add } : {}) };
    }
    case "decide": {
      const by = party(st.by);
      const options = decisionOptions(scenario, s, by);
      const breaks = bits(options.commitments, st.breaks).map((c) => c.id);
      if (st.wild) {
        const moves = bits(options.moves, st.moves >> 8).concat(st.moves % 7 === 0 ? [at(MOVE_IDS, st.moves)!] : []);
        const decision = { breaks, moves, pledge: st.pledge, mandate: st.mandate, zones: st.zones, decommission: st.decommission, ddr: st.ddr };
        return { type: st.draft ? "draft" : "decide", by, decision };
      }
      const groups = new Set<string>();
      const moves = bits(options.moves, st.moves >> 8).filter((m) => !groups.has(scenario.moves[m].group) && groups.add(scenario.moves[m].group));
      const cap = (n: number) => Math.min(n, options.maxDecommission);
      const decision = {
        breaks,
        moves,
        pledge: options.canPledge ? Math.min(Math.max(0, Math.round(st.pledge / 250) * 250), options.maxPledge) : 0,
        mandate: options.canSetMandate ? st.mandate : null,
        zones: st.zones.filter((z) => options.zones.includes(z)),
        decommission: options.canDecommission ? { heavy: cap(st.decommission.heavy), tunnels: cap(st.decommission.tunnels), small_arms: cap(st.decommission.small_arms) } : undefined,
        ddr: st.ddr.filter((e) => options.ddr.includes(e)),
      };
      return { type: st.draft ? "draft" : "decide", by, decision };
    }
    case "talk":
      return st.to === 6 ? { type: "statement", by: party(st.by), text: st.text } : { type: "message", by: party(st.by), to: party(st.to), text: st.text };
    case "inject":
      return { type: "inject", by: st.by, eventId: at(scenario.events, st.event)!.id };
    case "advance":
      return { type: "advance", by: st.by };
    case "garbage":
      return st.value;
  }
}

// ---- Invariants ----

function checkState(s: GameState, prev: GameState): void {
  for (const k of TRACK_KEYS) {
    const { min, max } = scenario.tracks[k];
    expect(Number.isFinite(s.tracks[k]), k).toBe(true);
    expect(s.tracks[k] >= min && s.tracks[k] <= max, `${k} = ${s.tracks[k]}`).toBe(true);
  }
  const t = s.tracks;
  expect(t.hostagesReleased).toBeLessThanOrEqual(20);
  expect(t.remainsReturned).toBeLessThanOrEqual(28);
  expect(t.detaineesReleased).toBeLessThanOrEqual(1950);
  expect(t.palestinianRemainsReturned).toBe(Math.min(420, t.remainsReturned * scenario.weights.palestinianRemainsPerIsraeli));
  expect(t.remainsReturned + t.remainsLocated).toBeLessThanOrEqual(28);
  for (const p of PARTY_IDS) {
    const ps = s.parties[p];
    expect(ps.pressure >= 0 && ps.pressure <= 100, `pressure ${p}`).toBe(true);
    expect(ps.leverage >= 0 && ps.leverage <= 10, `leverage ${p}`).toBe(true);
    for (const q of PARTY_IDS) expect(s.trust[p][q] >= 0 && s.trust[p][q] <= 100, `trust ${p}→${q}`).toBe(true);
  }
  expect(s.phase).toBeGreaterThanOrEqual(prev.phase);
  expect(s.round).toBeGreaterThanOrEqual(prev.round);
  expect(s.round).toBeLessThanOrEqual(s.config.rounds);
  expect(s.stage === "ended").toBe(s.outcome !== null);
  expect(s.stage === "ended").toBe(s.scores !== null);
  expect(new Set(s.isfZones).size).toBe(s.isfZones.length);
  const ids = [...s.offers.map((o) => o.id), ...s.commitments.map((c) => c.id), ...s.messages.map((m) => m.id)];
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.every((id) => id < s.nextId)).toBe(true);
  for (const o of s.offers)
    if (o.status === "accepted") expect(s.commitments.filter((c) => c.offerId === o.id)).toHaveLength(o.obligations.length);
}

function checkViews(s: GameState): void {
  const ended = s.stage === "ended";
  for (const p of PARTY_IDS) {
    const v = viewFor(scenario, s, p);
    if (ended) {
      expect(Object.keys(v.private)).toHaveLength(6);
      expect(v.offers).toHaveLength(s.offers.length);
      continue;
    }
    expect(Object.keys(v.private)).toEqual([p]);
    expect(v.offers).toHaveLength(s.offers.filter((o) => o.proposer === p || o.recipients.includes(p)).length);
    expect(v.offers.every((o) => o.proposer === p || o.recipients.includes(p))).toBe(true);
    expect(v.commitments.every((c) => c.party === p || c.counterparties.includes(p))).toBe(true);
    expect(v.messages.every((m) => m.to === "all" || m.to === p || m.from === p)).toBe(true);
    expect(v.messages).toHaveLength(s.messages.filter((m) => m.to === "all" || m.to === p || m.from === p).length);
  }
  const facilitator = viewFor(scenario, s, "facilitator");
  expect(Object.keys(facilitator.private)).toHaveLength(6);
  expect(facilitator.offers).toHaveLength(s.offers.length);
  expect(facilitator.messages).toHaveLength(s.messages.length);
  const spectator = viewFor(scenario, s, "spectator");
  if (ended) {
    expect(Object.keys(spectator.private)).toHaveLength(6);
    expect(spectator.offers).toHaveLength(s.offers.length);
    expect(spectator.explanation).not.toBeNull();
  } else {
    expect(spectator.private).toEqual({});
    expect(spectator.offers).toEqual([]);
    expect(spectator.commitments).toEqual([]);
    expect(spectator.messages.every((m) => m.to === "all")).toBe(true);
    expect(spectator.explanation).toBeNull();
  }
}

let stepsTaken = 0;
let accepted = 0;

function run(seed: number, rounds: number, steps: Step[]): void {
  const table = Table.begin({ seed, rounds });
  let s = table.state;
  const log: Action[] = [...table.log];
  for (const st of steps) {
    if (s.stage === "ended") break;
    const input = toInput(s, st);
    const before = json(s);
    const result = apply(scenario, s, input);
    stepsTaken++;
    expect(json(s), "apply mutated its input").toBe(before);
    if (!result.ok) {
      expect(RULE_ERROR_CODES).toContain(result.error.code);
      expect(result.error.message.length).toBeGreaterThan(0);
      continue;
    }
    accepted++;
    const parsed = parseAction(input);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) log.push(parsed.value);
    checkState(result.value, s);
    s = result.value;
    checkViews(s);
    const replayed = replay(scenario, { scenarioId: scenario.id, options: { seed, rounds }, actions: log });
    expect(replayed.ok).toBe(true);
    if (replayed.ok) expect(json(replayed.value), "replay differs from the live game").toBe(json(s));
  }
}

describe("random tables keep every invariant", () => {
  it("after every step: bounds, counts, no mutation, refusals change nothing, replay identical, views private", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 6, max: 12 }), fc.array(step, { minLength: 40, maxLength: 250, size: "max" }), run),
      { numRuns: 250 },
    );
    // The generator must actually exercise the rules, not only be refused.
    expect(stepsTaken).toBeGreaterThan(5000);
    expect(accepted).toBeGreaterThan(stepsTaken / 4);
    // Thousands of checked steps: generous room on a busy machine (this is not a timing assertion).
  }, 600_000);
});
